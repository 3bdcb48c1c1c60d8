public import ApusCore
import Synchronization

/// Cross-origin resource sharing with Starlette's `CORSMiddleware` semantics, header for header, plus one thing
/// Starlette cannot do: CORS headers also on the 500 an unrendered error becomes.
///
/// ```swift
/// app.use(
///     CORS(
///         allowOrigins: ["https://app.example.com"],
///         allowMethods: ["GET", "POST"],
///         allowHeaders: ["X-Custom"],
///         allowCredentials: true,
///         exposeHeaders: ["X-Request-ID"]
///     ))
/// ```
///
/// - A request is a preflight when it is `OPTIONS` with an `Origin` and an `Access-Control-Request-Method`. The
///   middleware answers it itself: `200 "OK"`, or `400 "Disallowed CORS origin, method, headers"` naming only the
///   checks that failed (`origin`, `method`, `headers`, `private-network`), as `text/plain; charset=utf-8`.
/// - Any other request goes on to the app; when it has an `Origin`, the answer gets `Access-Control-Allow-Origin`
///   (`*`, or the origin echoed when credentials are allowed or origins are listed), and
///   `Access-Control-Allow-Credentials` and `Access-Control-Expose-Headers` when configured.
/// - Every answer that is not a preflight gets `Vary: Origin`, with or without an `Origin`.
///
/// **Beyond Starlette.** In Starlette the 500 handler sits outside every user middleware, so a server error
/// reaches the browser without CORS headers and the page cannot even read its status (FastAPI's most frequent CORS
/// complaint). Here an error nothing inside rendered is turned into the app's own answer with
/// ``ApusCore/Request/response(forUnhandled:)`` (the app's error handlers, then the plain 500, logged once) and
/// decorated like any other response. Register CORS first (outermost) so that it also decorates the answers of the
/// other middleware (a `TrustedHost` 400, a `GZip` response): a middleware registered before it that catches
/// errors thrown further in will no longer see them, because CORS has already answered them.
public struct CORS: Middleware {
    /// Every method, in Starlette's order: what `allowMethods: ["*"]` means.
    public static let allMethods = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "QUERY"]
    /// The request headers browsers send without a preflight (Starlette's list), always allowed.
    public static let safelistedHeaders = ["Accept", "Accept-Language", "Content-Language", "Content-Type"]
    /// The longest `Origin` matched against the `allowOriginRegex` pattern (a real origin is under 300 bytes); longer is
    /// not allowed by the pattern, so a hostile header cannot make a backtracking match slow.
    public static let maximumRegexOriginLength = 2048

    /// The origins allowed exactly; `*` allows every origin.
    public let allowOrigins: [String]
    /// The methods a preflight may ask for (`*` is expanded to ``allMethods``).
    public let allowMethods: [String]
    /// The request headers a preflight may ask for besides the safelisted ones; `*` allows any.
    public let allowHeaders: [String]
    /// Whether credentialed requests are allowed (`Access-Control-Allow-Credentials: true`).
    public let allowCredentials: Bool
    /// Whether a preflight asking for private network access is allowed.
    public let allowPrivateNetwork: Bool
    /// The response headers the page may read (`Access-Control-Expose-Headers`).
    public let exposeHeaders: [String]
    /// How long a browser may cache a preflight answer, in seconds.
    public let maxAge: Int

    private let originPattern: OriginPattern?
    private let allowsAllOrigins: Bool
    private let allowsAllHeaders: Bool
    private let echoesOriginInPreflight: Bool
    private let allowedOrigins: Set<String>
    private let allowedMethods: Set<String>
    private let allowedHeadersLowercased: Set<String>
    private let simpleHeaders: [HTTPField]
    private let preflightHeaders: HTTPFields

    /// Creates the middleware; the defaults are Starlette's (no origin allowed, `GET` only, max age 600 s).
    ///
    /// - Parameters:
    ///   - allowOrigins: origins allowed exactly, or `["*"]` for any.
    ///   - allowMethods: methods a preflight may ask for, or `["*"]` for ``allMethods``.
    ///   - allowHeaders: request headers a preflight may ask for besides the safelisted ones, or `["*"]`.
    ///   - allowCredentials: whether to send `Access-Control-Allow-Credentials: true`; with `*` origins the
    ///     origin is then echoed instead of `*`, as browsers require.
    ///   - allowOriginRegex: a pattern the whole origin may match instead, e.g.
    ///     `try Regex(#"https://.*\.example\.org"#)`; matched on Unicode scalars, as Python matches.
    ///   - allowPrivateNetwork: whether to allow `Access-Control-Request-Private-Network` preflights.
    ///   - exposeHeaders: response headers the page may read.
    ///   - maxAge: seconds a preflight answer may be cached.
    public init(
        allowOrigins: [String] = [],
        allowMethods: [String] = ["GET"],
        allowHeaders: [String] = [],
        allowCredentials: Bool = false,
        allowOriginRegex: sending Regex<AnyRegexOutput>? = nil,
        allowPrivateNetwork: Bool = false,
        exposeHeaders: [String] = [],
        maxAge: Int = 600
    ) {
        let methods = allowMethods.contains("*") ? Self.allMethods : allowMethods
        self.allowOrigins = allowOrigins
        if let allowOriginRegex {
            self.originPattern = OriginPattern(allowOriginRegex)
        } else {
            self.originPattern = nil
        }
        self.allowMethods = methods
        self.allowHeaders = allowHeaders
        self.allowCredentials = allowCredentials
        self.allowPrivateNetwork = allowPrivateNetwork
        self.exposeHeaders = exposeHeaders
        self.maxAge = maxAge

        self.allowsAllOrigins = allowOrigins.contains("*")
        self.allowsAllHeaders = allowHeaders.contains("*")
        self.echoesOriginInPreflight = !self.allowsAllOrigins || allowCredentials
        self.allowedOrigins = Set(allowOrigins)
        self.allowedMethods = Set(methods)
        let headerNames = Set(Self.safelistedHeaders).union(allowHeaders).sorted()
        self.allowedHeadersLowercased = Set(headerNames.map { $0.lowercased() })

        var simple: [HTTPField] = []
        if self.allowsAllOrigins { simple.append(HTTPField(name: .accessControlAllowOrigin, value: "*")) }
        if allowCredentials { simple.append(HTTPField(name: .accessControlAllowCredentials, value: "true")) }
        if !exposeHeaders.isEmpty {
            simple.append(HTTPField(name: .accessControlExposeHeaders, value: exposeHeaders.joined(separator: ", ")))
        }
        self.simpleHeaders = simple

        var preflight = HTTPFields()
        preflight[.vary] = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers, Access-Control-Request-Private-Network"
        if !self.echoesOriginInPreflight { preflight[.accessControlAllowOrigin] = "*" }
        preflight[.accessControlAllowMethods] = methods.joined(separator: ", ")
        preflight[.accessControlMaxAge] = String(maxAge)
        if !self.allowsAllHeaders { preflight[.accessControlAllowHeaders] = headerNames.joined(separator: ", ") }
        if allowCredentials { preflight[.accessControlAllowCredentials] = "true" }
        self.preflightHeaders = preflight
    }

    public func handle(_ request: Request, next: MiddlewareNext) async throws -> Response {
        // Starlette reads the first of repeated fields.
        let origin = request.headers.firstValue(named: .origin)
        if let origin, request.method == .options, request.headers.contains(.accessControlRequestMethod) {
            return self.preflightResponse(origin: origin, request: request)
        }
        var response: Response
        do {
            response = try await next(request)
        } catch {
            response = await request.response(forUnhandled: error)
        }
        self.decorate(&response.headers, origin: origin)
        return response
    }

    /// Whether `origin` is allowed: by `*`, by the pattern, or by the list.
    public func isAllowed(origin: String) -> Bool {
        if self.allowsAllOrigins { return true }
        if let pattern = self.originPattern, origin.utf8.count <= Self.maximumRegexOriginLength, pattern.matchesWhole(origin) {
            return true
        }
        return self.allowedOrigins.contains(origin)
    }

    private func preflightResponse(origin: String, request: Request) -> Response {
        var headers = self.preflightHeaders
        var failures: [String] = []
        if self.isAllowed(origin: origin) {
            if self.echoesOriginInPreflight { headers[.accessControlAllowOrigin] = origin }
        } else {
            failures.append("origin")
        }
        let method = request.headers[values: .accessControlRequestMethod].first ?? ""
        if !self.allowedMethods.contains(method) {
            failures.append("method")
        }
        if let requested = request.headers[values: .accessControlRequestHeaders].first {
            if self.allowsAllHeaders {
                headers[.accessControlAllowHeaders] = requested
            } else if !self.allowsAll(requestedHeaders: requested) {
                failures.append("headers")
            }
        }
        if request.headers.contains(.accessControlRequestPrivateNetwork) {
            if self.allowPrivateNetwork {
                headers[.accessControlAllowPrivateNetwork] = "true"
            } else {
                failures.append("private-network")
            }
        }
        guard failures.isEmpty else {
            return .text("Disallowed CORS " + failures.joined(separator: ", "), status: .badRequest, headers: headers)
        }
        return .text("OK", status: .ok, headers: headers)
    }

    /// Whether every comma-separated name in `requested` is allowed: one pass, one hash lookup per name.
    private func allowsAll(requestedHeaders requested: String) -> Bool {
        requested[...].split(separator: ",", omittingEmptySubsequences: false).allSatisfy { name in
            self.allowedHeadersLowercased.contains(name.lowercased()[...].trimmingPythonWhitespace().description)
        }
    }

    /// Starlette's `send` wrapper: the static headers when there is an origin, the echoed origin where it is
    /// needed, and `Vary: Origin` always.
    private func decorate(_ headers: inout HTTPFields, origin: String?) {
        guard let origin else {
            headers.appendVary("Origin")
            return
        }
        var added = self.simpleHeaders
        if (self.allowsAllOrigins && self.allowCredentials) || (!self.allowsAllOrigins && self.isAllowed(origin: origin)) {
            // In place of the `*` when there is one, as Starlette's `headers[...] = origin` leaves it.
            let echoed = HTTPField(name: .accessControlAllowOrigin, value: origin)
            if let star = added.firstIndex(where: { $0.name.isSame(as: .accessControlAllowOrigin) }) {
                added[star] = echoed
            } else {
                added.append(echoed)
            }
        }
        // Starlette's `headers.update`: a header the response already has is replaced, the others are added at once.
        if added.contains(where: { headers.hasField(named: $0.name) }) {
            for field in added { headers[field.name] = field.value }
        } else {
            headers.append(contentsOf: added)
        }
        headers.appendVary("Origin")
    }
}

/// The origin pattern. `Regex` is not `Sendable`, so it is kept behind a lock: matches of different requests take
/// turns (each is short: an origin of at most ``CORS/maximumRegexOriginLength`` bytes, and only for origins not in
/// the exact list).
private final class OriginPattern: Sendable {
    private let regex: Mutex<Regex<AnyRegexOutput>>

    init(_ regex: sending Regex<AnyRegexOutput>) {
        self.regex = Mutex(regex.matchingSemantics(.unicodeScalar))
    }

    func matchesWhole(_ origin: String) -> Bool {
        self.regex.withLock { regex in (try? regex.wholeMatch(in: origin)) != nil }
    }
}
