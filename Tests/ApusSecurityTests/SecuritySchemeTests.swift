import Apus
import ApusTesting
import Synchronization
import Testing

/// Counts how often the scoped user is made (caching is per dependency and required scopes).
let scopedUserMade = Atomic<Int>(0)

let bearerScheme = OAuth2PasswordBearer(tokenURL: "token", scopes: ["a": "A.", "b": "B."])

/// A user that reports the scopes required above it.
struct ScopedUser: Dependency {
    var required: [String]
    static let provider = DependencyProvider(SecurityScopes(), bearerScheme) { scopes, _ in
        scopedUserMade.add(1, ordering: .relaxed)
        return ScopedUser(required: scopes.scopes)
    }
}

/// A post loaded by id and owned by the caller: documents its own 403 and 404.
struct OwnedThing: Dependency {
    var id: Int
    static let responses = [DocumentedResponse.error(.notFound, "Thing not found"), .error(.forbidden, "Not the owner")]
    static let provider = DependencyProvider(Path<Int>("thing_id"), APIKey.header("X-Key")) { id, key in
        guard id == 1 else { throw HTTPError(.notFound, detail: "Thing not found") }
        guard key == "owner" else { throw HTTPError(.forbidden, detail: "Not the owner") }
        return OwnedThing(id: id)
    }
}

/// Uses `OwnedThing` one level down: its responses still reach the operation.
struct ThingSummary: Dependency {
    var id: Int
    static let provider = DependencyProvider(Depends<OwnedThing>()) { thing in ThingSummary(id: thing.id) }
}

/// An app-scoped dependency that wants credentials: a registration error.
struct AppScopedCredentials: Dependency {
    static let scope = DependencyScope.app
    static let provider = DependencyProvider(APIKey.header("X-Key")) { _ in AppScopedCredentials() }
}

@Suite("Security schemes")
struct SecuritySchemeTests {
    static let authorization = HTTPField.Name.authorization
    static let key = HTTPField.Name("x-key")!

    @Test func scopesAccumulateAndEachSetIsItsOwnInstance() async throws {
        let app = App()
        app.get("/both", Security<ScopedUser>(scopes: ["a"]), Security<ScopedUser>(scopes: ["b"]), Security<ScopedUser>(scopes: ["a"])) {
            first, second, third in [first.required, second.required, third.required]
        }
        try await app.test(.inProcess) { client in
            let before = scopedUserMade.load(ordering: .relaxed)
            let response = try await client.get("/both", headers: [Self.authorization: "Bearer t"])
            #expect(response.text == #"[["a"],["b"],["a"]]"#)
            #expect(scopedUserMade.load(ordering: .relaxed) - before == 2)
        }
    }

    @Test func legacyStatusAnswersAndDocumentsTheOld403() async throws {
        let app = App()
        app.useLegacySecurityStatus()
        app.get("/key", APIKey.header("X-Key")) { key in ["key": key] }
        app.get("/bearer", HTTPBearer()) { credentials in ["token": credentials.credentials] }
        app.get("/oauth", bearerScheme) { token in ["token": token] }
        app.get("/basic", HTTPBasic()) { credentials in ["user": credentials.username] }
        app.enableDocs()
        try await app.test(.inProcess) { client in
            let key = try await client.get("/key")
            #expect(key.status == .forbidden)
            #expect(key.header("www-authenticate") == nil)
            #expect(key.text == #"{"detail":"Not authenticated"}"#)
            let wrongScheme = try await client.get("/bearer", headers: [Self.authorization: "Token abc"])
            #expect(wrongScheme.status == .forbidden)
            #expect(wrongScheme.text == #"{"detail":"Invalid authentication credentials"}"#)
            let noBearer = try await client.get("/bearer")
            #expect(noBearer.text == #"{"detail":"Not authenticated"}"#)
            let oauth = try await client.get("/oauth")
            #expect(oauth.status == .unauthorized)
            #expect(oauth.header("www-authenticate") == "Bearer")
            let basic = try await client.get("/basic")
            #expect(basic.status == .unauthorized)
            let document = try await client.get("/openapi.json").text
            #expect(Self.statuses(of: "/key", in: document) == ["200", "403"])
            #expect(Self.statuses(of: "/oauth", in: document) == ["200", "401"])
        }
    }

    @Test func newStatusIsTheDefault() async throws {
        let app = App()
        app.get("/key", APIKey.header("X-Key")) { key in ["key": key] }
        try await app.test(.inProcess) { client in
            let response = try await client.get("/key")
            #expect(response.status == .unauthorized)
            #expect(response.header("www-authenticate") == "APIKey")
        }
    }

    @Test func dependencyResponsesAreDocumentedThroughEveryLevel() async throws {
        let app = App()
        app.get("/things/{thing_id}", Depends<ThingSummary>(), responses: [.error(.notFound, "Route's own 404")]) { thing in
            ["id": thing.id]
        }
        app.enableDocs()
        try await app.test(.inProcess) { client in
            let document = try await client.get("/openapi.json").text
            #expect(Self.statuses(of: "/things/{thing_id}", in: document) == ["200", "404", "403", "401", "422"])
            #expect(document.contains(#""404":{"description":"Route's own 404""#))
            #expect(document.contains(#""HTTPError":{"properties":{"detail":{"type":"string","title":"Detail"}}"#))
            let missing = try await client.get("/things/2", headers: [Self.key: "owner"])
            #expect(missing.status == .notFound)
            let other = try await client.get("/things/1", headers: [Self.key: "someone"])
            #expect(other.status == .forbidden)
            let mine = try await client.get("/things/1", headers: [Self.key: "owner"])
            #expect(mine.text == #"{"id":1}"#)
        }
    }

    @Test func schemeInsideAnAppScopedDependencyIsARegistrationError() throws {
        let app = App()
        app.get("/x", Depends<AppScopedCredentials>()) { _ in "x" }
        #expect(throws: RouteTableError.self) { try app.routes() }
    }

    @Test func hostileAuthorizationValuesCostLinearTime() async throws {
        let app = App()
        app.get("/basic", HTTPBasic()) { credentials in ["user": credentials.username] }
        app.get("/bearer", HTTPBearer()) { credentials in ["n": credentials.credentials.count] }
        try await app.test(.inProcess) { client in
            // 1 MiB of padding and junk, of spaces, of one long token: answered, not hung or crashed.
            let junk = String(repeating: "=*", count: 1 << 19)
            let basic = try await client.get("/basic", headers: [Self.authorization: "Basic \(junk)"])
            #expect(basic.status == .unauthorized)
            let spaces = try await client.get(
                "/bearer", headers: [Self.authorization: "Bearer" + String(repeating: " ", count: 1 << 20) + "x"])
            #expect(spaces.text == #"{"n":1}"#)
            let long = try await client.get("/bearer", headers: [Self.authorization: "Bearer " + String(repeating: "t", count: 1 << 20)])
            #expect(long.text == #"{"n":1048576}"#)
        }
    }

    @Test func pythonBase64Semantics() async throws {
        let app = App()
        app.get("/basic", HTTPBasic()) { credentials in [credentials.username, credentials.password] }
        try await app.test(.inProcess) { client in
            // Junk skipped, decoding stops once padding completes the quantum, a dangling quantum is refused.
            let cases: [(String, String?)] = [
                ("YWxp*Y2U6cw==", #"["alice","s"]"#), ("YWxpY2U6cw==garbage", #"["alice","s"]"#), ("YWxpY2U6cw", nil),
                ("YWxpY2U6c", nil), ("=YWxpY2U6cHc=", #"["alice","pw"]"#), ("6YWxpY2U6cHc", nil),
            ]
            for (encoded, expected) in cases {
                let response = try await client.get("/basic", headers: [Self.authorization: "Basic \(encoded)"])
                if let expected {
                    #expect(response.text == expected, "\(encoded)")
                } else {
                    #expect(response.status == .unauthorized, "\(encoded)")
                }
            }
        }
    }

    /// The status codes documented for `path`'s GET, in document order.
    static func statuses(of path: String, in document: String, method: String = "get") -> [String] {
        let root = try? JSONValue(parsing: document)
        let responses = root?.objectValue?["paths"]?.objectValue?[path]?.objectValue?[method]?.objectValue?["responses"]?.objectValue
        return responses?.map(\.key) ?? []
    }
}
