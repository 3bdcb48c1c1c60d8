public import ApusCore

/// A dependency run for its effect (an authentication check, a rate limit), listed on a route, a router or the
/// app: FastAPI's `dependencies=[Depends(verify_key)]`. Its value is discarded; its errors and the ``HTTPError``
/// it throws answer the request as a handler parameter's would.
public struct DependencyRequirement: Sendable {
    /// The dependency type's name.
    public let name: String
    let register: @Sendable (inout EndpointPlan) -> Void
    let resolve: @Sendable (inout ExtractionContext) async throws -> Void

    /// Requires dependency `type` (shared with other uses in the request unless `cached` is `false`).
    public init<D: Dependency>(_ type: D.Type, cached: Bool = true) {
        let depends = Depends<D>(cached: cached)
        self.name = String(describing: D.self)
        self.register = { plan in depends.register(in: &plan) }
        self.resolve = { context in _ = try await depends.extract(from: &context) }
    }
}

/// The dependency lists of a route and the routers around it, outermost first.
public enum DependencyRequirementsKey: RouteAttachmentKey {
    public typealias Value = [DependencyRequirement]

    public static func merge(outer: [DependencyRequirement], inner: [DependencyRequirement]) -> [DependencyRequirement] {
        outer + inner
    }
}

extension RouteMetadata {
    /// Metadata whose routes all run `requirements` first (for ``Router`` and `include`): their documentation and
    /// app-scoped needs are attached too.
    public static func dependencies(_ requirements: DependencyRequirement...) -> RouteMetadata {
        var metadata = RouteMetadata()
        metadata.addDependencies(requirements)
        return metadata
    }

    /// Adds `requirements` to the dependencies every route under this metadata runs first.
    public mutating func addDependencies(_ requirements: [DependencyRequirement]) {
        var plan = EndpointPlan()
        for requirement in requirements {
            requirement.register(&plan)
        }
        self.attachments[DependencyRequirementsKey.self] = (self.attachments[DependencyRequirementsKey.self] ?? []) + requirements
        let documentation = self.attachments[OperationDocumentationKey.self] ?? OperationDocumentation()
        self.attachments[OperationDocumentationKey.self] = documentation.merged(into: plan.documentation)
        self.attachments.addEndpointNeeds(of: plan)
    }
}
