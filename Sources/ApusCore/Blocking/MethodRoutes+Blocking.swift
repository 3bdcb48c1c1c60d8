extension MethodRoutes {
    /// Adds a route whose synchronous handler blocks its thread, run on `pool` instead of an event loop (FastAPI's
    /// `def` endpoint): `app.get("/report", blocking: .shared) { request in try LegacyReports.render() }`.
    ///
    /// The same as the asynchronous form otherwise (what the handler returns becomes the response the same way).
    ///
    /// - Parameters:
    ///   - path: the path template, e.g. `/items/{item_id}` (relative to the registrar's prefix).
    ///   - metadata: names, documentation, tags, the success status.
    ///   - pool: the threads the handler runs on (``BlockingPool/shared`` unless the app has its own).
    ///   - file: where the route is registered (for error messages).
    ///   - line: where the route is registered.
    ///   - handler: answers the request, on one of the pool's threads.
    public func callAsFunction<Output: Sendable>(
        _ path: String,
        metadata: RouteMetadata = RouteMetadata(),
        blocking pool: BlockingPool,
        file: String = #fileID,
        line: Int = #line,
        handler: @escaping @Sendable (Request) throws -> Output
    ) {
        self(path, metadata: metadata, file: file, line: line) { request in
            try await pool.run { try handler(request) }
        }
    }
}
