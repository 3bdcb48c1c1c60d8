import Synchronization
import ApusCore
import ApusModels

/// The per-route constant part of answering a request at a typed endpoint, computed at registration.
struct EndpointRunner: Sendable {
    let bodyMode: EndpointPlan.BodyMode
    let loneBodyDecoder: LoneBodyDecoder?

    init(plan: EndpointPlan) {
        self.bodyMode = plan.bodyMode
        self.loneBodyDecoder = plan.bodyMode == .lone ? plan.loneBodyDecoder : nil
    }

    /// A context for `request`, with the body read and parsed, and the app's and routers' dependency lists
    /// resolved (in that order, outermost first).
    func start(_ request: Request) async throws -> ExtractionContext {
        let environment = request.state[EndpointEnvironmentKey.self] ?? EndpointEnvironment.detached
        var context = ExtractionContext(request: request, bodyMode: self.bodyMode, environment: environment)
        if self.bodyMode != .none {
            try await context.prepareBody(loneBodyDecoder: self.loneBodyDecoder)
        }
        return context
    }

    /// Resolves the app's, the routers' and the route's dependency lists, outermost first.
    func resolveListedDependencies(_ context: inout ExtractionContext, request: Request) async throws {
        let appLevel = context.environment.settings.withLock { $0.dependencies }
        for requirement in appLevel {
            try await requirement.resolve(&context)
        }
        if let listed = request.routeMetadata?.attachments[DependencyRequirementsKey.self] {
            for requirement in listed {
                try await requirement.resolve(&context)
            }
        }
    }

    /// The response with function-scoped cleanups done and request-scoped ones queued after it is sent.
    func finish(_ context: ExtractionContext, _ response: Response, logger: Logger) async -> Response {
        let cleanups = context.dependencies.cleanups
        guard !cleanups.isEmpty else { return response }
        await cleanups.filter { $0.scope == .function }.runInReverse(logger: logger)
        let afterSend = cleanups.filter { $0.scope != .function }
        guard !afterSend.isEmpty else { return response }
        var response = response
        response.addAfterSend { await afterSend.runInReverse(logger: logger) }
        return response
    }

    /// Runs every cleanup (newest first) when the request fails, before the error response is sent, as FastAPI
    /// lets the error pass through its dependencies' exit code first.
    func abandon(_ context: ExtractionContext, logger: Logger) async {
        await context.dependencies.cleanups.runInReverse(logger: logger)
    }
}
