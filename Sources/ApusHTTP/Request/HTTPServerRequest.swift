public import HTTPTypes

/// A request as the server hands it to the application: the head, the connection it came on, and the body.
public struct HTTPServerRequest: Sendable {
    /// Method, scheme, authority (the `Host` header), path with query string, and header fields.
    public var head: HTTPRequest
    /// The client and scheme (proxy-aware) and the root path the app is served under.
    public var connection: ConnectionInfo
    /// The streamed body.
    public var body: RequestBody

    /// Creates a request.
    public init(head: HTTPRequest, connection: ConnectionInfo = ConnectionInfo(), body: RequestBody = .empty) {
        self.head = head
        self.connection = connection
        self.body = body
    }
}

/// What the server calls for every request. The application core implements it.
///
/// A responder that throws gets the plain 500 `text/plain; charset=utf-8` "Internal Server Error", and the error is
/// logged; the connection stays usable.
public protocol HTTPResponder: Sendable {
    /// Answers one request.
    func respond(to request: HTTPServerRequest) async throws -> Response
}
