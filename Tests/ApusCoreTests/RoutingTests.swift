import ApusCore
import ApusTesting
import Testing

@Suite struct RoutingTests {
    @Test func pathParameterIsCapturedAndDecoded() async throws {
        let app = App()
        app.get("/items/{item_id}") { request in request.pathParameters["item_id"] ?? "missing" }
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/items/a%20b").text == #""a b""#)
        }
    }

    @Test func rawPathParameterKeepsPercentEncoding() async throws {
        let app = App()
        app.get("/items/{item_id}") { request in String(request.pathParameters.raw("item_id") ?? "") }
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/items/a%20b").text == #""a%20b""#)
        }
    }

    @Test func encodedSlashStaysInsideOneParameter() async throws {
        let app = App()
        app.get("/items/{item_id}") { request in request.pathParameters["item_id"] ?? "" }
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/items/a%2Fb").text == #""a/b""#)
        }
    }

    @Test func catchAllCapturesSlashes() async throws {
        let app = App()
        app.get("/files/{file_path:path}") { request in ["file_path": request.pathParameters["file_path"] ?? ""] }
        try await app.test(.inProcess) { client async throws in
            let response = try await client.get("/files/a/b/c.txt")
            // reference: n_path_converter.txt
            #expect(wireText(response) == "200 OK\ncontent-length: 25\ncontent-type: application/json\n\n{\"file_path\":\"a/b/c.txt\"}")
        }
    }

    @Test func catchAllMatchesEmptyRest() async throws {
        let app = App()
        app.get("/files/{file_path:path}") { request in request.pathParameters["file_path"] ?? "missing" }
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/files/").text == #""""#)
        }
    }

    @Test func parameterDoesNotMatchEmptySegment() async throws {
        let app = App(redirectSlashes: false)
        app.get("/items/{item_id}") { _ in "matched" }
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/items/").status == .notFound)
        }
    }

    @Test func literalSegmentWinsOverParameterWhateverTheOrder() async throws {
        let app = App()
        app.get("/users/{user_id}") { _ in "parameter" }
        app.get("/users/me") { _ in "literal" }
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/users/me").text == #""literal""#)
            #expect(try await client.get("/users/5").text == #""parameter""#)
        }
    }

    @Test func failedLiteralBranchFallsBackToParameter() async throws {
        let app = App()
        app.get("/a/b/c") { _ in "literal" }
        app.get("/a/{x}/d") { request in request.pathParameters["x"] ?? "" }
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/a/b/d").text == #""b""#)
        }
    }

    @Test func parameterWinsOverCatchAll() async throws {
        let app = App()
        app.get("/f/{rest:path}") { _ in "catch-all" }
        app.get("/f/{name}") { _ in "parameter" }
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/f/x").text == #""parameter""#)
            #expect(try await client.get("/f/x/y").text == #""catch-all""#)
        }
    }

    @Test func percentEncodedLiteralSegmentMatches() async throws {
        let app = App()
        app.get("/caf\u{E9}") { _ in "ok" }
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/caf%C3%A9").status == .ok)
        }
    }

    @Test func rootPathMatches() async throws {
        let app = App()
        app.get("/") { _ in "root" }
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/").text == #""root""#)
        }
    }

    @Test func everyMethodCanBeRegistered() async throws {
        let app = App()
        app.get("/m") { _ in "GET" }
        app.post("/m") { _ in "POST" }
        app.put("/m") { _ in "PUT" }
        app.patch("/m") { _ in "PATCH" }
        app.delete("/m") { _ in "DELETE" }
        app.options("/m") { _ in "OPTIONS" }
        app.on(HTTPRequest.Method("QUERY")!)("/m") { _ in "QUERY" }
        try await app.test(.inProcess) { client async throws in
            for method in ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "QUERY"] {
                let response = try await client.execute(HTTPRequest.Method(method)!, "/m")
                #expect(response.text == "\"\(method)\"")
            }
        }
    }

    @Test func explicitHeadRouteWinsOverGet() async throws {
        let app = App()
        app.get("/h") { _ in Response.text("get") }
        app.head("/h") { _ in Response.text("head", headers: [.init("x-head")!: "1"]) }
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.head("/h").header("x-head") == "1")
        }
    }

    @Test func duplicateRouteIsStartupErrorNamingBoth() throws {
        let app = App()
        app.get("/items/{id}", file: "Sources/First.swift", line: 10) { _ in "one" }
        app.get("/items/{item_id}", file: "Sources/Second.swift", line: 20) { _ in "two" }
        let error = #expect(throws: RouteTableError.self) { try app.build() }
        #expect(error?.message.contains("Sources/First.swift:10") == true)
        #expect(error?.message.contains("Sources/Second.swift:20") == true)
    }

    @Test func sameTemplateWithDifferentMethodsIsNotDuplicate() throws {
        let app = App()
        app.get("/items/{id}") { _ in "get" }
        app.post("/items/{item_id}") { _ in "post" }
        _ = try app.build()
    }

    @Test func duplicateAcrossRoutersIsDetected() throws {
        let app = App()
        let router = Router(prefix: "/items")
        router.get("/{id}") { _ in "router" }
        app.get("/items/{x}") { _ in "app" }
        app.include(router)
        #expect(throws: RouteTableError.self) { try app.build() }
    }

    @Test(arguments: ["items", "/items/{id", "/items/{id}x", "/a/{x}/{x}", "/a/{p:path}/b", "/a/{n:int}", "/a/{}"])
    func malformedTemplateIsStartupError(path: String) throws {
        let app = App()
        app.get(path) { _ in "x" }
        #expect(throws: RouteTableError.self) { try app.build() }
    }

    @Test func matchedPathIsTheTemplate() async throws {
        let app = App()
        app.get("/items/{item_id}") { request in request.matchedPath ?? "" }
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/items/3").text == #""/items/{item_id}""#)
        }
    }

    @Test func routesListsFullPathsInRegistrationOrder() throws {
        let app = App()
        app.get("/a") { _ in "a" }
        let router = Router(prefix: "/r")
        router.post("/b") { _ in "b" }
        app.include(router)
        app.delete("/c") { _ in "c" }
        let routes = try app.routes()
        #expect(routes.map { "\($0.method) \($0.path)" } == ["GET /a", "POST /r/b", "DELETE /c"])
    }

    @Test func routeRecordsWhereItWasRegistered() throws {
        let app = App()
        app.get("/a") { _ in "a" }
        let line = #line - 1
        let route = try #require(try app.routes().first)
        #expect(route.location == SourceLocation(fileID: #fileID, line: line))
    }
}
