extension ExtractionContext {
    /// Dependency `D`'s value for this request: cached, overridden, app-scoped or made now (its cleanup queued).
    /// `scopes` are the OAuth2 scopes this use adds to those required above it (``Security``).
    mutating func resolve<D: Dependency>(
        _ type: D.Type, provider: DependencyProvider<D>, cached: Bool, scopes: [String] = []
    ) async throws -> D? {
        let outerScopes = self.securityScopes
        let chainScopes = scopes.isEmpty ? outerScopes : outerScopes + scopes
        let key = DependencyState.CacheKey(
            type: ObjectIdentifier(D.self), scopes: chainScopes.isEmpty ? [] : Array(Set(chainScopes)).sorted())
        if cached, let entry = self.dependencies.cache[key] {
            switch entry {
            case .value(let value): return value as? D
            case .failed: return nil
            }
        }
        let provider = self.environment.overrides.provider(for: D.self) ?? provider
        if D.scope == .app {
            let value = try await self.environment.appScoped.value(D.self, provider: provider, environment: self.environment)
            if cached { self.dependencies.cache[key] = .value(value) }
            return value
        }
        self.securityScopes = chainScopes
        defer { self.securityScopes = outerScopes }
        guard let value = try await provider.make(&self) else {
            if cached { self.dependencies.cache[key] = .failed }
            return nil
        }
        if let cleanup = provider.cleanup {
            self.dependencies.cleanups.append(
                DependencyCleanup(scope: D.scope, name: String(describing: D.self)) { try await cleanup(value) })
        }
        if cached { self.dependencies.cache[key] = .value(value) }
        return value
    }
}
