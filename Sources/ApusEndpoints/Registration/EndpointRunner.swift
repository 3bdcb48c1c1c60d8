import ApusCore
import ApusModels

/// The per-route constant part of answering a request at a typed endpoint (or a plain route guarded by
/// dependency lists), computed at registration.
struct EndpointRunner: Sendable {
    let bodyMode: EndpointPlan.BodyMode
    let loneBodyDecoder: LoneBodyDecoder?

    init(plan: EndpointPlan) {
        self.bodyMode = plan.bodyMode
        self.loneBodyDecoder = plan.bodyMode == .lone ? plan.loneBodyDecoder : nil
    }

    /// Answers `request`: reads and parses the body, resolves the app's, the routers' and the route's dependency
    /// lists (outermost first), then `body` extracts and calls the handler; function-scoped cleanups run before
    /// the response is returned, request-scoped ones after it is sent, and all of them before an error leaves.
    func run(_ request: Request, _ body: (inout ExtractionContext) async throws -> Response) async throws -> Response {
        guard let environment = request.state[EndpointEnvironmentKey.self] else {
            throw EndpointEnvironmentMissing()
        }
        var context = ExtractionContext(request: request, bodyMode: self.bodyMode, environment: environment)
        if self.bodyMode != .none {
            try await context.prepareBody(loneBodyDecoder: self.loneBodyDecoder)
        }
        let response: Response
        do {
            for requirement in request.routeMetadata?.attachments[DependencyRequirementsKey.self] ?? [] {
                try await requirement.resolve(&context)
            }
            response = try await body(&context)
        } catch {
            // FastAPI lets the error pass through its dependencies' exit code first.
            await context.dependencies.cleanups.runInReverse(logger: request.logger)
            throw error
        }
        return await Self.finish(context, response, logger: request.logger)
    }

    /// The response with function-scoped cleanups done and request-scoped ones queued after it is sent.
    private static func finish(_ context: ExtractionContext, _ response: Response, logger: Logger) async -> Response {
        let cleanups = context.dependencies.cleanups
        guard !cleanups.isEmpty else { return response }
        await cleanups.filter { $0.scope == .function }.runInReverse(logger: logger)
        let afterSend = cleanups.filter { $0.scope != .function }
        guard !afterSend.isEmpty else { return response }
        var response = response
        response.addAfterSend { await afterSend.runInReverse(logger: logger) }
        return response
    }
}

/// A route of typed endpoints was called outside an ``App`` (whose route table build gives every request the
/// dependency-injection state).
struct EndpointEnvironmentMissing: Error, CustomStringConvertible {
    var description: String { "a typed endpoint was called outside an App's route table" }
}

extension ExtractionContext {
    /// Throws the request's 422 if any extractor recorded a validation error.
    mutating func throwValidationErrors() throws {
        let errors = self.finishErrors()
        guard errors.isEmpty else { throw RequestValidationError(errors) }
    }
}
