import ApusCore

/// One request's dependency values and the cleanups still to run.
struct DependencyState: Sendable {
    enum CachedValue: Sendable {
        case value(any Sendable)
        /// The dependency's inputs did not validate: its errors were reported once; later uses get nothing.
        case failed
    }

    /// A dependency's entry: its type, and the scopes required above the use (FastAPI caches by both).
    struct CacheKey: Hashable, Sendable {
        let type: ObjectIdentifier
        let scopes: [String]
    }

    var cache = DependencyCache()
    var cleanups: [DependencyCleanup] = []
}

/// The values made for one request, by type and scopes: a list searched in order rather than a hash table,
/// because a route uses a handful of dependencies, fixed by its declaration and not by the request, and a
/// request then neither hashes keys nor allocates a table.
struct DependencyCache: Sendable {
    private(set) var entries: [(key: DependencyState.CacheKey, value: DependencyState.CachedValue)] = []

    subscript(key: DependencyState.CacheKey) -> DependencyState.CachedValue? {
        get { self.entries.first { $0.key == key }?.value }
        set {
            let index = self.entries.firstIndex { $0.key == key }
            switch (index, newValue) {
            case (let index?, let value?): self.entries[index].value = value
            case (let index?, nil): self.entries.remove(at: index)
            case (nil, let value?): self.entries.append((key, value))
            case (nil, nil): break
            }
        }
    }
}

/// A cleanup waiting for its scope to end.
struct DependencyCleanup: Sendable {
    let scope: DependencyScope
    let name: String
    let run: @Sendable () async throws -> Void
}

extension [DependencyCleanup] {
    /// Runs the cleanups in reverse order of creation, logging failures.
    func runInReverse(logger: Logger) async {
        for cleanup in self.reversed() {
            do {
                try await cleanup.run()
            } catch {
                logger.error(
                    "Dependency cleanup failed",
                    metadata: ["dependency": "\(cleanup.name)", "error": "\(String(reflecting: error))"]
                )
            }
        }
    }
}
