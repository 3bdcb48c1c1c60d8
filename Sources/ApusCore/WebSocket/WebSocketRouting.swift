import ApusWireFormats

extension HTTPRequest.Method {
    /// The method WebSocket routes are registered under. It is not sent by clients: a `GET` that asks to upgrade
    /// to WebSocket (``Request/isWebSocketUpgrade``) is matched against the routes of this method first, and
    /// against its `GET` routes when the path has no WebSocket route (the upgrade is then ignored, as RFC 9110
    /// allows). It never appears in an `Allow` list.
    public static var webSocket: HTTPRequest.Method { webSocketMethod }
}

// "WEBSOCKET" is a valid method token, so the failable initialiser cannot return nil.
private let webSocketMethod = HTTPRequest.Method("WEBSOCKET")!

extension Request {
    /// Whether this is a WebSocket opening handshake (RFC 6455 §4.2.1): a `GET` with `Upgrade: websocket` and
    /// `Connection: Upgrade`. Whether its other fields are valid is the WebSocket route's to check.
    public var isWebSocketUpgrade: Bool {
        guard self.method == .get, let upgrade = self.headers[.upgrade], let connection = self.headers[.connection] else {
            return false
        }
        return Self.listContains(upgrade, "websocket") && Self.listContains(connection, "upgrade")
    }

    /// Whether a comma-separated header value lists `token` (ASCII case-insensitively).
    private static func listContains(_ value: String, _ token: String) -> Bool {
        let elements: [Substring] = value.split(separator: ",")
        return elements.contains { (element: Substring) -> Bool in element.trimmingHTTPWhitespace().lowercased() == token }
    }
}
