import ApusCore
import ApusModels

extension RouteRegistering {
    /// Registers a typed endpoint: the general form behind `get`, `post`, ... and what the route macros call.
    ///
    /// At registration the extractors describe themselves once (the ``OperationDocumentation`` attached to the
    /// route, the body mode, the dependencies); per request they extract in declaration order, every validation
    /// error is collected into one 422, and the handler gets plain values.
    ///
    /// - Parameters:
    ///   - method: the HTTP method.
    ///   - path: the path template (`/items/{item_id}`).
    ///   - extractors: one per handler parameter, in order.
    ///   - status: the success status (default 200); documented as the success response.
    ///   - metadata: names, summary, description, tags, operation id, deprecation, schema inclusion.
    ///   - responses: extra documented responses (FastAPI's `responses=`).
    ///   - dependencies: dependencies run first, for their effect (FastAPI's `dependencies=`).
    ///   - encoder: how the return value becomes the response.
    ///   - handler: receives one value per extractor.
    public func endpoint<each E: Extractor, Output>(
        _ method: HTTPRequest.Method,
        _ path: String,
        _ extractors: repeat each E,
        status: HTTPResponse.Status?,
        metadata: RouteMetadata,
        responses: [DocumentedResponse],
        dependencies: [DependencyRequirement],
        encoder: ResponseEncoder<Output>,
        file: String,
        line: Int,
        handler: @escaping @Sendable (repeat (each E).Value) async throws -> Output
    ) {
        if let app = self as? App {
            _ = app.endpointEnvironment
        }
        var plan = EndpointPlan()
        for requirement in dependencies {
            requirement.register(&plan)
        }
        repeat (each extractors).register(in: &plan)

        let status = status ?? metadata.status ?? .ok
        var metadata = metadata
        metadata.status = status
        var documentation = plan.documentation
        documentation.successResponse = DocumentedResponse(status: status, description: "Successful Response", schema: encoder.schema)
        documentation.responses = responses
        if let existing = metadata.attachments[OperationDocumentationKey.self] {
            documentation = existing.merged(into: documentation)
        }
        metadata.attachments[OperationDocumentationKey.self] = documentation
        if !dependencies.isEmpty {
            metadata.attachments[DependencyRequirementsKey.self] = (metadata.attachments[DependencyRequirementsKey.self] ?? []) + dependencies
        }
        if !plan.appScopedDependencies.isEmpty {
            metadata.attachments[AppScopedDependenciesKey.self] = plan.appScopedDependencies
        }

        let runner = EndpointRunner(plan: plan)
        let extractors = (repeat each extractors)
        self.add(
            Route(method: method, path: path, metadata: metadata, location: SourceLocation(fileID: file, line: line)) { request in
                var context = try await runner.start(request)
                do {
                    try await runner.resolveListedDependencies(&context, request: request)
                    let values = (repeat try await (each extractors).extract(from: &context))
                    let errors = context.finishErrors()
                    guard errors.isEmpty else { throw RequestValidationError(errors) }
                    let output = try await handler(repeat try unwrapExtracted(each values, from: each extractors))
                    let response = try encoder.encode(output, request, status)
                    return await runner.finish(context, response, logger: request.logger)
                } catch {
                    await runner.abandon(context, logger: request.logger)
                    throw error
                }
            }
        )
    }
}
