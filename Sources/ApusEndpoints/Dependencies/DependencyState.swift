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

    var cache: [CacheKey: CachedValue] = [:]
    var cleanups: [DependencyCleanup] = []
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
