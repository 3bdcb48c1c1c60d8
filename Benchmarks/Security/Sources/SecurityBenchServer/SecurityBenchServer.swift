import ApusCore
import ApusEndpoints
import ApusJWT
import ApusMiddleware
import ApusSecurity

// The same small JSON GET four ways, in one server, so run.sh reports each protection as a ratio to the
// unprotected route measured in the same run (every route is /<prefix>/hello in its own router, so routing costs
// the same):
//   GET /unprotected/hello      no protection;
//   GET /bearer/hello           behind an OAuth2 bearer token verified as an HS256 JWT (a request-scoped dependency),
//                               the verifier remembering tokens it verified (the default);
//   GET /bearer-uncached/hello  the same with `cacheCapacity: 0`: every request decodes and checks the token whole;
//   GET /middleware/hello       behind CORS, GZip and SecurityHeaders (a router's middleware).
// Models are Encodable structs (no macros: the release build needs no swift-syntax).

struct Message: Encodable, Sendable {
    let message: String
}

/// The bench's token keys, made once: a fixed 32-byte HS256 secret.
struct BenchTokens: Dependency {
    static let scope = DependencyScope.app
    var verifier: JWTVerifier
    /// The same keys, verified with no cache.
    var uncachedVerifier: JWTVerifier
    static let provider = DependencyProvider {
        let keys = JWTKeySet()
        await keys.add(try .hmac(SecurityBenchServer.secret))
        return BenchTokens(
            verifier: JWTVerifier(keys: keys, algorithms: [.hs256]),
            uncachedVerifier: JWTVerifier(keys: keys, algorithms: [.hs256], cacheCapacity: 0))
    }
}

let bearer = OAuth2PasswordBearer(tokenURL: "token")

/// The caller, from a verified token.
struct BenchUser: Dependency {
    var name: String
    static let provider = DependencyProvider(bearer, Depends<BenchTokens>()) { token, tokens in
        let verified = try await tokens.verifier.verify(token)
        return BenchUser(name: verified.registered.subject ?? "")
    }
}

/// The caller, from a token verified whole on every request.
struct UncachedBenchUser: Dependency {
    var name: String
    static let provider = DependencyProvider(bearer, Depends<BenchTokens>()) { token, tokens in
        let verified = try await tokens.uncachedVerifier.verify(token)
        return UncachedBenchUser(name: verified.registered.subject ?? "")
    }
}

@main
struct SecurityBenchServer {
    static let secret = "security-benchmark-secret-of-32-bytes!"

    /// A token valid for a day.
    static func token() async throws -> String {
        let keys = JWTKeySet()
        await keys.add(try .hmac(secret))
        return try await JWTSigner(keys: keys, lifetime: .seconds(86_400)).sign(RegisteredClaims(subject: "bench"))
    }

    static func main() async throws {
        let arguments = CommandLine.arguments.dropFirst()
        if arguments.first == "token" {
            // `SecurityBenchServer token`: prints a token valid for a day, for wrk's Authorization header.
            print(try await token())
            return
        }
        let port = Int(arguments.first ?? "8095") ?? 8095
        let app = App()
        let unprotected = Router(prefix: "/unprotected")
        unprotected.get("/hello") { Message(message: "Hello, World!") }
        app.include(unprotected)
        let bearerRoutes = Router(prefix: "/bearer")
        bearerRoutes.get("/hello", Depends<BenchUser>()) { _ in Message(message: "Hello, World!") }
        app.include(bearerRoutes)
        let uncached = Router(prefix: "/bearer-uncached")
        uncached.get("/hello", Depends<UncachedBenchUser>()) { _ in Message(message: "Hello, World!") }
        app.include(uncached)
        let guarded = Router(prefix: "/middleware")
        guarded.use(CORS(allowOrigins: ["http://localhost:3000"], allowCredentials: true))
        guarded.use(GZip())
        guarded.use(SecurityHeaders())
        guarded.get("/hello") { Message(message: "Hello, World!") }
        app.include(guarded)
        if arguments.first == "micro" {
            try await micro(app)
            return
        }
        await app.runOrExit(configuration: ServerConfiguration(host: "127.0.0.1", port: port, accessLog: false))
    }
}

/// `SecurityBenchServer micro PATH...`: the same routes called in process, no sockets, 20,000 requests per path
/// in each of 7 alternating rounds; prints the median microseconds per request and the difference to the first
/// path. What the framework itself costs, without the kernel's share of a request.
func micro(_ app: App) async throws {
    let responder = try app.build()
    let token = try await SecurityBenchServer.token()
    let paths = Array(CommandLine.arguments.dropFirst(2))
    guard let basePath = paths.first else { return }
    var results: [String: [Double]] = [:]
    for _ in 0..<7 {
        for path in paths {
            let head = HTTPRequest(
                method: .get, scheme: "http", authority: "127.0.0.1", path: path,
                headerFields: [.authorization: "Bearer \(token)", .origin: "http://localhost:3000", .acceptEncoding: "gzip"])
            let count = 20_000
            let start = ContinuousClock.now
            for _ in 0..<count {
                let request = HTTPServerRequest(
                    head: head, connection: ConnectionInfo(remoteHost: "127.0.0.1", remotePort: 5000), body: .empty)
                let response = try await responder.respond(to: request)
                guard response.status == .ok else { throw MicroBenchFailure(path: path, status: response.status) }
                await response.afterSend?()
            }
            let elapsed = ContinuousClock.now - start
            let microseconds = Double(elapsed.components.seconds) * 1e6 + Double(elapsed.components.attoseconds) / 1e12
            results[path, default: []].append(microseconds / Double(count))
        }
    }
    func median(_ path: String) -> Double { results[path, default: [0]].sorted()[results[path, default: [0]].count / 2] }
    for path in paths {
        print(
            "\(path.padding(toLength: 24, withPad: " ", startingAt: 0)) \(String(format: "%6.2f", median(path))) us  +\(String(format: "%5.2f", median(path) - median(basePath)))"
        )
    }
}

struct MicroBenchFailure: Error {
    let path: String
    let status: HTTPResponse.Status
}
