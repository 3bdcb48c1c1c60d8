public import ApusCore

/// Signed cookie sessions with Starlette's `SessionMiddleware` semantics: the session lives in the client's cookie,
/// signed (HMAC-SHA256) so it cannot be forged, readable and writable by handlers through
/// ``ApusCore/Request/session``.
///
/// ```swift
/// app.use(Sessions(secretKey: secret, previousSecretKeys: [lastYearsSecret], httpsOnly: true))
/// app.post("/login") { request in
///     request.session?["user"] = "alice"
///     return "ok"
/// }
/// ```
///
/// - A missing, tampered, expired (older than `maxAge`) or malformed cookie is an empty session, never an error.
/// - The cookie is sent only when a handler changed the session: `Set-Cookie` with the new signed value (the
///   newest key; cookies signed with `previousSecretKeys` are still read), or a deletion (`null`, expired in 1970)
///   once a session that came in with data is emptied. A response whose handler read the session gets
///   `Vary: Cookie`.
/// - The cookie's attributes are Starlette's, in its order and spelling: `path`, `Max-Age` (when `maxAge` is set),
///   `httponly`, `samesite`, then `secure`, `domain` and `partitioned` when asked for.
///
/// **Size.** Browsers keep at most 4096 bytes of a cookie (RFC 6265 §6.1 asks for at least that much and no more
/// is dependable). A session whose `Set-Cookie` would be longer is **not sent**: the change is logged at error level
/// (with the size, not the content) and the client keeps the cookie it had, so the next request sees the session as
/// it was before. Starlette sends it anyway and the browser drops it silently; an error response instead would
/// undo nothing the handler already did. Keep large state on the server and only an identifier in the session.
public struct Sessions: Middleware {
    /// The most bytes a `Set-Cookie` value may take (name, value and attributes).
    public static let maximumCookieSize = 4096

    /// The cookie's name.
    public let cookieName: String
    /// Seconds a session stays valid after it was last written (`Max-Age`); `nil`: until the browser closes, and
    /// no expiry is checked.
    public let maxAge: Int?
    /// The cookie's path.
    public let path: String

    private let signer: SessionCookieSigner
    private let attributes: String

    /// Creates the middleware; the defaults are Starlette's.
    ///
    /// - Parameters:
    ///   - secretKey: the key new cookies are signed with; keep it secret and long (32 random bytes or more).
    ///   - previousSecretKeys: older keys whose cookies are still accepted (key rotation).
    ///   - cookieName: the cookie's name (`session`).
    ///   - maxAge: seconds a session is valid (14 days); `nil` for a browser-session cookie.
    ///   - path: the cookie's path (`/`).
    ///   - sameSite: the `SameSite` policy (`lax`).
    ///   - httpsOnly: whether the cookie is `secure` (sent over HTTPS only).
    ///   - domain: the cookie's domain, if not the host's.
    ///   - partitioned: whether the cookie is `partitioned` (CHIPS).
    public init(
        secretKey: String,
        previousSecretKeys: [String] = [],
        cookieName: String = "session",
        maxAge: Int? = 14 * 24 * 60 * 60,
        path: String = "/",
        sameSite: ResponseCookie.SameSite = .lax,
        httpsOnly: Bool = false,
        domain: String? = nil,
        partitioned: Bool = false
    ) {
        self.signer = SessionCookieSigner(secretKey: secretKey, previousSecretKeys: previousSecretKeys)
        self.cookieName = cookieName
        self.maxAge = maxAge
        self.path = path
        var attributes = "httponly; samesite=" + sameSite.rawValue
        if httpsOnly { attributes += "; secure" }
        if let domain { attributes += "; domain=\(domain)" }
        if partitioned { attributes += "; partitioned" }
        self.attributes = attributes
    }

    public func handle(_ request: Request, next: MiddlewareNext) async throws -> Response {
        var request = request
        let incoming = request.cookies[self.cookieName].flatMap { self.signer.verify($0, maxAge: self.maxAge) }
        let session = Session(values: incoming ?? [:])
        request.state[SessionKey.self] = session
        var response = try await next(request)

        let state = session.snapshot
        if state.accessed {
            response.headers.appendVary("Cookie")
        }
        guard state.modified else { return response }
        let header: String
        if !state.values.isEmpty {
            let maxAge = self.maxAge.map { "Max-Age=\($0); " } ?? ""
            header = "\(self.cookieName)=\(self.signer.sign(state.values)); path=\(self.path); \(maxAge)\(self.attributes)"
        } else if incoming != nil {
            header = "\(self.cookieName)=null; path=\(self.path); expires=Thu, 01 Jan 1970 00:00:00 GMT; \(self.attributes)"
        } else {
            return response
        }
        guard header.utf8.count <= Self.maximumCookieSize else {
            request.logger.error(
                "Session cookie not sent: larger than browsers keep",
                metadata: ["bytes": "\(header.utf8.count)", "limit": "\(Self.maximumCookieSize)", "path": "\(request.rawPath)"]
            )
            return response
        }
        response.headers.append(HTTPField(name: .setCookie, value: header))
        return response
    }
}

/// Where ``Sessions`` puts the request's session.
enum SessionKey: AppStateKey {
    typealias Value = Session
}

extension Request {
    /// The request's session, or `nil` when the ``Sessions`` middleware is not installed.
    public var session: Session? {
        self.state[SessionKey.self]
    }
}
