public import ApusEndpoints
import ApusModels

/// What a client posts to an OAuth2 token URL in the password flow (FastAPI's `OAuth2PasswordRequestForm`).
public struct OAuth2PasswordRequest: Sendable, Hashable {
    /// `password` when sent (required by the strict form).
    public var grantType: String?
    /// The username.
    public var username: String
    /// The password.
    public var password: String
    /// The requested scopes: the `scope` field split at spaces.
    public var scopes: [String]
    /// The client's id, when it authenticates in the form.
    public var clientID: String?
    /// The client's secret, when it authenticates in the form.
    public var clientSecret: String?

    /// A request.
    public init(
        grantType: String? = nil, username: String, password: String, scopes: [String] = [], clientID: String? = nil,
        clientSecret: String? = nil
    ) {
        self.grantType = grantType
        self.username = username
        self.password = password
        self.scopes = scopes
        self.clientID = clientID
        self.clientSecret = clientSecret
    }
}

/// The form body of an OAuth2 password-flow token request (FastAPI's `OAuth2PasswordRequestForm`, and with
/// `strict: true` `OAuth2PasswordRequestFormStrict`): `grant_type` (optional, `password` if sent; required in
/// the strict form), `username`, `password`, `scope` (space-separated), `client_id`, `client_secret`. Missing or
/// invalid fields are FastAPI's 422s; the document shows the password fields as `format: password`.
///
/// ```swift
/// app.post("/token", OAuth2PasswordRequestForm()) { form in
///     guard let user = try await users.authenticate(form.username, form.password) else {
///         throw HTTPError(.badRequest, detail: "Incorrect username or password")
///     }
///     return Token(accessToken: try await signer.sign(...), tokenType: "bearer")
/// }
/// ```
public struct OAuth2PasswordRequestForm: Extractor {
    public typealias Value = OAuth2PasswordRequest

    /// Whether `grant_type` is required.
    public let strict: Bool

    private static let grantTypeSpec = FieldSpec<String>(pattern: "^password$")
    private let grantType: Form<String?>
    private let requiredGrantType = Form<String>("grant_type", spec: grantTypeSpec)
    private let username = Form<String>("username")
    private let password = Form<String>("password", spec: FieldSpec(format: .password))
    private let scope = Form<String>("scope", default: "")
    private let clientID = Form<String?>("client_id", default: .some(nil))
    private let clientSecret = Form<String?>("client_secret", default: .some(nil), spec: FieldSpec(format: .password))

    /// The form; `strict` requires `grant_type`.
    public init(strict: Bool = false) {
        self.strict = strict
        self.grantType = Form<String?>("grant_type", default: .some(nil), spec: Self.grantTypeSpec.converted(to: String?.self))
    }

    public func register(in plan: inout EndpointPlan) {
        if self.strict {
            self.requiredGrantType.register(in: &plan)
        } else {
            self.grantType.register(in: &plan)
        }
        self.username.register(in: &plan)
        self.password.register(in: &plan)
        self.scope.register(in: &plan)
        self.clientID.register(in: &plan)
        self.clientSecret.register(in: &plan)
    }

    public func extract(from context: inout ExtractionContext) async throws -> OAuth2PasswordRequest? {
        let grantType: String?? =
            self.strict
            ? try await self.requiredGrantType.extract(from: &context).map { .some($0) }
            : try await self.grantType.extract(from: &context)
        let username = try await self.username.extract(from: &context)
        let password = try await self.password.extract(from: &context)
        let scope = try await self.scope.extract(from: &context)
        let clientID = try await self.clientID.extract(from: &context)
        let clientSecret = try await self.clientSecret.extract(from: &context)
        guard let grantType, let username, let password, let scope, let clientID, let clientSecret else { return nil }
        return OAuth2PasswordRequest(
            grantType: grantType, username: username, password: password,
            scopes: scope.split(whereSeparator: \.isWhitespace).map(String.init), clientID: clientID,
            clientSecret: clientSecret
        )
    }
}
