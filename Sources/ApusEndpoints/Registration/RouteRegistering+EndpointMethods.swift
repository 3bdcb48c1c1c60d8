import ApusCore
import ApusModels

// One typed registration function per HTTP method, each with the five return-value overloads of `on` (see
// RouteRegistering+On.swift); they forward to `endpoint(...)`.

extension RouteRegistering {
    /// Adds a typed GET endpoint whose handler returns a model or other ``SchemaValue``, encoded by ApusModels (with `encoding`).
    ///
    /// See ``RouteRegistering/endpoint(_:_:_:status:metadata:responses:dependencies:encoder:file:line:handler:)``
    /// for the parameters.
    public func get<each E: Extractor, Output: SchemaValue>(
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
            .get, path, repeat each extractors, status: status, metadata: metadata, responses: responses,
            dependencies: dependencies, encoder: .schemaValue(options: encoding), file: file, line: line, handler: handler
        )
    }

    /// Adds a typed GET endpoint whose handler returns a ``SchemaValue`` that is also `Encodable` (ApusModels' encoder wins).
    ///
    /// See ``RouteRegistering/endpoint(_:_:_:status:metadata:responses:dependencies:encoder:file:line:handler:)``
    /// for the parameters.
    public func get<each E: Extractor, Output: SchemaValue & Encodable>(
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
            .get, path, repeat each extractors, status: status, metadata: metadata, responses: responses,
            dependencies: dependencies, encoder: .schemaValue(options: encoding), file: file, line: line, handler: handler
        )
    }

    /// Adds a typed GET endpoint whose handler returns a ``Response`` (or anything ``ResponseConvertible``), sent as it is.
    ///
    /// See ``RouteRegistering/endpoint(_:_:_:status:metadata:responses:dependencies:encoder:file:line:handler:)``
    /// for the parameters.
    public func get<each E: Extractor, Output: ResponseConvertible>(
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
            .get, path, repeat each extractors, status: status, metadata: metadata, responses: responses,
            dependencies: dependencies, encoder: .responseConvertible, file: file, line: line, handler: handler
        )
    }

    /// Adds a typed GET endpoint whose handler returns any other `Encodable`, sent as JSON by the core's encoder.
    ///
    /// See ``RouteRegistering/endpoint(_:_:_:status:metadata:responses:dependencies:encoder:file:line:handler:)``
    /// for the parameters.
    public func get<each E: Extractor, Output: Encodable & SendableMetatype>(
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
            .get, path, repeat each extractors, status: status, metadata: metadata, responses: responses,
            dependencies: dependencies, encoder: .encodable, file: file, line: line, handler: handler
        )
    }

    /// Adds a typed GET endpoint whose handler returns a value that is `Encodable` and ``ResponseConvertible`` (its own response wins).
    ///
    /// See ``RouteRegistering/endpoint(_:_:_:status:metadata:responses:dependencies:encoder:file:line:handler:)``
    /// for the parameters.
    public func get<each E: Extractor, Output: Encodable & ResponseConvertible>(
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
            .get, path, repeat each extractors, status: status, metadata: metadata, responses: responses,
            dependencies: dependencies, encoder: .responseConvertible, file: file, line: line, handler: handler
        )
    }

    /// Adds a typed POST endpoint whose handler returns a model or other ``SchemaValue``, encoded by ApusModels (with `encoding`).
    ///
    /// See ``RouteRegistering/endpoint(_:_:_:status:metadata:responses:dependencies:encoder:file:line:handler:)``
    /// for the parameters.
    public func post<each E: Extractor, Output: SchemaValue>(
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
            .post, path, repeat each extractors, status: status, metadata: metadata, responses: responses,
            dependencies: dependencies, encoder: .schemaValue(options: encoding), file: file, line: line, handler: handler
        )
    }

    /// Adds a typed POST endpoint whose handler returns a ``SchemaValue`` that is also `Encodable` (ApusModels' encoder wins).
    ///
    /// See ``RouteRegistering/endpoint(_:_:_:status:metadata:responses:dependencies:encoder:file:line:handler:)``
    /// for the parameters.
    public func post<each E: Extractor, Output: SchemaValue & Encodable>(
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
            .post, path, repeat each extractors, status: status, metadata: metadata, responses: responses,
            dependencies: dependencies, encoder: .schemaValue(options: encoding), file: file, line: line, handler: handler
        )
    }

    /// Adds a typed POST endpoint whose handler returns a ``Response`` (or anything ``ResponseConvertible``), sent as it is.
    ///
    /// See ``RouteRegistering/endpoint(_:_:_:status:metadata:responses:dependencies:encoder:file:line:handler:)``
    /// for the parameters.
    public func post<each E: Extractor, Output: ResponseConvertible>(
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
            .post, path, repeat each extractors, status: status, metadata: metadata, responses: responses,
            dependencies: dependencies, encoder: .responseConvertible, file: file, line: line, handler: handler
        )
    }

    /// Adds a typed POST endpoint whose handler returns any other `Encodable`, sent as JSON by the core's encoder.
    ///
    /// See ``RouteRegistering/endpoint(_:_:_:status:metadata:responses:dependencies:encoder:file:line:handler:)``
    /// for the parameters.
    public func post<each E: Extractor, Output: Encodable & SendableMetatype>(
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
            .post, path, repeat each extractors, status: status, metadata: metadata, responses: responses,
            dependencies: dependencies, encoder: .encodable, file: file, line: line, handler: handler
        )
    }

    /// Adds a typed POST endpoint whose handler returns a value that is `Encodable` and ``ResponseConvertible`` (its own response wins).
    ///
    /// See ``RouteRegistering/endpoint(_:_:_:status:metadata:responses:dependencies:encoder:file:line:handler:)``
    /// for the parameters.
    public func post<each E: Extractor, Output: Encodable & ResponseConvertible>(
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
            .post, path, repeat each extractors, status: status, metadata: metadata, responses: responses,
            dependencies: dependencies, encoder: .responseConvertible, file: file, line: line, handler: handler
        )
    }

    /// Adds a typed PUT endpoint whose handler returns a model or other ``SchemaValue``, encoded by ApusModels (with `encoding`).
    ///
    /// See ``RouteRegistering/endpoint(_:_:_:status:metadata:responses:dependencies:encoder:file:line:handler:)``
    /// for the parameters.
    public func put<each E: Extractor, Output: SchemaValue>(
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
            .put, path, repeat each extractors, status: status, metadata: metadata, responses: responses,
            dependencies: dependencies, encoder: .schemaValue(options: encoding), file: file, line: line, handler: handler
        )
    }

    /// Adds a typed PUT endpoint whose handler returns a ``SchemaValue`` that is also `Encodable` (ApusModels' encoder wins).
    ///
    /// See ``RouteRegistering/endpoint(_:_:_:status:metadata:responses:dependencies:encoder:file:line:handler:)``
    /// for the parameters.
    public func put<each E: Extractor, Output: SchemaValue & Encodable>(
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
            .put, path, repeat each extractors, status: status, metadata: metadata, responses: responses,
            dependencies: dependencies, encoder: .schemaValue(options: encoding), file: file, line: line, handler: handler
        )
    }

    /// Adds a typed PUT endpoint whose handler returns a ``Response`` (or anything ``ResponseConvertible``), sent as it is.
    ///
    /// See ``RouteRegistering/endpoint(_:_:_:status:metadata:responses:dependencies:encoder:file:line:handler:)``
    /// for the parameters.
    public func put<each E: Extractor, Output: ResponseConvertible>(
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
            .put, path, repeat each extractors, status: status, metadata: metadata, responses: responses,
            dependencies: dependencies, encoder: .responseConvertible, file: file, line: line, handler: handler
        )
    }

    /// Adds a typed PUT endpoint whose handler returns any other `Encodable`, sent as JSON by the core's encoder.
    ///
    /// See ``RouteRegistering/endpoint(_:_:_:status:metadata:responses:dependencies:encoder:file:line:handler:)``
    /// for the parameters.
    public func put<each E: Extractor, Output: Encodable & SendableMetatype>(
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
            .put, path, repeat each extractors, status: status, metadata: metadata, responses: responses,
            dependencies: dependencies, encoder: .encodable, file: file, line: line, handler: handler
        )
    }

    /// Adds a typed PUT endpoint whose handler returns a value that is `Encodable` and ``ResponseConvertible`` (its own response wins).
    ///
    /// See ``RouteRegistering/endpoint(_:_:_:status:metadata:responses:dependencies:encoder:file:line:handler:)``
    /// for the parameters.
    public func put<each E: Extractor, Output: Encodable & ResponseConvertible>(
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
            .put, path, repeat each extractors, status: status, metadata: metadata, responses: responses,
            dependencies: dependencies, encoder: .responseConvertible, file: file, line: line, handler: handler
        )
    }

    /// Adds a typed PATCH endpoint whose handler returns a model or other ``SchemaValue``, encoded by ApusModels (with `encoding`).
    ///
    /// See ``RouteRegistering/endpoint(_:_:_:status:metadata:responses:dependencies:encoder:file:line:handler:)``
    /// for the parameters.
    public func patch<each E: Extractor, Output: SchemaValue>(
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
            .patch, path, repeat each extractors, status: status, metadata: metadata, responses: responses,
            dependencies: dependencies, encoder: .schemaValue(options: encoding), file: file, line: line, handler: handler
        )
    }

    /// Adds a typed PATCH endpoint whose handler returns a ``SchemaValue`` that is also `Encodable` (ApusModels' encoder wins).
    ///
    /// See ``RouteRegistering/endpoint(_:_:_:status:metadata:responses:dependencies:encoder:file:line:handler:)``
    /// for the parameters.
    public func patch<each E: Extractor, Output: SchemaValue & Encodable>(
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
            .patch, path, repeat each extractors, status: status, metadata: metadata, responses: responses,
            dependencies: dependencies, encoder: .schemaValue(options: encoding), file: file, line: line, handler: handler
        )
    }

    /// Adds a typed PATCH endpoint whose handler returns a ``Response`` (or anything ``ResponseConvertible``), sent as it is.
    ///
    /// See ``RouteRegistering/endpoint(_:_:_:status:metadata:responses:dependencies:encoder:file:line:handler:)``
    /// for the parameters.
    public func patch<each E: Extractor, Output: ResponseConvertible>(
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
            .patch, path, repeat each extractors, status: status, metadata: metadata, responses: responses,
            dependencies: dependencies, encoder: .responseConvertible, file: file, line: line, handler: handler
        )
    }

    /// Adds a typed PATCH endpoint whose handler returns any other `Encodable`, sent as JSON by the core's encoder.
    ///
    /// See ``RouteRegistering/endpoint(_:_:_:status:metadata:responses:dependencies:encoder:file:line:handler:)``
    /// for the parameters.
    public func patch<each E: Extractor, Output: Encodable & SendableMetatype>(
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
            .patch, path, repeat each extractors, status: status, metadata: metadata, responses: responses,
            dependencies: dependencies, encoder: .encodable, file: file, line: line, handler: handler
        )
    }

    /// Adds a typed PATCH endpoint whose handler returns a value that is `Encodable` and ``ResponseConvertible`` (its own response wins).
    ///
    /// See ``RouteRegistering/endpoint(_:_:_:status:metadata:responses:dependencies:encoder:file:line:handler:)``
    /// for the parameters.
    public func patch<each E: Extractor, Output: Encodable & ResponseConvertible>(
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
            .patch, path, repeat each extractors, status: status, metadata: metadata, responses: responses,
            dependencies: dependencies, encoder: .responseConvertible, file: file, line: line, handler: handler
        )
    }

    /// Adds a typed DELETE endpoint whose handler returns a model or other ``SchemaValue``, encoded by ApusModels (with `encoding`).
    ///
    /// See ``RouteRegistering/endpoint(_:_:_:status:metadata:responses:dependencies:encoder:file:line:handler:)``
    /// for the parameters.
    public func delete<each E: Extractor, Output: SchemaValue>(
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
            .delete, path, repeat each extractors, status: status, metadata: metadata, responses: responses,
            dependencies: dependencies, encoder: .schemaValue(options: encoding), file: file, line: line, handler: handler
        )
    }

    /// Adds a typed DELETE endpoint whose handler returns a ``SchemaValue`` that is also `Encodable` (ApusModels' encoder wins).
    ///
    /// See ``RouteRegistering/endpoint(_:_:_:status:metadata:responses:dependencies:encoder:file:line:handler:)``
    /// for the parameters.
    public func delete<each E: Extractor, Output: SchemaValue & Encodable>(
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
            .delete, path, repeat each extractors, status: status, metadata: metadata, responses: responses,
            dependencies: dependencies, encoder: .schemaValue(options: encoding), file: file, line: line, handler: handler
        )
    }

    /// Adds a typed DELETE endpoint whose handler returns a ``Response`` (or anything ``ResponseConvertible``), sent as it is.
    ///
    /// See ``RouteRegistering/endpoint(_:_:_:status:metadata:responses:dependencies:encoder:file:line:handler:)``
    /// for the parameters.
    public func delete<each E: Extractor, Output: ResponseConvertible>(
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
            .delete, path, repeat each extractors, status: status, metadata: metadata, responses: responses,
            dependencies: dependencies, encoder: .responseConvertible, file: file, line: line, handler: handler
        )
    }

    /// Adds a typed DELETE endpoint whose handler returns any other `Encodable`, sent as JSON by the core's encoder.
    ///
    /// See ``RouteRegistering/endpoint(_:_:_:status:metadata:responses:dependencies:encoder:file:line:handler:)``
    /// for the parameters.
    public func delete<each E: Extractor, Output: Encodable & SendableMetatype>(
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
            .delete, path, repeat each extractors, status: status, metadata: metadata, responses: responses,
            dependencies: dependencies, encoder: .encodable, file: file, line: line, handler: handler
        )
    }

    /// Adds a typed DELETE endpoint whose handler returns a value that is `Encodable` and ``ResponseConvertible`` (its own response wins).
    ///
    /// See ``RouteRegistering/endpoint(_:_:_:status:metadata:responses:dependencies:encoder:file:line:handler:)``
    /// for the parameters.
    public func delete<each E: Extractor, Output: Encodable & ResponseConvertible>(
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
            .delete, path, repeat each extractors, status: status, metadata: metadata, responses: responses,
            dependencies: dependencies, encoder: .responseConvertible, file: file, line: line, handler: handler
        )
    }

    /// Adds a typed HEAD endpoint whose handler returns a model or other ``SchemaValue``, encoded by ApusModels (with `encoding`).
    ///
    /// See ``RouteRegistering/endpoint(_:_:_:status:metadata:responses:dependencies:encoder:file:line:handler:)``
    /// for the parameters.
    public func head<each E: Extractor, Output: SchemaValue>(
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
            .head, path, repeat each extractors, status: status, metadata: metadata, responses: responses,
            dependencies: dependencies, encoder: .schemaValue(options: encoding), file: file, line: line, handler: handler
        )
    }

    /// Adds a typed HEAD endpoint whose handler returns a ``SchemaValue`` that is also `Encodable` (ApusModels' encoder wins).
    ///
    /// See ``RouteRegistering/endpoint(_:_:_:status:metadata:responses:dependencies:encoder:file:line:handler:)``
    /// for the parameters.
    public func head<each E: Extractor, Output: SchemaValue & Encodable>(
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
            .head, path, repeat each extractors, status: status, metadata: metadata, responses: responses,
            dependencies: dependencies, encoder: .schemaValue(options: encoding), file: file, line: line, handler: handler
        )
    }

    /// Adds a typed HEAD endpoint whose handler returns a ``Response`` (or anything ``ResponseConvertible``), sent as it is.
    ///
    /// See ``RouteRegistering/endpoint(_:_:_:status:metadata:responses:dependencies:encoder:file:line:handler:)``
    /// for the parameters.
    public func head<each E: Extractor, Output: ResponseConvertible>(
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
            .head, path, repeat each extractors, status: status, metadata: metadata, responses: responses,
            dependencies: dependencies, encoder: .responseConvertible, file: file, line: line, handler: handler
        )
    }

    /// Adds a typed HEAD endpoint whose handler returns any other `Encodable`, sent as JSON by the core's encoder.
    ///
    /// See ``RouteRegistering/endpoint(_:_:_:status:metadata:responses:dependencies:encoder:file:line:handler:)``
    /// for the parameters.
    public func head<each E: Extractor, Output: Encodable & SendableMetatype>(
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
            .head, path, repeat each extractors, status: status, metadata: metadata, responses: responses,
            dependencies: dependencies, encoder: .encodable, file: file, line: line, handler: handler
        )
    }

    /// Adds a typed HEAD endpoint whose handler returns a value that is `Encodable` and ``ResponseConvertible`` (its own response wins).
    ///
    /// See ``RouteRegistering/endpoint(_:_:_:status:metadata:responses:dependencies:encoder:file:line:handler:)``
    /// for the parameters.
    public func head<each E: Extractor, Output: Encodable & ResponseConvertible>(
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
            .head, path, repeat each extractors, status: status, metadata: metadata, responses: responses,
            dependencies: dependencies, encoder: .responseConvertible, file: file, line: line, handler: handler
        )
    }

    /// Adds a typed OPTIONS endpoint whose handler returns a model or other ``SchemaValue``, encoded by ApusModels (with `encoding`).
    ///
    /// See ``RouteRegistering/endpoint(_:_:_:status:metadata:responses:dependencies:encoder:file:line:handler:)``
    /// for the parameters.
    public func options<each E: Extractor, Output: SchemaValue>(
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
            .options, path, repeat each extractors, status: status, metadata: metadata, responses: responses,
            dependencies: dependencies, encoder: .schemaValue(options: encoding), file: file, line: line, handler: handler
        )
    }

    /// Adds a typed OPTIONS endpoint whose handler returns a ``SchemaValue`` that is also `Encodable` (ApusModels' encoder wins).
    ///
    /// See ``RouteRegistering/endpoint(_:_:_:status:metadata:responses:dependencies:encoder:file:line:handler:)``
    /// for the parameters.
    public func options<each E: Extractor, Output: SchemaValue & Encodable>(
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
            .options, path, repeat each extractors, status: status, metadata: metadata, responses: responses,
            dependencies: dependencies, encoder: .schemaValue(options: encoding), file: file, line: line, handler: handler
        )
    }

    /// Adds a typed OPTIONS endpoint whose handler returns a ``Response`` (or anything ``ResponseConvertible``), sent as it is.
    ///
    /// See ``RouteRegistering/endpoint(_:_:_:status:metadata:responses:dependencies:encoder:file:line:handler:)``
    /// for the parameters.
    public func options<each E: Extractor, Output: ResponseConvertible>(
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
            .options, path, repeat each extractors, status: status, metadata: metadata, responses: responses,
            dependencies: dependencies, encoder: .responseConvertible, file: file, line: line, handler: handler
        )
    }

    /// Adds a typed OPTIONS endpoint whose handler returns any other `Encodable`, sent as JSON by the core's encoder.
    ///
    /// See ``RouteRegistering/endpoint(_:_:_:status:metadata:responses:dependencies:encoder:file:line:handler:)``
    /// for the parameters.
    public func options<each E: Extractor, Output: Encodable & SendableMetatype>(
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
            .options, path, repeat each extractors, status: status, metadata: metadata, responses: responses,
            dependencies: dependencies, encoder: .encodable, file: file, line: line, handler: handler
        )
    }

    /// Adds a typed OPTIONS endpoint whose handler returns a value that is `Encodable` and ``ResponseConvertible`` (its own response wins).
    ///
    /// See ``RouteRegistering/endpoint(_:_:_:status:metadata:responses:dependencies:encoder:file:line:handler:)``
    /// for the parameters.
    public func options<each E: Extractor, Output: Encodable & ResponseConvertible>(
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
            .options, path, repeat each extractors, status: status, metadata: metadata, responses: responses,
            dependencies: dependencies, encoder: .responseConvertible, file: file, line: line, handler: handler
        )
    }

}
