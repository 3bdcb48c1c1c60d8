public import ApusCore

/// Answers requests for hosts the app does not serve with `400 "Invalid host header"` (Starlette's
/// `TrustedHostMiddleware`), against Host header attacks: poisoned password-reset links, cache poisoning.
///
/// ```swift
/// app.use(try TrustedHost(allowedHosts: ["example.com", "*.example.com"]))
/// ```
///
/// A pattern is a host (compared case-insensitively, without the port), `*.domain` for any name ending in
/// `.domain`, or `*` for any host. With `wwwRedirect` (the default), a request for `example.com` when only
/// `www.example.com` is allowed gets a `307` to the same URL on `www.example.com`. A missing or malformed `Host`
/// is a 400 too.
///
/// One difference from Starlette: when a `www` redirect would need a `Host` whose port is out of range, Starlette
/// builds the URL from the server's socket address; Apus answers the 400 instead.
public struct TrustedHost: Middleware {
    /// A pattern that is neither a host, `*`, nor `*.` followed by a domain.
    public struct PatternError: Error, Hashable, CustomStringConvertible {
        /// The pattern as given.
        public var pattern: String

        /// Creates the error for `pattern`.
        public init(pattern: String) {
            self.pattern = pattern
        }

        public var description: String {
            "Invalid trusted host pattern \"\(self.pattern)\": domain wildcard patterns must be like '*.example.com'."
        }
    }

    /// The allowed patterns, lowercased.
    public let allowedHosts: [String]
    /// Whether `example.com` is redirected to an allowed `www.example.com`.
    public let wwwRedirect: Bool

    private let allowsAny: Bool
    private let exactHosts: Set<String>
    private let suffixes: [String]

    /// Creates the middleware.
    ///
    /// - Parameters:
    ///   - allowedHosts: hosts, `*.domain` wildcards, or `*` (Starlette's default: anything).
    ///   - wwwRedirect: whether to redirect a bare domain to its allowed `www.` name.
    /// - Throws: ``PatternError`` for a `*` anywhere but at the start of `*.domain` (or alone).
    public init(allowedHosts: [String] = ["*"], wwwRedirect: Bool = true) throws(PatternError) {
        for pattern in allowedHosts {
            let misplacedStar = pattern.dropFirst().contains("*")
            if misplacedStar || (pattern.hasPrefix("*") && pattern != "*" && !pattern.hasPrefix("*.")) {
                throw PatternError(pattern: pattern)
            }
        }
        self.allowedHosts = allowedHosts.map { $0.lowercased() }
        self.wwwRedirect = wwwRedirect
        self.allowsAny = allowedHosts.contains("*")
        self.exactHosts = Set(self.allowedHosts.filter { !$0.hasPrefix("*") })
        self.suffixes = self.allowedHosts.filter { $0.hasPrefix("*") }.map { String($0.dropFirst()) }
    }

    public func handle(_ request: Request, next: MiddlewareNext) async throws -> Response {
        if self.allowsAny { return try await next(request) }
        guard let parsed = request.parsedHost else { return Self.invalidHost }
        let host = parsed.host.lowercased()
        if self.exactHosts.contains(host) || self.suffixes.contains(where: { host.hasSuffix($0) }) {
            return try await next(request)
        }
        guard self.wwwRedirect, self.exactHosts.contains("www." + host), parsed.hasValidPort else { return Self.invalidHost }
        return .redirect(to: request.url(scheme: request.scheme, netloc: "www." + parsed.authority))
    }

    static var invalidHost: Response { .text("Invalid host header", status: .badRequest) }
}
