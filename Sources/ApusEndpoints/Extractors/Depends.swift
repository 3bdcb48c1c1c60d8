/// Injects dependency `D` (FastAPI's `Depends()`), resolved by type: once per request unless `cached` is false,
/// replaced by an override if the app has one.
public struct Depends<D: Dependency>: Extractor {
    public typealias Value = D

    /// Whether this use shares the request's instance (`false`: a fresh one, FastAPI's `use_cache=False`).
    public let cached: Bool

    /// Injects `D`. Its provider is read when the route is registered, not here: so two providers that name each
    /// other are a registration error (a dependency cycle), not a deadlock of their `static let`s.
    public init(cached: Bool = true) {
        self.cached = cached
    }

    public func register(in plan: inout EndpointPlan) {
        plan.registerDependency(D.self, provider: D.provider)
    }

    public func extract(from context: inout ExtractionContext) async throws -> D? {
        try await context.resolve(D.self, provider: D.provider, cached: self.cached)
    }
}
