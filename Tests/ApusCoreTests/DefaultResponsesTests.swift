import ApusCore
import ApusTesting
import Testing

/// FastAPI's default answers, compared with the reference dumps (`reference/fastapi-wire/raw/`) byte for byte,
/// apart from the server's `date`/`server` lines and the `connection: close` the dumps' requests asked for.
@Suite struct DefaultResponsesTests {
    static func referenceApp() -> App {
        let app = App()
        app.get("/items/{item_id}") { request in ["item_id": request.pathParameters["item_id"] ?? ""] }
        app.post("/items/") { _ in ["created": true] }
        app.get("/slash/") { _ in "slash" }
        app.get("/noslash") { _ in "noslash" }
        return app
    }

    @Test func unknownPathIs404() async throws {
        try await Self.referenceApp().test(.inProcess) { client async throws in
            // reference: h_404_unknown_path.txt
            let response = try await client.get("/nope")
            #expect(
                wireText(response)
                    == "404 Not Found\ncontent-length: 22\ncontent-type: application/json\n\n{\"detail\":\"Not Found\"}"
            )
        }
    }

    @Test func wrongMethodIs405WithAllow() async throws {
        try await Self.referenceApp().test(.inProcess) { client async throws in
            // reference: i_405_method.txt
            let response = try await client.delete("/items/5")
            #expect(
                wireText(response)
                    == "405 Method Not Allowed\nallow: GET\ncontent-length: 31\ncontent-type: application/json\n\n{\"detail\":\"Method Not Allowed\"}"
            )
        }
    }

    @Test func postOnGetRouteIs405() async throws {
        try await Self.referenceApp().test(.inProcess) { client async throws in
            // reference: i2_405_post_on_get.txt
            let response = try await client.post("/noslash", headers: [.contentType: "application/json"], body: ByteBuffer(string: "{}"))
            #expect(
                wireText(response)
                    == "405 Method Not Allowed\nallow: GET\ncontent-length: 31\ncontent-type: application/json\n\n{\"detail\":\"Method Not Allowed\"}"
            )
        }
    }

    @Test func optionsWithoutRouteIs405() async throws {
        try await Self.referenceApp().test(.inProcess) { client async throws in
            // reference: k2_options_on_get.txt
            let response = try await client.options("/noslash")
            #expect(
                wireText(response)
                    == "405 Method Not Allowed\nallow: GET\ncontent-length: 31\ncontent-type: application/json\n\n{\"detail\":\"Method Not Allowed\"}"
            )
        }
    }

    @Test func allowListsEveryMethodRegisteredForThePath() async throws {
        let app = App()
        app.get("/m") { _ in "get" }
        app.post("/m") { _ in "post" }
        app.delete("/{anything}") { _ in "delete" }
        try await app.test(.inProcess) { client async throws in
            let response = try await client.put("/m")
            #expect(response.status == .methodNotAllowed)
            #expect(response.header("allow") == "GET, POST, DELETE")
        }
    }

    @Test func methodOnAnotherMatchingTemplateIsServed() async throws {
        let app = App()
        app.get("/users/me") { _ in "me" }
        app.delete("/users/{id}") { _ in "deleted" }
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.delete("/users/me").text == #""deleted""#)
        }
    }

    @Test func headOnGetRouteAnswersWithGetHeadersAndNoBody() async throws {
        try await Self.referenceApp().test(.inProcess) { client async throws in
            let get = try await client.get("/noslash")
            let head = try await client.head("/noslash")
            #expect(head.status == .ok)
            #expect(head.headerLines == get.headerLines)
            #expect(head.headerLines == ["content-length: 9", "content-type: application/json"])
            #expect(head.body.readableBytes == 0)
        }
    }

    @Test func headOnUnknownPathIs404WithoutBody() async throws {
        try await Self.referenceApp().test(.inProcess) { client async throws in
            let response = try await client.head("/nope")
            #expect(response.status == .notFound)
            #expect(response.header("content-length") == "22")
            #expect(response.body.readableBytes == 0)
        }
    }

    @Test func missingTrailingSlashRedirects() async throws {
        try await Self.referenceApp().test(.inProcess) { client async throws in
            // reference: j_trailing_slash_redirect_add.txt (host testserver instead of 127.0.0.1:8765)
            let response = try await client.get("/slash")
            #expect(
                wireText(response)
                    == "307 Temporary Redirect\ncontent-length: 0\nlocation: http://testserver/slash/\n\n"
            )
        }
    }

    @Test func extraTrailingSlashRedirects() async throws {
        try await Self.referenceApp().test(.inProcess) { client async throws in
            // reference: j2_trailing_slash_redirect_remove.txt
            let response = try await client.get("/noslash/")
            #expect(
                wireText(response)
                    == "307 Temporary Redirect\ncontent-length: 0\nlocation: http://testserver/noslash\n\n"
            )
        }
    }

    @Test func postRedirectsToo() async throws {
        try await Self.referenceApp().test(.inProcess) { client async throws in
            // reference: j3_trailing_slash_post_redirect.txt
            let response = try await client.post("/items", body: ByteBuffer(string: #"{"name":"abcd","price":1}"#))
            #expect(wireText(response) == "307 Temporary Redirect\ncontent-length: 0\nlocation: http://testserver/items/\n\n")
        }
    }

    @Test func redirectKeepsQueryString() async throws {
        try await Self.referenceApp().test(.inProcess) { client async throws in
            // reference: j4_redirect_with_query.txt
            #expect(try await client.get("/slash?x=1").header("location") == "http://testserver/slash/?x=1")
        }
    }

    @Test func redirectIncludesRootPath() async throws {
        let app = App()
        app.get("/slash/") { _ in "slash" }
        let responder = try app.build()
        let head = HTTPRequest(method: .get, scheme: "http", authority: "example.com", path: "/slash")
        let response = try await responder.respond(
            to: HTTPServerRequest(head: head, connection: ConnectionInfo(scheme: "https", rootPath: "/api"))
        )
        #expect(response.headers[.location] == "https://example.com/api/slash/")
    }

    @Test func redirectCanBeTurnedOff() async throws {
        let app = Self.referenceApp()
        app.redirectSlashes = false
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/slash").status == .notFound)
        }
    }

    @Test func rootIsNeverRedirected() async throws {
        let app = App()
        app.get("//") { _ in "double" }
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/").status == .notFound)
        }
    }
}
