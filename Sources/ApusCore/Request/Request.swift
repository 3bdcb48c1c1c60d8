import ApusWireFormats

/// A request as a handler and middleware see it: method, path, decoded query, headers, cookies, client and URL
/// (proxy-aware), path parameters, the streamed body, the app's state and a logger.
///
/// A value type: middleware changes a request by passing a modified copy to `next`.
public struct Request: Sendable {
    /// Method, scheme, authority, target (path and query) and header fields, as received.
    public private(set) var head: HTTPRequest
    /// The body, streamed with backpressure; iterate it once or gather it with `body.collect(upTo:)`.
    public var body: RequestBody
    /// The client and scheme (after trusted proxy headers) and the root path the app is served under.
    public var connection: ConnectionInfo
    /// The app's state as frozen at startup; middleware may add per-request values to this copy.
    public var state: AppState
    /// The app's logger.
    public var logger: Logger
    /// The values the matched route's path parameters captured (empty before routing).
    public internal(set) var pathParameters: PathParameters
    /// The template of the route that matched, e.g. `/items/{item_id}` (nil before routing and for 404/405).
    public internal(set) var matchedPath: String?
    /// The matched route's metadata, combined with its routers' (nil before routing and for 404/405): its name,
    /// tags and attachments, for middleware and handlers that want them.
    public internal(set) var routeMetadata: RouteMetadata?
    /// The path, exactly as received (percent-encoded), without the query string.
    public private(set) var rawPath: Substring
    /// The query string as received, without the `?` (empty when there is none).
    public private(set) var rawQuery: Substring
    /// The query string, decoded.
    public private(set) var query: QueryParameters
    /// The app's error handlers, for ``response(forUnhandled:)`` (empty for a request built outside an app).
    var errorHandlers: ErrorHandlers

    /// Creates a request from what the server received.
    public init(_ request: HTTPServerRequest, state: AppState = AppState(), logger: Logger) {
        self.head = request.head
        self.body = request.body
        self.connection = request.connection
        self.state = state
        self.logger = logger
        self.pathParameters = PathParameters()
        self.matchedPath = nil
        self.routeMetadata = nil
        self.errorHandlers = ErrorHandlers()
        (self.rawPath, self.rawQuery) = Self.split(request.head.path ?? "/")
        self.query = self.rawQuery.isEmpty ? QueryParameters() : QueryParameters(parsing: self.rawQuery)
    }

    private static func split(_ target: String) -> (path: Substring, query: Substring) {
        guard let question = target.utf8.firstIndex(of: UInt8(ascii: "?")) else {
            return (target[...], target[target.endIndex...])
        }
        return (target[..<question], target[target.utf8.index(after: question)...])
    }

    /// Gathers the whole body, bounded by `limit` (by default the server's `maxBodySize`); a larger body ends the
    /// request with 413 `{"detail":"Request Entity Too Large"}` (and the server closes the connection).
    public func collectBody(upTo limit: Int? = nil) async throws -> ByteBuffer {
        try await self.body.collect(upTo: limit ?? self.body.defaultLimit)
    }

    /// The method.
    public var method: HTTPRequest.Method {
        get { self.head.method }
        set { self.head.method = newValue }
    }

    /// The header fields (names compare case-insensitively).
    public var headers: HTTPFields {
        get { self.head.headerFields }
        set { self.head.headerFields = newValue }
    }

    /// The value of header `name` (any case), several fields joined with `, `; `nil` if absent or not a valid name.
    public func header(_ name: String) -> String? {
        HTTPField.Name(name).flatMap { self.head.headerFields[$0] }
    }

    /// The path and query string as received; setting it re-parses both (for middleware that rewrites URLs
    /// before routing).
    public var target: String {
        get { self.head.path ?? "/" }
        set {
            self.head.path = newValue
            (self.rawPath, self.rawQuery) = Self.split(newValue)
            self.query = self.rawQuery.isEmpty ? QueryParameters() : QueryParameters(parsing: self.rawQuery)
        }
    }

    /// The path, percent-decoded, without the query string (what routes match, as in Starlette).
    public var path: String { PercentDecoding.decode(self.rawPath) }

    /// The cookies the `Cookie` header carries, parsed on each access.
    public var cookies: [String: String] {
        self.head.headerFields[.cookie].map(CookieParsing.parse) ?? [:]
    }

    /// The `Host` the client asked for (the request's authority).
    public var host: String? {
        self.head.authority ?? self.head.headerFields[.host]
    }

    /// `http` or `https`, honouring a trusted proxy's `X-Forwarded-Proto`.
    public var scheme: String { self.connection.scheme }

    /// The client's address and port (the first `X-Forwarded-For` hop behind a trusted proxy).
    public var client: (host: String, port: Int?)? {
        self.connection.clientHost.map { ($0, self.connection.clientPort) }
    }

    /// The path prefix the app is served under behind a proxy (uvicorn's `--root-path`), or empty.
    public var rootPath: String { self.connection.rootPath }

    /// The full URL, e.g. `http://example.com/api/items/5?q=x`: scheme, host, root path, raw path and query.
    public var url: String {
        var url = self.baseURL
        url.removeLast()
        url += self.rawPath
        if !self.rawQuery.isEmpty {
            url += "?"
            url += self.rawQuery
        }
        return url
    }

    /// The app's base URL, ending in `/`: scheme, host and root path.
    public var baseURL: String {
        "\(self.scheme)://\(self.host ?? "localhost")\(self.rootPath)/"
    }
}
