public import ApusCore
public import ApusEndpoints
public import ApusModels
import HTTPTypes

/// A way a client proves who it is (FastAPI's `fastapi.security` classes): an extractor that reads the credentials
/// from the request and answers FastAPI's 401 when they are missing, and that documents itself in the OpenAPI
/// document (`components.securitySchemes`, the operation's `security` with the required scopes, and its 401), so
/// Swagger UI's **Authorize** button works with no extra declaration.
///
/// Use a scheme directly in a handler's or dependency's inputs; ``optional`` gives the variant that yields `nil`
/// instead of failing (FastAPI's `auto_error=False`).
///
/// ```swift
/// let oauth2 = OAuth2PasswordBearer(tokenURL: "token")
/// struct CurrentUser: Dependency {
///     static let provider = DependencyProvider(oauth2) { token in try await users.authenticate(token) }
/// }
/// ```
public protocol SecurityScheme: Extractor {
    /// The scheme's name in `components.securitySchemes` (FastAPI: the class name unless `scheme_name` is set).
    var schemeName: String { get }

    /// The OpenAPI security scheme object.
    var schemeObject: JSONObject { get }

    /// The `WWW-Authenticate` challenge of a failure (`Bearer`, `Basic realm="..."`, `APIKey`).
    var challenge: String { get }

    /// How a failure answered before FastAPI 0.122, when ``App/useLegacySecurityStatus()`` asks for it.
    var legacyFailure: LegacySecurityFailure { get }

    /// The credentials in the request: `.missing` when the request carries none of this scheme's (the optional
    /// variant yields `nil` then), `.invalid` when it carries malformed ones (a failure for both variants, as
    /// FastAPI's `HTTPBasic` does with undecodable credentials).
    func read(_ request: Request, context: inout ExtractionContext) throws -> SecurityCredentialsReading<Value>
}

/// What a ``SecurityScheme`` found in a request.
public enum SecurityCredentialsReading<Credentials: Sendable>: Sendable {
    /// The credentials.
    case found(Credentials)
    /// None (or the wrong authentication scheme): a failure, or `nil` for the optional variant.
    case missing
    /// Present but malformed: a failure for both variants.
    case invalid
}

/// How a scheme failed before FastAPI 0.122 made every scheme answer 401 with a challenge.
public enum LegacySecurityFailure: Sendable, Hashable {
    /// 401 with the challenge, as now (OAuth2 bearer tokens, HTTP Basic).
    case unchanged
    /// 403 `{"detail":"Not authenticated"}` without a challenge (API keys, HTTP Bearer and Digest, OpenID
    /// Connect); a credential with the wrong scheme word was 403 `"Invalid authentication credentials"` when
    /// `wrongSchemeIsInvalid`.
    case forbidden(wrongSchemeIsInvalid: Bool)
}

extension SecurityScheme {
    /// Documents the scheme and its 401 on the route.
    public func register(in plan: inout EndpointPlan) {
        plan.requireRequest(for: "\(self.schemeName) credentials")
        plan.addSecurity(
            SecurityRequirementDocumentation(schemeName: self.schemeName, scheme: self.schemeObject, scopes: plan.securityScopes))
        plan.addResponses([notAuthenticatedResponse])
    }

    public func extract(from context: inout ExtractionContext) async throws -> Value? {
        let request = try context.requiredRequest(for: "\(self.schemeName) credentials")
        switch try self.read(request, context: &context) {
        case .found(let credentials): return credentials
        case .missing: throw self.notAuthenticated(request, wrongScheme: self.hasOtherAuthorization(request))
        case .invalid: throw self.notAuthenticated(request, wrongScheme: false)
        }
    }

    /// The variant that yields `nil` when the request has no credentials of this scheme (FastAPI's
    /// `auto_error=False`); malformed credentials still fail.
    public var optional: OptionalSecurityScheme<Self> { OptionalSecurityScheme(self) }

    /// The failure: FastAPI 0.163's 401 `{"detail":"Not authenticated"}` with the challenge, or the pre-0.122
    /// answer when the app asks for it.
    public func notAuthenticated(_ request: Request, wrongScheme: Bool = false) -> HTTPError {
        if request.state[LegacySecurityStatusKey.self] == true, case .forbidden(let invalid) = self.legacyFailure {
            return HTTPError(.forbidden, detail: invalid && wrongScheme ? "Invalid authentication credentials" : "Not authenticated")
        }
        return HTTPError(.unauthorized, detail: "Not authenticated", headers: [.wwwAuthenticate: self.challenge])
    }

    /// Whether the request has an `Authorization` header with credentials of another scheme.
    private func hasOtherAuthorization(_ request: Request) -> Bool {
        guard let value = request.authorization else { return false }
        let (scheme, credentials) = AuthorizationValue.split(value)
        return !scheme.isEmpty && !credentials.isEmpty
    }
}

/// A scheme's variant that yields `nil` instead of failing when the request has no credentials of the scheme
/// (FastAPI's `auto_error=False`). Documented as the scheme itself.
public struct OptionalSecurityScheme<Scheme: SecurityScheme>: Extractor {
    public typealias Value = Scheme.Value?

    /// The scheme.
    public let scheme: Scheme

    /// The optional variant of `scheme`.
    public init(_ scheme: Scheme) {
        self.scheme = scheme
    }

    public func register(in plan: inout EndpointPlan) {
        self.scheme.register(in: &plan)
    }

    public func extract(from context: inout ExtractionContext) async throws -> Scheme.Value?? {
        let request = try context.requiredRequest(for: "\(self.scheme.schemeName) credentials")
        switch try self.scheme.read(request, context: &context) {
        case .found(let credentials): return .some(credentials)
        case .missing: return .some(nil)
        case .invalid: throw self.scheme.notAuthenticated(request)
        }
    }
}

/// The 401 every scheme documents.
let notAuthenticatedResponse = DocumentedResponse.error(.unauthorized, "Not authenticated")

extension Request {
    /// The first `Authorization` field, as Starlette's `headers.get` reads it.
    var authorization: String? {
        self.headers.firstValue(named: .authorization)
    }
}

/// Splits an `Authorization` value as FastAPI's `get_authorization_scheme_param` does: the scheme word before
/// the first space, the rest with surrounding whitespace removed.
enum AuthorizationValue {
    static func split(_ value: String) -> (scheme: Substring, credentials: Substring) {
        guard let space = value.firstIndex(of: " ") else { return (value[...], "") }
        let rest = value[value.index(after: space)...]
        return (value[..<space], rest.trimmingPythonWhitespace())
    }
}

extension Substring {
    /// Without leading and trailing whitespace (Python's `str.strip()` for the characters header values can hold).
    func trimmingPythonWhitespace() -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{0B}" || $0 == "\u{0C}" }
        guard let first = self.firstIndex(where: { !isSpace($0) }), let last = self.lastIndex(where: { !isSpace($0) }) else { return "" }
        return self[first...last]
    }
}
