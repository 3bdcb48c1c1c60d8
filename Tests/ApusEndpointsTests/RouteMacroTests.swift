import Apus
import ApusTesting
import Testing

/// `@Routes` and `@GET`/`@POST`/...: every inference rule end to end (a request through the app, and the route's
/// `OperationDocumentation`).
@Suite("Route macros")
struct RouteMacroTests {
    static func route(_ app: App, _ method: HTTPRequest.Method, _ path: String) throws -> Route {
        try #require(try app.routes().first { $0.path == path && $0.method == method })
    }

    static func documentation(_ app: App, _ path: String, method: HTTPRequest.Method = .get) throws -> OperationDocumentation {
        try #require(try route(app, method, path).metadata.attachments[OperationDocumentationKey.self])
    }

    static func app(_ group: some RouteGroup) -> App {
        let app = App()
        app.include(group)
        return app
    }

    // MARK: Path

    @Test func placeholderMatchesCamelCaseParameter() async throws {
        let app = Self.app(InferenceAPI())
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/items/5").text == #"{"item_id":5}"#)
            #expect(
                try await client.get("/items/abc").text
                    == #"{"detail":[{"type":"int_parsing","loc":["path","item_id"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"abc"}]}"#
            )
        }
        let parameter = try #require(try Self.documentation(app, "/items/{item_id}").parameters.first)
        #expect(parameter.name == "item_id")
        #expect(parameter.source == .path)
        #expect(parameter.isRequired)
    }

    @Test func argumentLabelIsTheWireName() async throws {
        let app = Self.app(InferenceAPI())
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/users/7").text == #"{"user_id":7}"#)
        }
        #expect(try Self.documentation(app, "/users/{user_id}").parameters.map(\.name) == ["user_id"])
    }

    @Test func placeholderMatchesSnakeCaseParameter() async throws {
        let app = Self.app(InferenceAPI())
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/orders/x1").text == #"{"order_id":"x1"}"#)
        }
    }

    // MARK: Query

    @Test func scalarsAreQueryParametersAndDefaultsMakeThemOptional() async throws {
        let app = Self.app(InferenceAPI())
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/search?q=a").text == #"["a","10","none"]"#)
            #expect(try await client.get("/search?q=a&limit=3&page=2").text == #"["a","3","2"]"#)
            #expect(
                try await client.get("/search").text
                    == #"{"detail":[{"type":"missing","loc":["query","q"],"msg":"Field required","input":null}]}"#
            )
        }
        let parameters = try Self.documentation(app, "/search").parameters
        #expect(parameters.map(\.name) == ["q", "limit", "page"])
        #expect(parameters.map(\.source) == [.query, .query, .query])
        #expect(parameters.map(\.isRequired) == [true, false, false])
        #expect(parameters[1].defaultValue == .int(10))
        #expect(parameters[2].defaultValue == nil)
    }

    @Test func enumsAndArraysAreQueryParameters() async throws {
        let app = Self.app(InferenceAPI())
        try await app.test(.inProcess) { client async throws in
            #expect(
                try await client.get("/paint?color=red&tags=a&tags=b&sizes=1&sizes=2").text
                    == #"["red","a,b","1,2"]"#
            )
            #expect(
                try await client.get("/paint?color=blue").text
                    == #"{"detail":[{"type":"enum","loc":["query","color"],"msg":"Input should be 'red' or 'green'","input":"blue","ctx":{"expected":"'red' or 'green'"}}]}"#
            )
        }
        let parameters = try Self.documentation(app, "/paint").parameters
        #expect(parameters.map(\.source) == [.query, .query, .query])
        #expect(parameters[1].defaultValue == .array([]))
    }

    @Test func labelNamesTheQueryParameter() async throws {
        let app = Self.app(InferenceAPI())
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/paged?page_size=5").text == #"{"page_size":5}"#)
            #expect(try await client.get("/paged").text == #"{"page_size":20}"#)
        }
    }

    // MARK: Body, dependencies, request

    @Test func modelIsTheWholeBody() async throws {
        let app = Self.app(InferenceAPI())
        try await app.test(.inProcess) { client async throws in
            let ok = try await client.post("/items/", headers: jsonHeaders, body: bytes(#"{"name":"a","price":2.5}"#))
            #expect(ok.text == #"{"name":"a","price":2.5}"#)
            let bad = try await client.post("/items/", headers: jsonHeaders, body: bytes(#"{"name":"","price":2.5}"#))
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains(#""loc":["body","name"]"#))
        }
        let body = try #require(try Self.documentation(app, "/items/", method: .post).requestBody)
        #expect(body.fields.map(\.name) == ["item"])
        #expect(body.isEmbedded == false)
        #expect(body.isRequired)
        #expect(try Self.documentation(app, "/items/", method: .post).parameters.isEmpty)
    }

    @Test func arrayOfModelsIsTheBody() async throws {
        let app = Self.app(InferenceAPI())
        try await app.test(.inProcess) { client async throws in
            let response = try await client.post(
                "/batch", headers: jsonHeaders, body: bytes(#"[{"name":"a","price":1},{"name":"b","price":2}]"#))
            #expect(response.text == #"{"count":2}"#)
        }
        #expect(try Self.documentation(app, "/batch", method: .post).requestBody?.fields.map(\.name) == ["items"])
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.post("/maybe-batch").text == #"{"count":-1}"#)
            #expect(
                try await client.post("/maybe-batch", headers: jsonHeaders, body: bytes(#"[{"name":"a","price":1}]"#)).text
                    == #"{"count":1}"#)
        }
        #expect(try Self.documentation(app, "/maybe-batch", method: .post).requestBody?.isRequired == false)
    }

    @Test func codableStructIsTheBody() async throws {
        let app = Self.app(InferenceAPI())
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.post("/notes", headers: jsonHeaders, body: bytes(#"{"text":"hi"}"#)).text == #"{"text":"hi"}"#)
            let missing = try await client.post("/notes", headers: jsonHeaders, body: bytes(#"{}"#))
            #expect(missing.status == .unprocessableContent)
        }
        #expect(try Self.documentation(app, "/notes", method: .post).requestBody?.fields.map(\.name) == ["note"])
    }

    @Test func dependencyIsInjected() async throws {
        let app = Self.app(InferenceAPI())
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/me", headers: [HTTPField.Name("x-user")!: "alice"]).text == #"{"name":"alice"}"#)
            #expect(
                try await client.get("/me").text
                    == #"{"detail":[{"type":"missing","loc":["header","x-user"],"msg":"Field required","input":null}]}"#
            )
        }
        let documentation = try Self.documentation(app, "/me")
        #expect(documentation.dependencies == ["MacroUser"])
        #expect(documentation.parameters.map(\.name) == ["x-user"])
    }

    @Test func requestParameterIsTheRawRequest() async throws {
        let app = Self.app(InferenceAPI())
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/raw").text == #"{"path":"/raw"}"#)
        }
        #expect(try Self.documentation(app, "/raw").parameters.isEmpty)
    }

    // MARK: Markers

    @Test func markersChooseQueryAliasHeaderAndCookie() async throws {
        let app = Self.app(MarkerAPI())
        try await app.test(.inProcess) { client async throws in
            let response = try await client.get(
                "/marked?item-query=find",
                headers: [HTTPField.Name("x-token")!: "t1", .cookie: "session=s1", HTTPField.Name("x-trace")!: "tr"])
            #expect(response.text == #"["find","t1","s1","tr"]"#)
            #expect(
                try await client.get("/marked").text
                    == #"{"detail":[{"type":"missing","loc":["header","x-token"],"msg":"Field required","input":null}]}"#
            )
        }
        let parameters = try Self.documentation(app, "/marked").parameters
        #expect(parameters.map(\.name) == ["item-query", "x-token", "session", "X-Trace"])
        #expect(parameters.map(\.source) == [.query, .header, .cookie, .header])
        #expect(parameters.map(\.isRequired) == [false, true, false, false])
        #expect(parameters[3].defaultValue == .string("none"))
    }

    @Test func embeddedBodyIsKeyedByName() async throws {
        let app = Self.app(MarkerAPI())
        try await app.test(.inProcess) { client async throws in
            let embedded = try await client.post("/embedded", headers: jsonHeaders, body: bytes(#"{"item":{"name":"a","price":1.0}}"#))
            #expect(embedded.text == #"{"name":"a","price":1.0}"#)
            let bare = try await client.post("/embedded", headers: jsonHeaders, body: bytes(#"{"name":"a","price":1.0}"#))
            #expect(bare.text == #"{"detail":[{"type":"missing","loc":["body","item"],"msg":"Field required","input":null}]}"#)
        }
        #expect(try Self.documentation(app, "/embedded", method: .post).requestBody?.isEmbedded == true)
    }

    @Test func bodyMarkerPutsAScalarInTheBody() async throws {
        let app = Self.app(MarkerAPI())
        try await app.test(.inProcess) { client async throws in
            let response = try await client.post(
                "/two-bodies", headers: jsonHeaders, body: bytes(#"{"item":{"name":"a","price":1},"importance":5}"#))
            #expect(response.text == #"{"importance":5}"#)
        }
        #expect(try Self.documentation(app, "/two-bodies", method: .post).requestBody?.fields.map(\.name) == ["item", "importance"])
    }

    @Test func markerSpecsAddConstraints() async throws {
        let app = Self.app(MarkerAPI())
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/bounded/3?limit=7").text == "[3,7]")
            let response = try await client.get("/bounded/0?limit=101")
            #expect(response.text.contains(#""type":"greater_than_equal","loc":["path","item_id"]"#))
            #expect(response.text.contains(#""type":"less_than_equal","loc":["query","limit"]"#))
        }
        let parameters = try Self.documentation(app, "/bounded/{item_id}").parameters
        #expect(parameters.map(\.source) == [.path, .query])
        #expect(parameters[1].description == "How many")
    }

    // MARK: Documentation and options

    @Test func docCommentGivesSummaryDescriptionAndParameterDescriptions() throws {
        let app = Self.app(DocumentedAPI())
        let route = try Self.route(app, .get, "/docs/items/{item_id}")
        #expect(route.metadata.summary == "Read an item.")
        #expect(route.metadata.description == "Looks the item up by its id\nand returns it.")
        #expect(route.metadata.name == "readItem")
        let parameters = try Self.documentation(app, "/docs/items/{item_id}").parameters
        #expect(parameters.map(\.description) == ["The item's id.", "Text to search for."])
    }

    @Test func parametersListAndOptionsOverrideTheComment() throws {
        let app = Self.app(DocumentedAPI())
        let route = try Self.route(app, .post, "/docs/items/")
        #expect(route.metadata.summary == "Make an item")
        #expect(route.metadata.description == nil)
        #expect(route.metadata.status == .created)
        let documentation = try Self.documentation(app, "/docs/items/", method: .post)
        #expect(documentation.parameters.map(\.description) == ["A token spanning two lines."])
        #expect(documentation.requestBody?.fields.first?.description == "The item to create.")
        #expect(documentation.successResponse?.status == .created)
        #expect(documentation.responses.map(\.status) == [.conflict])
    }

    @Test func routeOptionsAndGroupOptionsReachTheMetadata() throws {
        let app = Self.app(DocumentedAPI())
        let route = try Self.route(app, .get, "/docs/items/{item_id}")
        #expect(route.metadata.tags == ["docs", "items"])
        #expect(route.metadata.deprecated)
        #expect(route.metadata.operationID == "read_item_docs")
        let hidden = try Self.route(app, .get, "/docs/hidden")
        #expect(hidden.metadata.includeInSchema == false)
        #expect(hidden.metadata.tags == ["docs"])
    }

    // MARK: Effects

    @Test func asyncThrowingInstanceAndStaticMethodsAreRoutes() async throws {
        let app = Self.app(EffectsAPI(greeting: "hello"))
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/async/5").text == #"{"n":5}"#)
            let missing = try await client.get("/async/500")
            #expect(missing.status == .notFound)
            #expect(missing.text == #"{"detail":"Item not found"}"#)
            #expect(try await client.get("/greet?name=bob").text == #"{"greeting":"hello, bob"}"#)
            #expect(try await client.get("/static").text == #"{"version":1}"#)
            let deleted = try await client.delete("/things/4")
            #expect(deleted.status == .accepted)
            #expect(deleted.text == #"{"deleted":4}"#)
        }
    }

    @Test func groupIncludesUnderAPrefix() async throws {
        let app = App()
        app.include(EffectsAPI(greeting: "hi"), prefix: "/v1", tags: ["v1"])
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/v1/static").text == #"{"version":1}"#)
        }
        #expect(try Self.route(app, .get, "/v1/static").metadata.tags == ["v1"])
    }
}

@Suite("Route macros: forms and files")
struct RouteMacroFormTests {
    @Test func formMarkerReadsFormFields() async throws {
        let app = App()
        app.include(FormAPI())
        try await app.test(.inProcess) { client async throws in
            let headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            #expect(try await client.post("/login", headers: headers, body: bytes("username=bob&age=30")).text == #"["bob","30"]"#)
            let young = try await client.post("/login", headers: headers, body: bytes("username=bob&age=3"))
            #expect(young.text.contains(#""type":"greater_than_equal","loc":["body","age"]"#))
        }
        let documentation = try RouteMacroTests.documentation(app, "/login", method: .post)
        #expect(documentation.requestBody?.mediaType == "application/x-www-form-urlencoded")
        #expect(documentation.requestBody?.fields.map(\.name) == ["username", "age"])
    }

    @Test func uploadedFileParameterIsAFileField() async throws {
        let app = App()
        app.include(FormAPI())
        try await app.test(.inProcess) { client async throws in
            let body = ByteBuffer(
                string:
                    "--XX\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nhello\r\n"
                    + "--XX\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhi\r\n--XX--\r\n")
            let response = try await client.post("/upload", headers: [.contentType: "multipart/form-data; boundary=XX"], body: body)
            #expect(response.text == #"["a.txt","5","hi"]"#)
        }
        let documentation = try RouteMacroTests.documentation(app, "/upload", method: .post)
        #expect(documentation.requestBody?.mediaType == "multipart/form-data")
        #expect(documentation.requestBody?.fields.map(\.isFile) == [true, false])
        #expect(documentation.requestBody?.fields.first?.description == "The file to store.")
    }
}
