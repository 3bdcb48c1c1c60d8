/// The OAuth2 scopes required along the dependency chain that leads to the dependency reading it (FastAPI's
/// `SecurityScopes`): every ``Security`` use above it, outermost first, duplicates kept.
///
/// ```swift
/// struct CurrentUser: Dependency {
///     static let provider = DependencyProvider(SecurityScopes(), oauth2) { required, token in
///         let claims = try await verifier.verify(token)
///         for scope in required.scopes where !claims.scopes.contains(scope) {
///             throw HTTPError(.unauthorized, detail: "Not enough permissions",
///                             headers: [.wwwAuthenticate: "Bearer scope=\"\(required.scopeString)\""])
///         }
///         ...
///     }
/// }
/// ```
public struct SecurityScopes: Extractor, Sendable, Hashable {
    public typealias Value = SecurityScopes

    /// The required scopes, outermost use first.
    public var scopes: [String]

    /// The scopes separated by spaces (for a `WWW-Authenticate: Bearer scope="..."` challenge).
    public var scopeString: String { self.scopes.joined(separator: " ") }

    /// The extractor (in a provider's or handler's inputs).
    public init() {
        self.scopes = []
    }

    /// A value with these scopes.
    public init(scopes: [String]) {
        self.scopes = scopes
    }

    public func register(in plan: inout EndpointPlan) {}

    public func extract(from context: inout ExtractionContext) async throws -> SecurityScopes? {
        SecurityScopes(scopes: context.securityScopes)
    }
}
