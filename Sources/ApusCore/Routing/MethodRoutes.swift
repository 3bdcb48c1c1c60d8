/// The registration function of one HTTP method on a registrar: what `app.get`, `app.post`, ... and
/// `app.on(method)` are. Call it with a path and a handler.
///
/// ```swift
/// app.get("/health") { _ in ["status": "ok"] }
/// app.delete("/items/{item_id}") { request in HTTPResponse.Status.noContent }
/// ```
///
/// This is the one registration function of the core: a handler that takes the ``Request``. Typed endpoints
/// (ApusEndpoints) add the other, whose handler takes extracted, validated values.
public struct MethodRoutes: Sendable {
    /// Where the routes go.
    public let registrar: any RouteRegistering
    /// The method they answer.
    public let method: HTTPRequest.Method

    /// Creates the registration function for `method` on `registrar`.
    public init(registrar: any RouteRegistering, method: HTTPRequest.Method) {
        self.registrar = registrar
        self.method = method
    }

    /// Adds a route whose handler receives the request.
    ///
    /// What the handler returns becomes the response as ``Response/rendering(of:)`` says: a ``ResponseConvertible``
    /// (``Response``, a status) as it says, any other `Encodable` as JSON with the route's status (200 unless
    /// `metadata.status` says otherwise), nothing (`Void`) as JSON `null`. Another return type is reported when
    /// the app builds its route table (``RouteTableError``).
    ///
    /// - Parameters:
    ///   - path: the path template, e.g. `/items/{item_id}` (relative to the registrar's prefix).
    ///   - metadata: names, documentation, tags, the success status.
    ///   - file: where the route is registered (for error messages).
    ///   - line: where the route is registered.
    ///   - handler: answers the request.
    public func callAsFunction<Output>(
        _ path: String,
        metadata: RouteMetadata = RouteMetadata(),
        file: String = #fileID,
        line: Int = #line,
        handler: @escaping @Sendable (Request) async throws -> Output
    ) {
        let location = SourceLocation(fileID: file, line: line)
        let status = metadata.status ?? .ok
        guard let rendering = Response.rendering(of: Output.self) else {
            var metadata = metadata
            metadata.attachments.addCheck(.unsupportedReturnType(Output.self))
            self.registrar.add(
                Route(method: self.method, path: path, metadata: metadata, location: location) { _ in
                    throw HTTPError(.internalServerError)
                })
            return
        }
        self.registrar.add(
            Route(method: self.method, path: path, metadata: metadata, location: location) { request in
                try rendering(try await handler(request), request, status)
            }
        )
    }
}
