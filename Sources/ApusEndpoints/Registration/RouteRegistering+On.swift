import ApusCore
import ApusModels

// The typed-endpoint registration functions: `on` for any method, and one per method so that
// `app.get("/items/{item_id}", Path<Int>("item_id")) { itemID in ... }` reads like FastAPI's `@app.get`. Each has
// one overload per kind of return value (see `ResponseEncoder`); all end in `endpoint(...)`. Written from one
// template: keep the overloads identical apart from the constraint and the encoder.

extension RouteRegistering {
    /// Adds a typed endpoint whose handler returns a model or other ``SchemaValue``, encoded by ApusModels (with `encoding`).
    ///
    /// See ``RouteRegistering/endpoint(_:_:_:status:metadata:responses:dependencies:encoder:file:line:handler:)``
    /// for the parameters.
    public func on<each E: Extractor, Output: SchemaValue>(
        _ method: HTTPRequest.Method,
        _ path: String,
        _ extractors: repeat each E,
        status: HTTPResponse.Status? = nil,
        metadata: RouteMetadata = RouteMetadata(),
        responses: [DocumentedResponse] = [],
        dependencies: [DependencyRequirement] = [],
        encoding: EncodingOptions = EncodingOptions(),
        file: String = #fileID,
        line: Int = #line,
        handler: @escaping @Sendable (repeat (each E).Value) async throws -> Output
    ) {
        self.endpoint(
            method, path, repeat each extractors, status: status, metadata: metadata, responses: responses,
            dependencies: dependencies, encoder: .schemaValue(options: encoding), file: file, line: line, handler: handler
        )
    }

    /// Adds a typed endpoint whose handler returns a ``SchemaValue`` that is also `Encodable` (ApusModels' encoder wins).
    ///
    /// See ``RouteRegistering/endpoint(_:_:_:status:metadata:responses:dependencies:encoder:file:line:handler:)``
    /// for the parameters.
    public func on<each E: Extractor, Output: SchemaValue & Encodable>(
        _ method: HTTPRequest.Method,
        _ path: String,
        _ extractors: repeat each E,
        status: HTTPResponse.Status? = nil,
        metadata: RouteMetadata = RouteMetadata(),
        responses: [DocumentedResponse] = [],
        dependencies: [DependencyRequirement] = [],
        encoding: EncodingOptions = EncodingOptions(),
        file: String = #fileID,
        line: Int = #line,
        handler: @escaping @Sendable (repeat (each E).Value) async throws -> Output
    ) {
        self.endpoint(
            method, path, repeat each extractors, status: status, metadata: metadata, responses: responses,
            dependencies: dependencies, encoder: .schemaValue(options: encoding), file: file, line: line, handler: handler
        )
    }

    /// Adds a typed endpoint whose handler returns a ``Response`` (or anything ``ResponseConvertible``), sent as it is.
    ///
    /// See ``RouteRegistering/endpoint(_:_:_:status:metadata:responses:dependencies:encoder:file:line:handler:)``
    /// for the parameters.
    public func on<each E: Extractor, Output: ResponseConvertible>(
        _ method: HTTPRequest.Method,
        _ path: String,
        _ extractors: repeat each E,
        status: HTTPResponse.Status? = nil,
        metadata: RouteMetadata = RouteMetadata(),
        responses: [DocumentedResponse] = [],
        dependencies: [DependencyRequirement] = [],
        encoding: EncodingOptions = EncodingOptions(),
        file: String = #fileID,
        line: Int = #line,
        handler: @escaping @Sendable (repeat (each E).Value) async throws -> Output
    ) {
        self.endpoint(
            method, path, repeat each extractors, status: status, metadata: metadata, responses: responses,
            dependencies: dependencies, encoder: .responseConvertible, file: file, line: line, handler: handler
        )
    }

    /// Adds a typed endpoint whose handler returns any other `Encodable`, sent as JSON by the core's encoder.
    ///
    /// See ``RouteRegistering/endpoint(_:_:_:status:metadata:responses:dependencies:encoder:file:line:handler:)``
    /// for the parameters.
    public func on<each E: Extractor, Output: Encodable & SendableMetatype>(
        _ method: HTTPRequest.Method,
        _ path: String,
        _ extractors: repeat each E,
        status: HTTPResponse.Status? = nil,
        metadata: RouteMetadata = RouteMetadata(),
        responses: [DocumentedResponse] = [],
        dependencies: [DependencyRequirement] = [],
        encoding: EncodingOptions = EncodingOptions(),
        file: String = #fileID,
        line: Int = #line,
        handler: @escaping @Sendable (repeat (each E).Value) async throws -> Output
    ) {
        self.endpoint(
            method, path, repeat each extractors, status: status, metadata: metadata, responses: responses,
            dependencies: dependencies, encoder: .encodable, file: file, line: line, handler: handler
        )
    }

    /// Adds a typed endpoint whose handler returns a value that is `Encodable` and ``ResponseConvertible`` (its own response wins).
    ///
    /// See ``RouteRegistering/endpoint(_:_:_:status:metadata:responses:dependencies:encoder:file:line:handler:)``
    /// for the parameters.
    public func on<each E: Extractor, Output: Encodable & ResponseConvertible>(
        _ method: HTTPRequest.Method,
        _ path: String,
        _ extractors: repeat each E,
        status: HTTPResponse.Status? = nil,
        metadata: RouteMetadata = RouteMetadata(),
        responses: [DocumentedResponse] = [],
        dependencies: [DependencyRequirement] = [],
        encoding: EncodingOptions = EncodingOptions(),
        file: String = #fileID,
        line: Int = #line,
        handler: @escaping @Sendable (repeat (each E).Value) async throws -> Output
    ) {
        self.endpoint(
            method, path, repeat each extractors, status: status, metadata: metadata, responses: responses,
            dependencies: dependencies, encoder: .responseConvertible, file: file, line: line, handler: handler
        )
    }

}
