/// The limits and timers of a WebSocket route. The defaults are uvicorn's.
public struct WebSocketConfiguration: Sendable {
    /// The largest message accepted, reassembled from its frames (uvicorn's `ws_max_size`, 16 MiB); a larger
    /// one closes the socket with 1009.
    public var maxMessageSize: Int
    /// How often the server pings an idle client; a client that has not answered a ping when the next one is due
    /// is disconnected (uvicorn's `ws_ping_interval` and `ws_ping_timeout`, 20 s each). `nil` sends no pings.
    public var pingInterval: Duration?
    /// How long the server waits for the client's close frame after sending its own, before dropping the
    /// connection.
    public var closeTimeout: Duration

    /// Creates a configuration.
    public init(maxMessageSize: Int = 16 * 1024 * 1024, pingInterval: Duration? = .seconds(20), closeTimeout: Duration = .seconds(10)) {
        self.maxMessageSize = maxMessageSize
        self.pingInterval = pingInterval
        self.closeTimeout = closeTimeout
    }
}
