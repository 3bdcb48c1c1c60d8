public import ApusCore

/// Adds the usual security response headers; each is configurable, and `nil` leaves it out. A header the
/// response already has (set by a handler for one route) is kept as it is.
///
/// ```swift
/// app.use(SecurityHeaders())                                            // the defaults below
/// app.use(SecurityHeaders(frameOptions: nil, contentSecurityPolicy: "default-src 'self'"))
/// ```
///
/// Defaults:
/// - `Strict-Transport-Security: max-age=31536000; includeSubDomains` (one year). Browsers ignore it over plain
///   HTTP (RFC 6797 §8.1), so it is safe to send on every response; add `preload` only once the domain is
///   submitted to the preload list.
/// - `X-Content-Type-Options: nosniff`: no MIME sniffing of scripts and styles.
/// - `X-Frame-Options: DENY`: no framing (clickjacking); use `SAMEORIGIN` to frame your own pages.
/// - `Referrer-Policy: strict-origin-when-cross-origin`: browsers' own default, made explicit.
/// - No `Content-Security-Policy`: a policy must list what the pages load (the docs pages load Swagger UI and ReDoc
///   from a CDN), so one that fits every app does not exist; pass yours.
public struct SecurityHeaders: Middleware {
    /// `Strict-Transport-Security`.
    public var strictTransportSecurity: String?
    /// `X-Content-Type-Options`.
    public var contentTypeOptions: String?
    /// `X-Frame-Options`.
    public var frameOptions: String?
    /// `Referrer-Policy`.
    public var referrerPolicy: String?
    /// `Content-Security-Policy`.
    public var contentSecurityPolicy: String?

    /// Creates the middleware; pass `nil` to leave a header out.
    public init(
        strictTransportSecurity: String? = "max-age=31536000; includeSubDomains",
        contentTypeOptions: String? = "nosniff",
        frameOptions: String? = "DENY",
        referrerPolicy: String? = "strict-origin-when-cross-origin",
        contentSecurityPolicy: String? = nil
    ) {
        self.strictTransportSecurity = strictTransportSecurity
        self.contentTypeOptions = contentTypeOptions
        self.frameOptions = frameOptions
        self.referrerPolicy = referrerPolicy
        self.contentSecurityPolicy = contentSecurityPolicy
    }

    public func handle(_ request: Request, next: MiddlewareNext) async throws -> Response {
        var response = try await next(request)
        let headers: [(HTTPField.Name, String?)] = [
            (.strictTransportSecurity, self.strictTransportSecurity),
            (.xContentTypeOptions, self.contentTypeOptions),
            (.xFrameOptions, self.frameOptions),
            (.referrerPolicy, self.referrerPolicy),
            (.contentSecurityPolicy, self.contentSecurityPolicy),
        ]
        for case (let name, let value?) in headers where !response.headers.contains(name) {
            response.headers.append(HTTPField(name: name, value: value))
        }
        return response
    }
}
