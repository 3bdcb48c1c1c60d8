import ApusCore
import ApusEndpoints
import ApusJWT
import ApusMiddleware
import ApusSecurity

// The same small JSON GET three ways, in one server, so run.sh reports each protection as a ratio to the
// unprotected route measured in the same run:
//   GET /plain                 no protection;
//   GET /bearer/plain          behind an OAuth2 bearer token verified as an HS256 JWT (a request-scoped dependency);
//   GET /middleware/plain      behind CORS, GZip and SecurityHeaders (a router's middleware; the request carries
//                              an allowed Origin and Accept-Encoding: gzip, as a browser's does).
// Models are Encodable structs (no macros: the release build needs no swift-syntax).

struct Message: Encodable, Sendable {
    let message: String
}

/// The bench's token keys, made once: a fixed 32-byte HS256 secret.
struct BenchTokens: Dependency {
    static let scope = DependencyScope.app
    var verifier: JWTVerifier
    static let provider = DependencyProvider {
        let keys = JWTKeySet()
        await keys.add(try .hmac(SecurityBenchServer.secret))
        return BenchTokens(verifier: JWTVerifier(keys: keys, algorithms: [.hs256]))
    }
}

/// The caller, from a verified token.
struct BenchUser: Dependency {
    var name: String
    static let bearer = OAuth2PasswordBearer(tokenURL: "token")
    static let provider = DependencyProvider(bearer, Depends<BenchTokens>()) { token, tokens in
        let verified = try await tokens.verifier.verify(token)
        return BenchUser(name: verified.registered.subject ?? "")
    }
}

@main
struct SecurityBenchServer {
    static let secret = "security-benchmark-secret-of-32-bytes!"

    static func main() async throws {
        let arguments = CommandLine.arguments.dropFirst()
        if arguments.first == "token" {
            // `SecurityBenchServer token`: prints a token valid for a day, for wrk's Authorization header.
            let keys = JWTKeySet()
            await keys.add(try .hmac(secret))
            print(try await JWTSigner(keys: keys, lifetime: .seconds(86_400)).sign(RegisteredClaims(subject: "bench")))
            return
        }
        let port = Int(arguments.first ?? "8095") ?? 8095
        let app = App()
        app.get("/plain") { Message(message: "Hello, World!") }
        let bearer = Router(prefix: "/bearer")
        bearer.get("/plain", Depends<BenchUser>()) { _ in Message(message: "Hello, World!") }
        app.include(bearer)
        let guarded = Router(prefix: "/middleware")
        guarded.use(CORS(allowOrigins: ["http://localhost:3000"], allowCredentials: true))
        guarded.use(GZip())
        guarded.use(SecurityHeaders())
        guarded.get("/plain") { Message(message: "Hello, World!") }
        app.include(guarded)
        await app.runOrExit(configuration: ServerConfiguration(host: "127.0.0.1", port: port, accessLog: false))
    }
}
