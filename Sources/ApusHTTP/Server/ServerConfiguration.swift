/// How the server listens, what it accepts and how long it waits. The defaults follow uvicorn where uvicorn has
/// one (keep-alive 5 s, trusted proxies on loopback, access log on).
public struct ServerConfiguration: Sendable {
    /// The address to bind.
    public var host: String
    /// The port to bind; 0 picks a free port (read it from `HTTPServer.onServerRunning`).
    public var port: Int
    /// The listen backlog.
    public var backlog: Int
    /// Event-loop threads; `nil` uses NIO's shared group, one loop per core NIO counts (cgroup CPU limits are
    /// respected, a `taskset` affinity mask is not: pin the count with this or `NIO_SINGLETON_GROUP_LOOP_COUNT`).
    /// One loop per core the process may run on is the configuration to aim for.
    public var threads: Int?

    /// How long an idle keep-alive connection stays open waiting for the next request.
    public var keepAliveTimeout: Duration
    /// How long a client may take to send a complete request line and headers once it has started, so slow
    /// clients (slowloris) cannot hold connections forever.
    public var headerReadTimeout: Duration
    /// How long the server waits for the next bytes of a request body the application is reading, before it
    /// answers 408 and closes the connection (nginx's `client_body_timeout`). `nil`: no limit.
    public var bodyReadTimeout: Duration?
    /// The slowest average rate a request body may arrive at, counted only while the application waits for it
    /// (Kestrel's `MinRequestBodyDataRate`): a client that sends one byte a second cannot hold a connection. Slower
    /// gets 408 and the connection is closed. `nil`: no minimum.
    public var minimumBodyDataRate: MinimumDataRate?
    /// How long a client may leave the server's answers unread (the connection's send buffer full) before the
    /// connection is closed. Until they drain, the server reads no further request from it. `nil`: no limit.
    public var responseWriteTimeout: Duration?
    /// The most bytes the request line and headers together may take; larger gets 431.
    public var maxHeadSize: Int
    /// The most bytes a request body may be collected into memory (``RequestBody/collect(upTo:)``); larger gets
    /// 413 and the connection is closed.
    public var maxBodySize: Int
    /// The most requests handled at once across the server; over it, new requests get 503. `nil`: no limit.
    public var concurrencyLimit: Int?

    /// The `server` header value; `nil` sends none.
    public var serverHeader: String?
    /// Whether to send a `date` header.
    public var dateHeader: Bool

    /// Whether `X-Forwarded-For` and `X-Forwarded-Proto` are honoured (from trusted peers only).
    public var proxyHeaders: Bool
    /// Peers whose forwarding headers are trusted: IP addresses, or `*` for all.
    public var forwardedAllowIPs: [String]
    /// The path prefix the application is served under behind a proxy (uvicorn's `--root-path`).
    public var rootPath: String

    /// How long a graceful shutdown waits for in-flight requests before closing their connections.
    public var gracefulShutdownTimeout: Duration
    /// Whether each request is logged (method, path, status, duration, client) at `info` level.
    public var accessLog: Bool

    /// Creates a configuration.
    public init(
        host: String = "127.0.0.1",
        port: Int = 8000,
        backlog: Int = 2048,
        threads: Int? = nil,
        keepAliveTimeout: Duration = .seconds(5),
        headerReadTimeout: Duration = .seconds(10),
        bodyReadTimeout: Duration? = .seconds(30),
        minimumBodyDataRate: MinimumDataRate? = MinimumDataRate(bytesPerSecond: 240, gracePeriod: .seconds(5)),
        responseWriteTimeout: Duration? = .seconds(30),
        maxHeadSize: Int = 32 * 1024,
        maxBodySize: Int = 16 * 1024 * 1024,
        concurrencyLimit: Int? = nil,
        serverHeader: String? = "apus",
        dateHeader: Bool = true,
        proxyHeaders: Bool = true,
        forwardedAllowIPs: [String] = ["127.0.0.1", "::1"],
        rootPath: String = "",
        gracefulShutdownTimeout: Duration = .seconds(30),
        accessLog: Bool = true
    ) {
        self.host = host
        self.port = port
        self.backlog = backlog
        self.threads = threads
        self.keepAliveTimeout = keepAliveTimeout
        self.headerReadTimeout = headerReadTimeout
        self.bodyReadTimeout = bodyReadTimeout
        self.minimumBodyDataRate = minimumBodyDataRate
        self.responseWriteTimeout = responseWriteTimeout
        self.maxHeadSize = maxHeadSize
        self.maxBodySize = maxBodySize
        self.concurrencyLimit = concurrencyLimit
        self.serverHeader = serverHeader
        self.dateHeader = dateHeader
        self.proxyHeaders = proxyHeaders
        self.forwardedAllowIPs = forwardedAllowIPs
        self.rootPath = rootPath
        self.gracefulShutdownTimeout = gracefulShutdownTimeout
        self.accessLog = accessLog
    }
}

/// A minimum average data rate, enforced once a grace period has passed.
public struct MinimumDataRate: Sendable, Hashable {
    /// The slowest acceptable average, in bytes per second.
    public var bytesPerSecond: Int
    /// How long a transfer may run below the rate before it is held to it (a slow start is not an attack).
    public var gracePeriod: Duration

    /// Creates a rate; Kestrel's default is 240 bytes per second after 5 seconds.
    public init(bytesPerSecond: Int, gracePeriod: Duration) {
        self.bytesPerSecond = bytesPerSecond
        self.gracePeriod = gracePeriod
    }
}
