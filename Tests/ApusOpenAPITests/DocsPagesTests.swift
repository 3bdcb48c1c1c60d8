import Apus
import ApusTesting
import Testing

@Suite("Docs pages")
struct DocsPagesTests {
    /// An app titled "FastAPI", FastAPI's default, so the pages can be compared with FastAPI's recorded ones.
    static func app(_ configuration: OpenAPIConfiguration = OpenAPIConfiguration(info: OpenAPIInfo(title: "FastAPI"))) -> App {
        let app = App()
        app.get("/ping") { _ in "pong" }
        app.enableDocs(configuration)
        return app
    }

    @Test func swaggerUIPageIsByteForByteFastAPIs() async throws {
        let expected = try Fixtures.text("fastapi_docs.html")
        try await Self.app().test(.inProcess) { client in
            let response = try await client.get("/docs")
            #expect(response.status == .ok)
            #expect(response.header("content-type") == "text/html; charset=utf-8")
            #expect(response.text == expected)
        }
    }

    @Test func reDocPageIsByteForByteFastAPIs() async throws {
        let expected = try Fixtures.text("fastapi_redoc.html")
        try await Self.app().test(.inProcess) { client in
            let response = try await client.get("/redoc")
            #expect(response.status == .ok)
            #expect(response.header("content-type") == "text/html; charset=utf-8")
            #expect(response.text == expected)
        }
    }

    @Test func oauth2RedirectPageIsByteForByteFastAPIs() async throws {
        let expected = try Fixtures.text("fastapi_oauth2_redirect.html")
        try await Self.app().test(.inProcess) { client in
            let response = try await client.get("/docs/oauth2-redirect")
            #expect(response.status == .ok)
            #expect(response.text == expected)
        }
    }

    @Test func docsPagesAnswerHead() async throws {
        try await Self.app().test(.live) { client in
            for path in ["/docs", "/redoc", "/docs/oauth2-redirect", "/openapi.json"] {
                let get = try await client.get(path)
                let head = try await client.head(path)
                #expect(head.status == .ok, "\(path)")
                #expect(head.body.readableBytes == 0, "\(path)")
                #expect(head.header("content-length") == String(get.body.readableBytes), "\(path)")
            }
        }
    }

    @Test func docsRoutesAreLeftOutOfTheDocument() async throws {
        try await Self.app().test(.inProcess) { client in
            let document = try await client.get("/openapi.json").text
            #expect(document.contains("\"/ping\""))
            #expect(!document.contains("/docs"))
            #expect(!document.contains("/redoc"))
            #expect(!document.contains("/openapi.json"))
        }
    }

    @Test func disabledConfigurationAnswers404Everywhere() async throws {
        try await Self.app(.disabled).test(.inProcess) { client in
            for path in ["/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"] {
                let answer1 = try await client.get(path).status
                #expect(answer1 == .notFound, "\(path)")
            }
        }
    }

    @Test func switchingTheDocumentOffSwitchesThePagesOff() async throws {
        var configuration = OpenAPIConfiguration()
        configuration.openAPIURL = nil
        try await Self.app(configuration).test(.inProcess) { client in
            let answer2 = try await client.get("/docs").status
            #expect(answer2 == .notFound)
            let answer3 = try await client.get("/redoc").status
            #expect(answer3 == .notFound)
        }
    }

    @Test func eachPageCanBeSwitchedOffAlone() async throws {
        var configuration = OpenAPIConfiguration()
        configuration.redocURL = nil
        configuration.oauth2RedirectURL = nil
        try await Self.app(configuration).test(.inProcess) { client in
            let answer4 = try await client.get("/redoc").status
            #expect(answer4 == .notFound)
            let answer5 = try await client.get("/docs/oauth2-redirect").status
            #expect(answer5 == .notFound)
            let docs = try await client.get("/docs")
            #expect(docs.status == .ok)
            #expect(!docs.text.contains("oauth2RedirectUrl"))
        }
    }

    @Test func urlsCanBeMoved() async throws {
        var configuration = OpenAPIConfiguration()
        configuration.openAPIURL = "/api/schema.json"
        configuration.docsURL = "/api/docs"
        configuration.redocURL = "/api/redoc"
        try await Self.app(configuration).test(.inProcess) { client in
            let answer6 = try await client.get("/api/schema.json").status
            #expect(answer6 == .ok)
            let answer7 = try await client.get("/docs").status
            #expect(answer7 == .notFound)
            let answer8 = try await client.get("/api/docs").text
            #expect(answer8.contains("url: '/api/schema.json',"))
            let answer9 = try await client.get("/api/redoc").text
            #expect(answer9.contains(#"<redoc spec-url="/api/schema.json"></redoc>"#))
        }
    }

    @Test func selfHostedAssetsReplaceTheCDN() async throws {
        var configuration = OpenAPIConfiguration()
        configuration.swaggerUI = SwaggerUIConfiguration(
            javaScriptURL: "/static/swagger-ui-bundle.js", styleSheetURL: "/static/swagger-ui.css", faviconURL: "/static/favicon.png"
        )
        configuration.redoc = ReDocConfiguration(
            javaScriptURL: "/static/redoc.standalone.js", faviconURL: "/static/favicon.png", usesGoogleFonts: false)
        try await Self.app(configuration).test(.inProcess) { client in
            let docs = try await client.get("/docs").text
            let redoc = try await client.get("/redoc").text
            for page in [docs, redoc] {
                #expect(!page.contains("https://"))
            }
            #expect(docs.contains(#"<script src="/static/swagger-ui-bundle.js"></script>"#))
            #expect(redoc.contains(#"<script src="/static/redoc.standalone.js"> </script>"#))
        }
    }

    @Test func swaggerUIParametersMergeOverTheDefaults() {
        let page = SwaggerUIPage.html(
            openAPIURL: "/openapi.json", title: "T",
            configuration: SwaggerUIConfiguration(parameters: ["deepLinking": false, "syntaxHighlight": ["theme": "obsidian"]])
        )
        #expect(page.contains("\"deepLinking\": false,\n\"showExtensions\": true,\n"))
        #expect(page.contains("\"showCommonExtensions\": true,\n\"syntaxHighlight\": {\"theme\": \"obsidian\"},\n"))
    }

    @Test func initOAuthIsCalledWhenConfigured() {
        let page = SwaggerUIPage.html(
            openAPIURL: "/openapi.json", title: "T", configuration: SwaggerUIConfiguration(initOAuth: ["clientId": "é"])
        )
        #expect(page.contains("    })\n        ui.initOAuth({\"clientId\": \"\\u00e9\"})\n        \n    </script>"))
    }

    @Test func rootPathPrefixesThePageURLsAndIsListedAsAServer() async throws {
        let app = Self.app()
        try await app.test(.live, configuration: ServerConfiguration(rootPath: "/proxied/", accessLog: false)) { client in
            let docs = try await client.get("/docs").text
            #expect(docs.contains("url: '/proxied/openapi.json',"))
            #expect(docs.contains("oauth2RedirectUrl: window.location.origin + '/proxied/docs/oauth2-redirect',"))
            let answer10 = try await client.get("/redoc").text
            #expect(answer10.contains(#"<redoc spec-url="/proxied/openapi.json"></redoc>"#))
            let answer11 = try await client.get("/openapi.json").text
            #expect(answer11.contains(#""servers":[{"url":"/proxied"}],"#))
        }
    }

    @Test func rootPathIsNotListedWhenTurnedOff() async throws {
        var configuration = OpenAPIConfiguration(servers: [OpenAPIServer(url: "https://api.example.com", description: "prod")])
        configuration.rootPathInServers = false
        try await Self.app(configuration).test(.live, configuration: ServerConfiguration(rootPath: "/proxied", accessLog: false)) {
            client in
            let answer12 = try await client.get("/openapi.json").text
            #expect(answer12.contains(#""servers":[{"url":"https://api.example.com","description":"prod"}],"#))
        }
    }
}
