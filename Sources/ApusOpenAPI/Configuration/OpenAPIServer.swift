/// A server the API is reachable at (`servers`). When the request arrives under a root path (behind a proxy
/// that strips a prefix), that root path is listed first, as FastAPI does with `root_path_in_servers`.
public struct OpenAPIServer: Sendable, Hashable {
    /// The URL, absolute or relative to the document (`/api/v1`).
    public var url: String
    /// What the server is (`production`).
    public var description: String?

    /// Creates a server entry.
    public init(url: String, description: String? = nil) {
        self.url = url
        self.description = description
    }
}
