/// Injects dependency `D` (FastAPI's `Depends()`), resolved by type: once per request unless `cached` is false,
/// replaced by an override if the app has one.
public struct Depends<D: Dependency>: Extractor {
    public typealias Value = D

    /// Whether this use shares the request's instance (`false`: a fresh one, FastAPI's `use_cache=False`).
    public let cached: Bool
    let provider: DependencyProvider<D>

    /// Injects `D`.
    public init(cached: Bool = true) {
        self.cached = cached
        self.provider = D.provider
    }

    public func register(in plan: inout EndpointPlan) {
        plan.registerDependency(D.self, provider: self.provider)
    }

    public func extract(from context: inout ExtractionContext) async throws -> D? {
        try await context.resolve(D.self, provider: self.provider, cached: self.cached)
    }
}
