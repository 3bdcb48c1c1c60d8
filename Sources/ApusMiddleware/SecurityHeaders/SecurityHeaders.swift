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
    public var strictTransportSecurity: String? { didSet { self.fields = self.makeFields() } }
    /// `X-Content-Type-Options`.
    public var contentTypeOptions: String? { didSet { self.fields = self.makeFields() } }
    /// `X-Frame-Options`.
    public var frameOptions: String? { didSet { self.fields = self.makeFields() } }
    /// `Referrer-Policy`.
    public var referrerPolicy: String? { didSet { self.fields = self.makeFields() } }
    /// `Content-Security-Policy`.
    public var contentSecurityPolicy: String? { didSet { self.fields = self.makeFields() } }

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
        self.fields = []
        self.fields = self.makeFields()
    }

    /// The headers to add, made when the configuration changes rather than on every response.
    private var fields: [HTTPField]

    private func makeFields() -> [HTTPField] {
        let named: [(HTTPField.Name, String?)] = [
            (.strictTransportSecurity, self.strictTransportSecurity),
            (.xContentTypeOptions, self.contentTypeOptions),
            (.xFrameOptions, self.frameOptions),
            (.referrerPolicy, self.referrerPolicy),
            (.contentSecurityPolicy, self.contentSecurityPolicy),
        ]
        return named.compactMap { name, value in value.map { HTTPField(name: name, value: $0) } }
    }

    public func handle(_ request: Request, next: MiddlewareNext) async throws -> Response {
        var response = try await next(request)
        // One append of what is missing (most often all of it), not one per header.
        if self.fields.allSatisfy({ !response.headers.hasField(named: $0.name) }) {
            response.headers.append(contentsOf: self.fields)
        } else {
            response.headers.append(contentsOf: self.fields.filter { !response.headers.hasField(named: $0.name) })
        }
        return response
    }
}
