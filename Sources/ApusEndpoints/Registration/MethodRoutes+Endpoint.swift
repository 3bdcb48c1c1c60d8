public import ApusCore
public import ApusModels

extension MethodRoutes {
    /// Adds a typed endpoint: `app.get("/items/{item_id}", Path<Int>("item_id")) { itemID in ... }`, FastAPI's
    /// `@app.get`. This is the one registration function of typed endpoints; the route macros call it too.
    ///
    /// At registration the extractors describe themselves once (the ``OperationDocumentation`` attached to the
    /// route, the body mode, the dependencies); per request they extract in declaration order, every validation
    /// error is collected into one 422, and the handler gets plain values.
    ///
    /// What the handler returns becomes the response as ``ResponseEncoder/automatic(options:)`` chooses from its
    /// type: a ``ResponseConvertible`` as it says, a model or other ``SchemaValue`` by ApusModels' encoder (with
    /// `encoding`), any other `Encodable` as JSON, nothing as `null`; a ``ResponseHead`` parameter sets the status
    /// and adds header fields to the latter three. Another return type, a path parameter the
    /// path does not have, or an inconsistent dependency graph is reported when the app builds its route table
    /// (``RouteTableError``, naming this line).
    ///
    /// - Parameters:
    ///   - path: the path template (`/items/{item_id}`), relative to the registrar's prefix.
    ///   - extractors: one per handler parameter, in order.
    ///   - status: the success status (default 200); documented as the success response.
    ///   - metadata: names, summary, description, tags, operation id, deprecation, schema inclusion.
    ///   - responses: extra documented responses (FastAPI's `responses=`).
    ///   - dependencies: dependencies run first, for their effect (FastAPI's `dependencies=`).
    ///   - encoding: options for a ``SchemaValue`` result (FastAPI's `response_model_exclude_none`, ...).
    ///   - encoder: how the return value becomes the response, instead of the automatic choice.
    ///   - file: where the route is registered (for error messages).
    ///   - line: where the route is registered.
    ///   - handler: receives one value per extractor.
    public func callAsFunction<each E: Extractor, Output>(
        _ path: String,
        _ extractors: repeat each E,
        status: HTTPResponse.Status? = nil,
        metadata: RouteMetadata = RouteMetadata(),
        responses: [DocumentedResponse] = [],
        dependencies: [DependencyRequirement] = [],
        encoding: EncodingOptions = EncodingOptions(),
        encoder: ResponseEncoder<Output>? = nil,
        file: String = #fileID,
        line: Int = #line,
        handler: @escaping @Sendable (repeat (each E).Value) async throws -> Output
    ) {
        var plan = EndpointPlan()
        for requirement in dependencies {
            requirement.register(&plan)
        }
        repeat (each extractors).register(in: &plan)
        let encoder = encoder ?? .automatic(options: encoding)

        let status = status ?? metadata.status ?? .ok
        var metadata = metadata
        metadata.status = status
        var documentation = plan.documentation
        documentation.successResponse = DocumentedResponse(
            status: status, description: "Successful Response", mediaType: encoder?.mediaType ?? MediaType.json, schema: encoder?.schema,
            itemSchema: encoder?.itemSchema)
        documentation.responses = []
        documentation.addResponses(responses)
        documentation.addResponses(plan.documentation.responses)
        if let existing = metadata.attachments[OperationDocumentationKey.self] {
            documentation = existing.merged(into: documentation)
        }
        metadata.attachments[OperationDocumentationKey.self] = documentation
        if !dependencies.isEmpty {
            metadata.attachments[DependencyRequirementsKey.self] =
                (metadata.attachments[DependencyRequirementsKey.self] ?? []) + dependencies
        }
        metadata.attachments.addEndpointNeeds(of: plan)
        if encoder == nil {
            metadata.attachments.addCheck(.unsupportedReturnType(Output.self))
        }

        let returnsOwnResponse = Output.self is any ResponseConvertible.Type
        let extractors = (repeat each extractors)
        let encode: Response.Rendering<Output>
        if let encoder {
            encode = encoder.encode
        } else {
            encode = { _, _, _ in throw HTTPError(.internalServerError) }
        }
        let validationFailure = metadata.attachments[ValidationFailureResponseKey.self]
        metadata.attachments[TypedEndpointKey.self] = TypedEndpoint { [plan] environment, requirements in
            let runner = EndpointRunner(plan: plan, environment: environment, requirements: requirements)
            let endpoint: RouteHandler = { request in
                try await runner.run(request) { context in
                    let values = (repeat try await (each extractors).extract(from: &context))
                    try context.throwValidationErrors()
                    let output = try await handler(repeat try unwrapExtracted(each values, from: each extractors))
                    guard let head = context.responseHead, !returnsOwnResponse else { return try encode(output, request, status) }
                    return head.addingHeaders(to: try encode(output, request, head.status ?? status))
                }
            }
            guard let validationFailure else { return endpoint }
            return { request in
                do {
                    return try await endpoint(request)
                } catch let error as RequestValidationError {
                    return try await validationFailure(error, request)
                }
            }
        }
        self.registrar.add(
            Route(method: self.method, path: path, metadata: metadata, location: SourceLocation(fileID: file, line: line)) { _ in
                throw EndpointEnvironmentMissing()
            }
        )
    }
}

/// How a route answers a request that did not validate, instead of the 422 (a WebSocket route closes the socket
/// with 1008, as FastAPI does); for registration functions of this package built on the typed endpoints'.
package enum ValidationFailureResponseKey: RouteAttachmentKey {
    package typealias Value = @Sendable (RequestValidationError, Request) async throws -> Response
}

extension RouteAttachments {
    /// Records what a route (or a router's dependency list) described by `plan` needs from the app: the
    /// dependency-injection state, the app-scoped dependencies to make at startup, and the checks of its
    /// dependency graph and path parameters.
    mutating func addEndpointNeeds(of plan: EndpointPlan) {
        self.require(EndpointEnvironment.self)
        if !plan.appScopedDependencies.isEmpty {
            self[AppScopedDependenciesKey.self] = (self[AppScopedDependenciesKey.self] ?? []) + plan.appScopedDependencies
        }
        for problem in plan.registrationErrors {
            self.addCheck(.failing(problem))
        }
        let pathParameters = plan.documentation.parameters.filter { $0.source == .path }.map(\.name)
        if !pathParameters.isEmpty {
            self.addCheck(
                RouteCheck { route in
                    let names = route.parameterNames
                    guard let missing = pathParameters.first(where: { !names.contains($0) }) else { return nil }
                    let has = names.isEmpty ? "none" : names.map { "\"\($0)\"" }.joined(separator: ", ")
                    return "it reads path parameter \"\(missing)\", which is not in its path (path parameters: \(has))"
                }
            )
        }
    }
}

extension MethodRoutes {
    /// Adds a typed endpoint whose synchronous handler blocks its thread (FastAPI's `def` endpoint): extraction,
    /// validation and dependencies run as for any endpoint, then the handler runs on `pool`, never on an event
    /// loop.
    ///
    /// ```swift
    /// app.get("/reports/{id}", Path<Int>("id"), blocking: .shared) { id in try LegacyReports.render(id) }
    /// ```
    ///
    /// The parameters are the asynchronous form's, and `pool`: the threads the handler runs on.
    public func callAsFunction<each E: Extractor, Output: Sendable>(
        _ path: String,
        _ extractors: repeat each E,
        status: HTTPResponse.Status? = nil,
        metadata: RouteMetadata = RouteMetadata(),
        responses: [DocumentedResponse] = [],
        dependencies: [DependencyRequirement] = [],
        encoding: EncodingOptions = EncodingOptions(),
        encoder: ResponseEncoder<Output>? = nil,
        blocking pool: BlockingPool,
        file: String = #fileID,
        line: Int = #line,
        handler: @escaping @Sendable (repeat (each E).Value) throws -> Output
    ) {
        self(
            path, repeat each extractors, status: status, metadata: metadata, responses: responses,
            dependencies: dependencies, encoding: encoding, encoder: encoder, file: file, line: line
        ) { (values: repeat (each E).Value) in
            try await pool.run { try handler(repeat each values) }
        }
    }
}
