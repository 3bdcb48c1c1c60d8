/// How long a dependency's value lives, and when its cleanup runs.
public enum DependencyScope: Sendable, Hashable, CustomStringConvertible {
    /// Cleaned up right after the handler returns, before the response is sent (FastAPI's `scope="function"`).
    case function
    /// Cleaned up after the response has been sent and its after-send work is done (FastAPI's default).
    case request
    /// Created once, at startup (or on first use), shared by every request, cleaned up at shutdown. It can depend
    /// only on other app-scoped dependencies, since there is no request when it is made.
    case app

    public var description: String {
        switch self {
        case .function: "function"
        case .request: "request"
        case .app: "app"
        }
    }
}
