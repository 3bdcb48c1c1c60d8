public import ApusCore

/// Redirects every plain-HTTP request to HTTPS with a `307` (Starlette's `HTTPSRedirectMiddleware`), keeping
/// path, query and a non-default port.
///
/// ```swift
/// app.use(HTTPSRedirect())
/// ```
///
/// The scheme is the request's (``ApusCore/Request/scheme``), so behind a TLS-terminating proxy that the server
/// trusts (`ServerConfiguration.forwardedAllowIPs`), `X-Forwarded-Proto: https` counts as HTTPS and is not
/// redirected. Ports 80 and 443 are dropped from the new URL, and the host is then lowercased, as in Starlette.
///
/// Differences from Starlette: a request without a valid `Host` is answered `400 "Invalid host header"`, where
/// Starlette redirects to the server's socket address; and an IPv6 host keeps its brackets when its port is
/// dropped (Starlette's `https://::1/` is not a URL).
public struct HTTPSRedirect: Middleware {
    /// Creates the middleware.
    public init() {}

    public func handle(_ request: Request, next: MiddlewareNext) async throws -> Response {
        let secureScheme: String
        switch request.scheme {
        case "http": secureScheme = "https"
        case "ws": secureScheme = "wss"
        default: return try await next(request)
        }
        guard let parsed = request.parsedHost, parsed.hasValidPort else { return TrustedHost.invalidHost }
        let netloc: String
        if case .some(.some(let port)) = parsed.portNumber, port == 80 || port == 443 {
            netloc = parsed.host.lowercased()
        } else {
            netloc = parsed.authority
        }
        return .redirect(to: request.url(scheme: secureScheme, netloc: netloc))
    }
}
