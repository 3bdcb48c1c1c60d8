import Apus
import ApusTesting
import ExampleService
import Foundation
import Testing

/// The example's OAuth2 flow, scopes and ownership checks, in process.
@Suite("Example service: security")
struct ExampleSecurityTests {
    static let json: HTTPFields = [.contentType: "application/json"]
    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    /// A bearer `Authorization` header for `user`, from `POST /token`.
    static func login(_ client: TestClient, _ user: String, scope: String = "") async throws -> HTTPFields {
        let response = try await client.post(
            "/token", headers: form, body: ByteBuffer(string: "username=\(user)&password=\(user)-secret&scope=\(scope)"))
        #expect(response.status == .ok)
        let token = try response.json([String: String].self)
        #expect(token["token_type"] == "bearer")
        return [.authorization: "Bearer \(token["access_token"] ?? "")"]
    }

    @Test func tokenThenMe() async throws {
        try await ExampleApp.make().test(.inProcess) { client in
            let alice = try await Self.login(client, "alice")
            let me = try await client.get("/users/me", headers: alice)
            #expect(me.text == #"{"username":"alice"}"#)
            let bob = try await Self.login(client, "bob")
            let bobMe = try await client.get("/users/me", headers: bob)
            #expect(bobMe.text == #"{"username":"bob"}"#)
        }
    }

    @Test func wrongPasswordsAndUnknownUsersGetTheSame401() async throws {
        try await ExampleApp.make().test(.inProcess) { client in
            let wrong = try await client.post("/token", headers: Self.form, body: ByteBuffer(string: "username=alice&password=bob-secret"))
            let unknown = try await client.post("/token", headers: Self.form, body: ByteBuffer(string: "username=mallory&password=x"))
            for response in [wrong, unknown] {
                #expect(response.status == .unauthorized)
                #expect(response.header("www-authenticate") == "Bearer")
                #expect(response.text == #"{"detail":"Incorrect username or password"}"#)
            }
        }
    }

    @Test func scopeGuardedRouteNeedsTheScope() async throws {
        try await ExampleApp.make().test(.inProcess) { client in
            let withScope = try await Self.login(client, "alice", scope: "items:read")
            let items = try await client.get("/users/me/items", headers: withScope)
            #expect(items.text == #"[{"item_id":1,"name":"Lamp","owner":"alice"},{"item_id":2,"name":"Desk","owner":"alice"}]"#)
            let withoutScope = try await Self.login(client, "alice")
            let denied = try await client.get("/users/me/items", headers: withoutScope)
            #expect(denied.status == .unauthorized)
            #expect(denied.header("www-authenticate") == #"Bearer scope="items:read""#)
            #expect(denied.text == #"{"detail":"Not enough permissions"}"#)
            // A scope the user may not have is not granted (mallory has none; alice asks for one that does not exist).
            let unknownScope = try await Self.login(client, "alice", scope: "admin")
            let stillDenied = try await client.get("/users/me/items", headers: unknownScope)
            #expect(stillDenied.status == .unauthorized)
        }
    }

    @Test func invalidTokensAre401InvalidToken() async throws {
        try await ExampleApp.make().test(.inProcess) { client in
            let alice = try await Self.login(client, "alice")
            let token = String(alice[.authorization]!.dropFirst("Bearer ".count))
            var parts = token.split(separator: ".").map(String.init)
            parts[1] = String(parts[1].dropLast()) + (parts[1].hasSuffix("A") ? "B" : "A")
            for bad in ["garbage", parts.joined(separator: "."), String(token.dropLast(3)), "a.b.c", ""] {
                let response = try await client.get("/users/me", headers: [.authorization: "Bearer \(bad)"])
                #expect(response.status == .unauthorized, "\(bad)")
                let challenge = response.header("www-authenticate")
                #expect(challenge == #"Bearer error="invalid_token""#, "\(bad)")
            }
            let missing = try await client.get("/users/me")
            #expect(missing.status == .unauthorized)
            #expect(missing.header("www-authenticate") == "Bearer")
            #expect(missing.text == #"{"detail":"Not authenticated"}"#)
        }
    }

    /// BOLA: every example route that takes the id of a user's resource refuses another user and leaves the
    /// resource unchanged. (`GET /items/{item_id}` and `GET /api/v*/users/{user_id}` are the seeds' public
    /// catalogue reads: no owner, no authentication.)
    @Test func anotherUserCannotChangeAPost() async throws {
        try await ExampleApp.make().test(.inProcess) { client in
            let alice = try await Self.login(client, "alice")
            let bob = try await Self.login(client, "bob")
            let update = ByteBuffer(string: #"{"title":"Hijacked","content":"by bob"}"#)
            var headers = Self.json
            headers[.authorization] = bob[.authorization]
            let denied = try await client.put("/posts/1", headers: headers, body: update)
            #expect(denied.status == .forbidden)
            #expect(denied.text == #"{"detail":"Not the owner"}"#)
            let anonymous = try await client.put("/posts/1", headers: Self.json, body: update)
            #expect(anonymous.status == .unauthorized)
            let missing = try await client.put("/posts/9", headers: headers, body: update)
            #expect(missing.status == .notFound)
            #expect(missing.text == #"{"detail":"Post not found"}"#)
            let alicePosts = try await client.get("/users/me/posts", headers: alice)
            #expect(alicePosts.text == #"[{"id":1,"title":"Hello","content":"First post","owner":"alice"}]"#)

            headers[.authorization] = alice[.authorization]
            let allowed = try await client.put("/posts/1", headers: headers, body: ByteBuffer(string: #"{"title":"New","content":"Body"}"#))
            #expect(allowed.text == #"{"id":1,"title":"New","content":"Body","owner":"alice"}"#)
            let bobPosts = try await client.get("/users/me/posts", headers: bob)
            #expect(bobPosts.text == #"[{"id":2,"title":"Second","content":"By bob","owner":"bob"}]"#)
        }
    }

    @Test func theDocumentListsTheSchemeAndEveryError() async throws {
        try await ExampleApp.make().test(.inProcess) { client in
            let document = try JSONValue(parsing: try await client.get("/openapi.json").text)
            let schemes = document.objectValue?["components"]?.objectValue?["securitySchemes"]?.jsonString
            #expect(
                schemes
                    == #"{"OAuth2PasswordBearer":{"type":"oauth2","flows":{"password":{"scopes":{"items:read":"Read your items."},"tokenUrl":"token"}}}}"#
            )
            let paths = document.objectValue?["paths"]?.objectValue
            let put = paths?["/posts/{post_id}"]?.objectValue?["put"]?.objectValue
            #expect(put?["security"]?.jsonString == #"[{"OAuth2PasswordBearer":[]}]"#)
            #expect(put?["responses"]?.objectValue?.map(\.key) == ["200", "404", "403", "401", "400", "422"])
            let items = paths?["/users/me/items"]?.objectValue?["get"]?.objectValue
            #expect(items?["security"]?.jsonString == #"[{"OAuth2PasswordBearer":["items:read"]}]"#)
            let protected = paths?["/protected-route"]?.objectValue?["get"]?.objectValue
            #expect(protected?["responses"]?.objectValue?.map(\.key) == ["200", "403", "422"])
        }
    }
}
