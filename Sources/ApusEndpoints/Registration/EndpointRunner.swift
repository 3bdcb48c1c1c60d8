import ApusCore
import ApusModels

/// The constant part of answering a request at a typed endpoint (or a plain route guarded by dependency lists):
/// made when an app builds its route table, for that app (its dependency-injection state and the route's
/// dependency lists, app's first), so a request looks nothing up.
struct EndpointRunner: Sendable {
    let bodyMode: EndpointPlan.BodyMode
    let loneBodyDecoder: LoneBodyDecoder?
    let environment: EndpointEnvironment
    let requirements: [DependencyRequirement]

    init(plan: EndpointPlan, environment: EndpointEnvironment, requirements: [DependencyRequirement]) {
        self.bodyMode = plan.bodyMode
        self.loneBodyDecoder = plan.bodyMode == .lone ? plan.loneBodyDecoder : nil
        self.environment = environment
        self.requirements = requirements
    }

    /// Answers `request`: reads and parses the body, resolves the dependency lists (outermost first), then
    /// `body` extracts and calls the handler; function-scoped cleanups run before the response is returned,
    /// request-scoped ones after it is sent, and all of them before an error leaves.
    func run(_ request: Request, _ body: (inout ExtractionContext) async throws -> Response) async throws -> Response {
        var context = ExtractionContext(request: request, bodyMode: self.bodyMode, environment: self.environment)
        if self.bodyMode != .none {
            try await context.prepareBody(loneBodyDecoder: self.loneBodyDecoder)
        }
        let response: Response
        do {
            for requirement in self.requirements {
                try await requirement.resolve(&context)
            }
            response = try await body(&context)
        } catch {
            // FastAPI lets the error pass through its dependencies' exit code first.
            await context.dependencies.cleanups.runInReverse(logger: request.logger)
            throw error
        }
        return await Self.finish(context, response, request: request)
    }

    /// The response with function-scoped cleanups done, and queued after it is sent: the background tasks, then
    /// the request-scoped cleanups (FastAPI's order).
    private static func finish(_ context: ExtractionContext, _ response: Response, request: Request) async -> Response {
        let cleanups = context.dependencies.cleanups
        let tasks = context.backgroundTasks
        guard !cleanups.isEmpty || tasks != nil else { return response }
        let logger = request.logger
        await cleanups.filter { $0.scope == .function }.runInReverse(logger: logger)
        let afterSend = cleanups.filter { $0.scope != .function }
        guard !afterSend.isEmpty || tasks != nil else { return response }
        var response = response
        response.addAfterSend {
            await tasks?.run(for: request)
            await afterSend.runInReverse(logger: logger)
        }
        return response
    }
}

/// A typed endpoint's route was called as registered, not as an ``App`` built it (the app's build gives each
/// its dependency-injection state).
struct EndpointEnvironmentMissing: Error, CustomStringConvertible {
    var description: String { "a typed endpoint was called outside an App's route table" }
}

/// A typed endpoint's handler, made per app when it builds its route table.
struct TypedEndpoint: Sendable {
    let makeHandler: @Sendable (_ environment: EndpointEnvironment, _ requirements: [DependencyRequirement]) -> RouteHandler
}

/// The typed endpoint of a route.
enum TypedEndpointKey: RouteAttachmentKey {
    typealias Value = TypedEndpoint
}

extension ExtractionContext {
    /// Throws the request's 422 if any extractor recorded a validation error.
    mutating func throwValidationErrors() throws {
        let errors = self.finishErrors()
        guard errors.isEmpty else { throw RequestValidationError(errors) }
    }
}
