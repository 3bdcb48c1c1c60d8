// The method-named registration functions. Each forwards to `on(_:_:metadata:file:line:handler:)`; they exist
// so that `app.get("/items") { ... }` reads like FastAPI's `@app.get("/items")`.

extension RouteRegistering {
    /// Adds a GET route whose handler returns a response (or anything ``ResponseConvertible``).
    public func get<Output: ResponseConvertible>(
        _ path: String,
        metadata: RouteMetadata = RouteMetadata(),
        file: String = #fileID,
        line: Int = #line,
        handler: @escaping @Sendable (Request) async throws -> Output
    ) {
        self.on(.get, path, metadata: metadata, file: file, line: line, handler: handler)
    }

    /// Adds a GET route whose handler returns a value sent as JSON.
    public func get<Output: Encodable & SendableMetatype>(
        _ path: String,
        metadata: RouteMetadata = RouteMetadata(),
        file: String = #fileID,
        line: Int = #line,
        handler: @escaping @Sendable (Request) async throws -> Output
    ) {
        self.on(.get, path, metadata: metadata, file: file, line: line, handler: handler)
    }

    /// Adds a GET route whose handler returns a value that is `Encodable` and ``ResponseConvertible`` (its own response wins).
    public func get<Output: Encodable & ResponseConvertible & SendableMetatype>(
        _ path: String,
        metadata: RouteMetadata = RouteMetadata(),
        file: String = #fileID,
        line: Int = #line,
        handler: @escaping @Sendable (Request) async throws -> Output
    ) {
        self.on(.get, path, metadata: metadata, file: file, line: line, handler: handler)
    }

    /// Adds a POST route whose handler returns a response (or anything ``ResponseConvertible``).
    public func post<Output: ResponseConvertible>(
        _ path: String,
        metadata: RouteMetadata = RouteMetadata(),
        file: String = #fileID,
        line: Int = #line,
        handler: @escaping @Sendable (Request) async throws -> Output
    ) {
        self.on(.post, path, metadata: metadata, file: file, line: line, handler: handler)
    }

    /// Adds a POST route whose handler returns a value sent as JSON.
    public func post<Output: Encodable & SendableMetatype>(
        _ path: String,
        metadata: RouteMetadata = RouteMetadata(),
        file: String = #fileID,
        line: Int = #line,
        handler: @escaping @Sendable (Request) async throws -> Output
    ) {
        self.on(.post, path, metadata: metadata, file: file, line: line, handler: handler)
    }

    /// Adds a POST route whose handler returns a value that is `Encodable` and ``ResponseConvertible`` (its own response wins).
    public func post<Output: Encodable & ResponseConvertible & SendableMetatype>(
        _ path: String,
        metadata: RouteMetadata = RouteMetadata(),
        file: String = #fileID,
        line: Int = #line,
        handler: @escaping @Sendable (Request) async throws -> Output
    ) {
        self.on(.post, path, metadata: metadata, file: file, line: line, handler: handler)
    }

    /// Adds a PUT route whose handler returns a response (or anything ``ResponseConvertible``).
    public func put<Output: ResponseConvertible>(
        _ path: String,
        metadata: RouteMetadata = RouteMetadata(),
        file: String = #fileID,
        line: Int = #line,
        handler: @escaping @Sendable (Request) async throws -> Output
    ) {
        self.on(.put, path, metadata: metadata, file: file, line: line, handler: handler)
    }

    /// Adds a PUT route whose handler returns a value sent as JSON.
    public func put<Output: Encodable & SendableMetatype>(
        _ path: String,
        metadata: RouteMetadata = RouteMetadata(),
        file: String = #fileID,
        line: Int = #line,
        handler: @escaping @Sendable (Request) async throws -> Output
    ) {
        self.on(.put, path, metadata: metadata, file: file, line: line, handler: handler)
    }

    /// Adds a PUT route whose handler returns a value that is `Encodable` and ``ResponseConvertible`` (its own response wins).
    public func put<Output: Encodable & ResponseConvertible & SendableMetatype>(
        _ path: String,
        metadata: RouteMetadata = RouteMetadata(),
        file: String = #fileID,
        line: Int = #line,
        handler: @escaping @Sendable (Request) async throws -> Output
    ) {
        self.on(.put, path, metadata: metadata, file: file, line: line, handler: handler)
    }

    /// Adds a PATCH route whose handler returns a response (or anything ``ResponseConvertible``).
    public func patch<Output: ResponseConvertible>(
        _ path: String,
        metadata: RouteMetadata = RouteMetadata(),
        file: String = #fileID,
        line: Int = #line,
        handler: @escaping @Sendable (Request) async throws -> Output
    ) {
        self.on(.patch, path, metadata: metadata, file: file, line: line, handler: handler)
    }

    /// Adds a PATCH route whose handler returns a value sent as JSON.
    public func patch<Output: Encodable & SendableMetatype>(
        _ path: String,
        metadata: RouteMetadata = RouteMetadata(),
        file: String = #fileID,
        line: Int = #line,
        handler: @escaping @Sendable (Request) async throws -> Output
    ) {
        self.on(.patch, path, metadata: metadata, file: file, line: line, handler: handler)
    }

    /// Adds a PATCH route whose handler returns a value that is `Encodable` and ``ResponseConvertible`` (its own response wins).
    public func patch<Output: Encodable & ResponseConvertible & SendableMetatype>(
        _ path: String,
        metadata: RouteMetadata = RouteMetadata(),
        file: String = #fileID,
        line: Int = #line,
        handler: @escaping @Sendable (Request) async throws -> Output
    ) {
        self.on(.patch, path, metadata: metadata, file: file, line: line, handler: handler)
    }

    /// Adds a DELETE route whose handler returns a response (or anything ``ResponseConvertible``).
    public func delete<Output: ResponseConvertible>(
        _ path: String,
        metadata: RouteMetadata = RouteMetadata(),
        file: String = #fileID,
        line: Int = #line,
        handler: @escaping @Sendable (Request) async throws -> Output
    ) {
        self.on(.delete, path, metadata: metadata, file: file, line: line, handler: handler)
    }

    /// Adds a DELETE route whose handler returns a value sent as JSON.
    public func delete<Output: Encodable & SendableMetatype>(
        _ path: String,
        metadata: RouteMetadata = RouteMetadata(),
        file: String = #fileID,
        line: Int = #line,
        handler: @escaping @Sendable (Request) async throws -> Output
    ) {
        self.on(.delete, path, metadata: metadata, file: file, line: line, handler: handler)
    }

    /// Adds a DELETE route whose handler returns a value that is `Encodable` and ``ResponseConvertible`` (its own response wins).
    public func delete<Output: Encodable & ResponseConvertible & SendableMetatype>(
        _ path: String,
        metadata: RouteMetadata = RouteMetadata(),
        file: String = #fileID,
        line: Int = #line,
        handler: @escaping @Sendable (Request) async throws -> Output
    ) {
        self.on(.delete, path, metadata: metadata, file: file, line: line, handler: handler)
    }

    /// Adds a HEAD route whose handler returns a response (or anything ``ResponseConvertible``).
    public func head<Output: ResponseConvertible>(
        _ path: String,
        metadata: RouteMetadata = RouteMetadata(),
        file: String = #fileID,
        line: Int = #line,
        handler: @escaping @Sendable (Request) async throws -> Output
    ) {
        self.on(.head, path, metadata: metadata, file: file, line: line, handler: handler)
    }

    /// Adds a HEAD route whose handler returns a value sent as JSON.
    public func head<Output: Encodable & SendableMetatype>(
        _ path: String,
        metadata: RouteMetadata = RouteMetadata(),
        file: String = #fileID,
        line: Int = #line,
        handler: @escaping @Sendable (Request) async throws -> Output
    ) {
        self.on(.head, path, metadata: metadata, file: file, line: line, handler: handler)
    }

    /// Adds a HEAD route whose handler returns a value that is `Encodable` and ``ResponseConvertible`` (its own response wins).
    public func head<Output: Encodable & ResponseConvertible & SendableMetatype>(
        _ path: String,
        metadata: RouteMetadata = RouteMetadata(),
        file: String = #fileID,
        line: Int = #line,
        handler: @escaping @Sendable (Request) async throws -> Output
    ) {
        self.on(.head, path, metadata: metadata, file: file, line: line, handler: handler)
    }

    /// Adds a OPTIONS route whose handler returns a response (or anything ``ResponseConvertible``).
    public func options<Output: ResponseConvertible>(
        _ path: String,
        metadata: RouteMetadata = RouteMetadata(),
        file: String = #fileID,
        line: Int = #line,
        handler: @escaping @Sendable (Request) async throws -> Output
    ) {
        self.on(.options, path, metadata: metadata, file: file, line: line, handler: handler)
    }

    /// Adds a OPTIONS route whose handler returns a value sent as JSON.
    public func options<Output: Encodable & SendableMetatype>(
        _ path: String,
        metadata: RouteMetadata = RouteMetadata(),
        file: String = #fileID,
        line: Int = #line,
        handler: @escaping @Sendable (Request) async throws -> Output
    ) {
        self.on(.options, path, metadata: metadata, file: file, line: line, handler: handler)
    }

    /// Adds a OPTIONS route whose handler returns a value that is `Encodable` and ``ResponseConvertible`` (its own response wins).
    public func options<Output: Encodable & ResponseConvertible & SendableMetatype>(
        _ path: String,
        metadata: RouteMetadata = RouteMetadata(),
        file: String = #fileID,
        line: Int = #line,
        handler: @escaping @Sendable (Request) async throws -> Output
    ) {
        self.on(.options, path, metadata: metadata, file: file, line: line, handler: handler)
    }
}
