import Apus
import Foundation

/// Every security scheme behind a route: the Apus side of the security differential test
/// (Tests/Security/compare_security.py; the FastAPI side is Tests/Security/fastapi_security_twin.py). Serves on
/// 127.0.0.1:`PORT` (8020); with `APUS_LEGACY_SECURITY=1` it answers as FastAPI did before 0.122.
@main
struct SecurityTwinServer {
    static func main() async {
        let environment = ProcessInfo.processInfo.environment
        let app = SecurityTwin.make()
        if environment["APUS_LEGACY_SECURITY"] == "1" {
            app.useLegacySecurityStatus()
        }
        let configuration = ServerConfiguration(host: "127.0.0.1", port: environment["PORT"].flatMap(Int.init) ?? 8020)
        await app.runOrExit(configuration: configuration)
    }
}

@Schema struct TokenOut { var token: String }
@Schema struct OptionalTokenOut { var token: String? }
@Schema struct KeyOut { var key: String }
@Schema struct OptionalKeyOut { var key: String? }
@Schema struct AuthorizationOut { var authorization: String }
@Schema struct OptionalAuthorizationOut { var authorization: String? }
@Schema struct BasicOut {
    var username: String
    var password: String
}
@Schema struct CredentialsOut {
    var scheme: String
    var credentials: String
}
@Schema struct ScopedUser {
    var required: [String]
    var granted: [String]
}
@Schema(naming: .snakeCase)
struct TokenRequestOut {
    var grantType: String?
    var username: String
    var password: String
    var scopes: [String]
    var clientId: String?
    var clientSecret: String?
}

/// The user behind an OAuth2 token "scopes:<granted scopes>": every required scope must be granted.
struct ScopedUserDependency: Dependency {
    var user: ScopedUser

    static let provider = DependencyProvider(SecurityScopes(), SecurityTwin.oauth2) { required, token in
        let granted = (token.hasPrefix("scopes:") ? String(token.dropFirst(7)) : token).split(whereSeparator: \.isWhitespace).map(
            String.init)
        for scope in required.scopes where !granted.contains(scope) {
            throw HTTPError(
                .unauthorized, detail: "Not enough permissions", headers: [.wwwAuthenticate: "Bearer scope=\"\(required.scopeString)\""])
        }
        return ScopedUserDependency(user: ScopedUser(required: required.scopes, granted: granted))
    }
}

/// FastAPI's `get_active_user`: the scoped user, with scope `me` required on top.
struct ActiveUserDependency: Dependency {
    var user: ScopedUser

    static let provider = DependencyProvider(Security<ScopedUserDependency>(scopes: ["me"])) { user in
        ActiveUserDependency(user: user.user)
    }
}

enum SecurityTwin {
    static let oauth2 = OAuth2PasswordBearer(tokenURL: "token", scopes: ["items:read": "Read items.", "me": "Read yourself."])
    static let oauth2Optional = OAuth2PasswordBearer(tokenURL: "token", schemeName: "OAuth2Optional").optional
    static let code = OAuth2AuthorizationCodeBearer(
        authorizationURL: "https://auth.example.com/authorize", tokenURL: "https://auth.example.com/token",
        refreshURL: "https://auth.example.com/refresh", scopes: ["read": "Read."])
    static let basic = HTTPBasic()
    static let basicRealm = HTTPBasic(schemeName: "BasicRealm", realm: "apus")
    static let basicOptional = HTTPBasic(schemeName: "BasicOptional").optional
    static let bearer = HTTPBearer(bearerFormat: "JWT")
    static let bearerOptional = HTTPBearer(schemeName: "BearerOptional").optional
    static let digest = HTTPDigest()
    static let digestOptional = HTTPDigest(schemeName: "DigestOptional").optional
    static let keyHeader = APIKey.header("X-Key")
    static let keyHeaderOptional = APIKey.header("X-Key", schemeName: "KeyHeaderOptional").optional
    static let keyQuery = APIKey.query("key", description: "The key as a query parameter.")
    static let keyCookie = APIKey.cookie("session")
    static let openIDURL = "https://auth.example.com/.well-known/openid-configuration"
    static let openID = OpenIDConnect(openIDConnectURL: openIDURL)
    static let openIDOptional = OpenIDConnect(openIDConnectURL: openIDURL, schemeName: "OpenIdOptional").optional

    static func make() -> App {
        let app = App()
        app.get("/oauth", oauth2) { TokenOut(token: $0) }
        app.get("/oauth-optional", oauth2Optional) { OptionalTokenOut(token: $0) }
        app.get("/code", code) { TokenOut(token: $0) }
        app.get("/basic", basic) { BasicOut(username: $0.username, password: $0.password) }
        app.get("/basic-realm", basicRealm) { BasicOut(username: $0.username, password: $0.password) }
        app.get("/basic-optional", basicOptional) { credentials in
            credentials.map { BasicOut(username: $0.username, password: $0.password) }
        }
        app.get("/bearer", bearer) { CredentialsOut(scheme: $0.scheme, credentials: $0.credentials) }
        app.get("/bearer-optional", bearerOptional) { credentials in
            credentials.map { CredentialsOut(scheme: $0.scheme, credentials: $0.credentials) }
        }
        app.get("/digest", digest) { CredentialsOut(scheme: $0.scheme, credentials: $0.credentials) }
        app.get("/digest-optional", digestOptional) { credentials in
            credentials.map { CredentialsOut(scheme: $0.scheme, credentials: $0.credentials) }
        }
        app.get("/key-header", keyHeader) { KeyOut(key: $0) }
        app.get("/key-header-optional", keyHeaderOptional) { OptionalKeyOut(key: $0) }
        app.get("/key-query", keyQuery) { KeyOut(key: $0) }
        app.get("/key-cookie", keyCookie) { KeyOut(key: $0) }
        app.get("/openid", openID) { AuthorizationOut(authorization: $0) }
        app.get("/openid-optional", openIDOptional) { OptionalAuthorizationOut(authorization: $0) }
        app.get("/scoped", Security<ScopedUserDependency>(scopes: ["items:read"])) { $0.user }
        app.get("/scoped-nested", Security<ActiveUserDependency>(scopes: ["items:read"])) { $0.user }
        app.post("/token", OAuth2PasswordRequestForm()) { form in tokenOut(form) }
        app.post("/token-strict", OAuth2PasswordRequestForm(strict: true)) { form in tokenOut(form) }
        app.enableDocs()
        return app
    }

    static func tokenOut(_ form: OAuth2PasswordRequest) -> TokenRequestOut {
        TokenRequestOut(
            grantType: form.grantType, username: form.username, password: form.password, scopes: form.scopes,
            clientId: form.clientID, clientSecret: form.clientSecret)
    }
}
