/// Injects dependency `D` (FastAPI's `Depends()`), resolved by type: once per request unless `cached` is false,
/// replaced by an override if the app has one.
///
/// With `scopes` it is FastAPI's `Security(dependency, scopes=[...])` (``Security`` is the same type): the OAuth2
/// scopes this use requires are added to those required by the uses above it, and `D` and everything it depends
/// on read the accumulated list with ``SecurityScopes``. The OpenAPI document lists them in the operation's
/// `security`. Uses with different scopes are different instances (FastAPI caches by dependency and scopes).
public struct Depends<D: Dependency>: Extractor {
    public typealias Value = D

    /// Whether this use shares the request's instance (`false`: a fresh one, FastAPI's `use_cache=False`).
    public let cached: Bool
    /// The OAuth2 scopes this use requires (FastAPI's `Security(..., scopes=)`).
    public let scopes: [String]

    /// Injects `D`. Its provider is read when the route is registered, not here: so two providers that name each
    /// other are a registration error (a dependency cycle), not a deadlock of their `static let`s.
    public init(cached: Bool = true, scopes: [String] = []) {
        self.cached = cached
        self.scopes = scopes
    }

    public func register(in plan: inout EndpointPlan) {
        plan.registerDependency(D.self, provider: D.provider, scopes: self.scopes)
    }

    public func extract(from context: inout ExtractionContext) async throws -> D? {
        try await context.resolve(D.self, provider: D.provider, cached: self.cached, scopes: self.scopes)
    }
}

/// FastAPI's `Security(dependency, scopes=[...])`: a ``Depends`` that requires OAuth2 scopes.
///
/// ```swift
/// app.get("/users/me/items", Security<CurrentUser>(scopes: ["items:read"])) { user in ... }
/// ```
public typealias Security<D: Dependency> = Depends<D>
