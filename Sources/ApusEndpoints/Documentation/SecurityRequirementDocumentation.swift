public import ApusModels

/// A security scheme an operation requires, contributed by a security dependency (filled in by the security
/// layer; the OpenAPI builder lists the scheme under `components.securitySchemes` and the requirement under the
/// operation's `security`).
public struct SecurityRequirementDocumentation: Sendable, Hashable {
    /// The scheme's name in `components.securitySchemes` (FastAPI: the class name unless `scheme_name` is set).
    public var schemeName: String
    /// The scheme object (`{"type":"apiKey","in":"header","name":"X-API-Key"}`).
    public var scheme: JSONObject
    /// The OAuth2 scopes required.
    public var scopes: [String]

    /// Creates a requirement.
    public init(schemeName: String, scheme: JSONObject, scopes: [String] = []) {
        self.schemeName = schemeName
        self.scheme = scheme
        self.scopes = scopes
    }
}
