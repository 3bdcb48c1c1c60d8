import ApusCore
import ApusTesting
import Testing

@Suite struct RequestTests {
    @Test func repeatedQueryKeysKeepEveryValueInOrder() async throws {
        let app = App()
        app.get("/q") { request in request.query.values("tag") }
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/q?tag=a&x=1&tag=b&tag=c").text == #"["a","b","c"]"#)
        }
    }

    @Test func scalarQueryReadsTheLastValue() async throws {
        let app = App()
        app.get("/q") { request in request.query["q"] ?? "none" }
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/q?q=first&q=last").text == #""last""#)
        }
    }

    @Test func queryDecodingFollowsFormRules() {
        let query = QueryParameters(parsing: "a=1+2&b=%C3%A9%2B&c&&d=&e=%zz&f=x=y")
        #expect(query.parameters.map { "\($0.name)=\($0.value)" } == ["a=1 2", "b=é+", "c=", "d=", "e=%zz", "f=x=y"])
    }

    @Test func invalidUTF8InQueryBecomesReplacementCharacter() {
        #expect(QueryParameters(parsing: "a=%FF")["a"] == "\u{FFFD}")
    }

    @Test func missingQueryIsEmpty() async throws {
        let app = App()
        app.get("/q") { request in request.query.isEmpty }
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/q").text == "true")
        }
    }

    @Test func headersAreReadCaseInsensitively() async throws {
        let app = App()
        app.get("/h") { request in request.header("X-Token") ?? "none" }
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/h", headers: [.init("x-token")!: "abc"]).text == #""abc""#)
        }
    }

    @Test func cookiesAreParsedAsStarletteDoes() async throws {
        let app = App()
        app.get("/c") { request in request.cookies }
        try await app.test(.inProcess) { client async throws in
            let response = try await client.get("/c", headers: [.cookie: #"a=1; b = two ; quoted="x\"y"; bare; a=3"#])
            #expect(try response.json([String: String].self) == ["a": "3", "b": "two", "quoted": "x\"y", "": "bare"])
        }
    }

    @Test func noCookieHeaderGivesNoCookies() async throws {
        let app = App()
        app.get("/c") { request in request.cookies }
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/c").text == "{}")
        }
    }

    @Test func pathIsDecodedAndRawPathIsNot() async throws {
        let app = App()
        app.get("/p/{x}") { request in [request.path, String(request.rawPath), String(request.rawQuery)] }
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/p/a%20b?q=1").text == #"["/p/a b","/p/a%20b","q=1"]"#)
        }
    }

    @Test func urlIsBuiltFromSchemeHostRootPathAndTarget() {
        let head = HTTPRequest(method: .get, scheme: "http", authority: "example.com", path: "/items/5?q=x")
        let request = Request(
            HTTPServerRequest(head: head, connection: ConnectionInfo(scheme: "https", rootPath: "/api")),
            logger: Logger(label: "test")
        )
        #expect(request.url == "https://example.com/api/items/5?q=x")
        #expect(request.baseURL == "https://example.com/api/")
    }

    @Test func clientComesFromConnection() async throws {
        let app = App()
        app.get("/c") { request in "\(request.client?.host ?? ""):\(request.client?.port ?? 0)" }
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/c").text == #""testclient:50000""#)
        }
    }

    @Test func bodyCanBeCollected() async throws {
        let app = App()
        app.post("/echo") { request in Response.text(String(buffer: try await request.body.collect(upTo: 1024))) }
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.post("/echo", body: ByteBuffer(string: "hello")).text == "hello")
        }
    }

    @Test func bodyOverTheLimitIs413() async throws {
        let app = App()
        app.post("/echo") { request in Response.text(String(buffer: try await request.collectBody(upTo: 3))) }
        try await app.test(.inProcess) { client async throws in
            let response = try await client.post("/echo", body: ByteBuffer(string: "hello"))
            #expect(response.status == .contentTooLarge)
            #expect(response.text == #"{"detail":"Request Entity Too Large"}"#)
        }
    }

    @Test func bodyOverNIOCollectLimitIs413Too() async throws {
        let app = App()
        app.post("/echo") { request in Response.text(String(buffer: try await request.body.collect(upTo: 3))) }
        try await app.test(.inProcess) { client async throws in
            let response = try await client.post("/echo", body: ByteBuffer(string: "hello"))
            #expect(response.status == .contentTooLarge)
            #expect(response.text == #"{"detail":"Request Entity Too Large"}"#)
        }
    }

    @Test func settingTargetReparsesPathAndQuery() {
        var request = Request(
            HTTPServerRequest(head: HTTPRequest(method: .get, scheme: "http", authority: "h", path: "/a?x=1")), logger: Logger(label: "t"))
        request.target = "/b?y=2"
        #expect(request.rawPath == "/b")
        #expect(request.query["y"] == "2")
        #expect(request.query["x"] == nil)
    }
}
