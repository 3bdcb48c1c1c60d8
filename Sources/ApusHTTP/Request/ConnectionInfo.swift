/// What the server knows about the connection a request arrived on, after applying trusted proxy headers.
public struct ConnectionInfo: Sendable, Hashable {
    /// The peer's address as seen on the socket (`host:port` form split into parts), if known.
    public var remoteHost: String?
    /// The peer's port as seen on the socket, if known.
    public var remotePort: Int?
    /// The client's address: the socket peer, or the first `X-Forwarded-For` hop when the peer is a trusted proxy.
    public var clientHost: String?
    /// The client's port when it is known (a forwarded client has none).
    public var clientPort: Int?
    /// `http` or `https`, from the socket or a trusted proxy's `X-Forwarded-Proto`.
    public var scheme: String
    /// The path prefix the application is served under behind a proxy (uvicorn's `--root-path`), or empty.
    public var rootPath: String

    /// Creates connection information.
    public init(
        remoteHost: String? = nil,
        remotePort: Int? = nil,
        clientHost: String? = nil,
        clientPort: Int? = nil,
        scheme: String = "http",
        rootPath: String = ""
    ) {
        self.remoteHost = remoteHost
        self.remotePort = remotePort
        self.clientHost = clientHost ?? remoteHost
        self.clientPort = clientPort ?? (clientHost == nil ? remotePort : nil)
        self.scheme = scheme
        self.rootPath = rootPath
    }
}
