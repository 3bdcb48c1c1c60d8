import Apus
import ApusJWT
import ApusPasswords
import Foundation
import Logging

/// The seeds' OAuth2 password flow, for real: `POST /token` checks a user's hashed password and returns a signed
/// JWT; routes that need a user declare ``CurrentUser``, which verifies the token (and, through ``Security``, its
/// scopes).
enum ExampleAuth {
    /// The scheme Swagger UI's Authorize button uses: username and password posted to `token`.
    static let oauth2 = OAuth2PasswordBearer(tokenURL: "token", scopes: ["items:read": "Read your items."])

    /// The environment variable holding the HS256 signing secret; without it a development key is generated.
    static let secretVariable = "APUS_EXAMPLE_JWT_SECRET"

    /// The demo's scrypt cost (see ``ExampleUsers``).
    static let hashing = PasswordHasher.Configuration(scrypt: ScryptParameters(logN: 15, blockSize: 8, parallelism: 1))

    /// How long an access token is valid (the FastAPI tutorial's 30 minutes).
    static let tokenLifetime = Duration.seconds(30 * 60)
}

/// A demo user (in memory until the data issue brings the database): the password is stored only as a hash.
struct ExampleUser: Sendable {
    var username: String
    var passwordHash: String
    /// The scopes a token of this user may carry.
    var scopes: [String]
}

/// The two demo users, `alice` (`alice-secret`) and `bob` (`bob-secret`), with scrypt hashes in PHC strings, as
/// a database would hold them. The demo's cost is `ln=15` (32 MiB, ``ExampleAuth/hashing``) so that the test
/// suites' hundreds of logins stay fast; the production default is OWASP's `ln=17`.
enum ExampleUsers {
    static let all: [String: ExampleUser] = [
        "alice": ExampleUser(
            username: "alice",
            passwordHash: "$scrypt$ln=15,r=8,p=1$CySu7nKoq8A08cm7JKgJuA$Y1EW8anPgwaHgyHk3tea6TYiD3YqqH447Q1e8+yOLpo",
            scopes: ["items:read"]),
        "bob": ExampleUser(
            username: "bob",
            passwordHash: "$scrypt$ln=15,r=8,p=1$A6/3Z6hIiq2dIb6dw9kp+Q$ZpeXTpauQjv3Mf3Rtu706ZWFMrtkBVRv3KEUX1jpHdo",
            scopes: ["items:read"]),
    ]

    /// Verified against when the username is unknown, so that an unknown user costs the same time as a wrong
    /// password (no user enumeration by timing).
    static let decoyHash = all["alice"]!.passwordHash  // A literal key of the table above: cannot be nil.
}

/// The claims the example's tokens carry besides the registered ones.
struct AccessClaims: Codable, Sendable {
    var scopes: [String]
}

/// The example's token keys, made once at startup: the HS256 secret from `APUS_EXAMPLE_JWT_SECRET`, or a random
/// development key (logged as such: tokens then do not survive a restart).
struct ExampleTokens: Dependency {
    static let scope = DependencyScope.app

    var signer: JWTSigner
    var verifier: JWTVerifier
    var hasher: PasswordHasher

    static let provider = DependencyProvider {
        let keys = JWTKeySet()
        let logger = Logger(label: "apus.example")
        if let secret = ProcessInfo.processInfo.environment[ExampleAuth.secretVariable], !secret.isEmpty {
            // HS256 needs a key at least as long as its 32-byte output (RFC 7518 §3.2): a shorter one stops startup.
            await keys.add(try .hmac(secret))
        } else {
            var generator = SystemRandomNumberGenerator()
            let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            await keys.add(try .hmac(Data(bytes)))
            logger.warning(
                "Generated a development JWT signing key: tokens will not survive a restart",
                metadata: ["hint": "set \(ExampleAuth.secretVariable) to sign with your own key"])
        }
        return ExampleTokens(
            signer: JWTSigner(keys: keys, lifetime: ExampleAuth.tokenLifetime),
            verifier: JWTVerifier(keys: keys, algorithms: [.hs256]),
            hasher: try PasswordHasher(configuration: ExampleAuth.hashing))
    }
}

/// The authenticated caller: the token must verify, name a known user and carry every scope required along the
/// chain (``SecurityScopes``); otherwise 401.
struct CurrentUser: Dependency {
    var username: String
    var scopes: [String]

    static let responses = [DocumentedResponse.error(.unauthorized, "Not authenticated, invalid token or missing scope")]

    static let provider = DependencyProvider(SecurityScopes(), ExampleAuth.oauth2, Depends<ExampleTokens>()) { required, token, tokens in
        let verified = try await tokens.verifier.verify(token, as: AccessClaims.self)
        guard let username = verified.registered.subject, ExampleUsers.all[username] != nil else {
            throw JWTVerificationError.missingClaim("sub")
        }
        for scope in required.scopes where !verified.claims.scopes.contains(scope) {
            throw HTTPError(
                .unauthorized, detail: "Not enough permissions",
                headers: [.wwwAuthenticate: "Bearer scope=\"\(required.scopeString)\""])
        }
        return CurrentUser(username: username, scopes: verified.claims.scopes)
    }
}

/// `POST /token`'s answer (OAuth2's token response).
@Schema(naming: .snakeCase)
struct Token {
    var accessToken: String
    var tokenType: String
}

/// `GET /users/me`.
@Schema
struct Me {
    var username: String
}

extension ExampleApp {
    /// `POST /token`, `GET /users/me`, `GET /users/me/items` (scope `items:read`) and `GET /users/me/posts`.
    static func addSecurityRoutes(to app: App) {
        app.post(
            "/token", OAuth2PasswordRequestForm(), Depends<ExampleTokens>(),
            responses: [.error(.unauthorized, "Incorrect username or password")]
        ) { form, tokens in
            let user = ExampleUsers.all[form.username]
            let verified = try await tokens.hasher.verify(form.password, against: user?.passwordHash ?? ExampleUsers.decoyHash)
            guard let user, verified else {
                throw HTTPError(.unauthorized, detail: "Incorrect username or password", headers: [.wwwAuthenticate: "Bearer"])
            }
            let granted = form.scopes.filter(user.scopes.contains)
            let token = try await tokens.signer.sign(AccessClaims(scopes: granted), registered: RegisteredClaims(subject: user.username))
            return Token(accessToken: token, tokenType: "bearer")
        }
        app.get("/users/me", Depends<CurrentUser>()) { user in Me(username: user.username) }
        app.get("/users/me/items", Security<CurrentUser>(scopes: ["items:read"])) { user in
            ExampleItems.owned.filter { $0.owner == user.username }
        }
        app.get("/users/me/posts", Depends<CurrentUser>(), RawRequest()) { user, request in
            try request.examplePosts.all().filter { $0.owner == user.username }
        }
    }
}
