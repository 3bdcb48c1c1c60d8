import ApusCore
import ApusMiddleware
import ApusTesting
import Testing

/// Starlette 1.10's CORSMiddleware, header for header (reference §1.8, §2.9), and the 500 it cannot decorate.
@Suite struct CORSTests {
    /// The §2.9 configuration.
    static func referenceApp() -> App {
        let app = App()
        app.use(
            CORS(
                allowOrigins: ["https://a.com"], allowMethods: ["GET", "POST"], allowHeaders: ["X-Custom"],
                allowCredentials: true, exposeHeaders: ["X-Exp"], maxAge: 100))
        app.get("/r") { _ in Response.text("ok") }
        app.get("/vary") { _ in Response.text("ok", headers: [.vary: "Accept-Language"]) }
        app.get("/boom") { _ -> Response in throw Boom() }
        return app
    }

    struct Boom: Error {}

    @Test func anAllowedPreflightIsAnsweredOKWithStarlettesHeadersInItsOrder() async throws {
        try await Self.referenceApp().test(.inProcess) { client async throws in
            let response = try await client.options(
                "/r", headers: [.origin: "https://a.com", .accessControlRequestMethod: "POST", .accessControlRequestHeaders: "X-Custom"])
            #expect(response.status == .ok)
            #expect(response.text == "OK")
            #expect(
                response.headerLines == [
                    "vary: Origin, Access-Control-Request-Method, Access-Control-Request-Headers, Access-Control-Request-Private-Network",
                    "access-control-allow-methods: GET, POST",
                    "access-control-max-age: 100",
                    "access-control-allow-headers: Accept, Accept-Language, Content-Language, Content-Type, X-Custom",
                    "access-control-allow-credentials: true",
                    "access-control-allow-origin: https://a.com",
                    "content-length: 2",
                    "content-type: text/plain; charset=utf-8",
                ])
        }
    }

    @Test func aFailedPreflightNamesEveryFailedCheckAndOmitsTheOrigin() async throws {
        try await Self.referenceApp().test(.inProcess) { client async throws in
            let response = try await client.options(
                "/r",
                headers: [.origin: "https://evil.com", .accessControlRequestMethod: "DELETE", .accessControlRequestHeaders: "X-Other"])
            #expect(response.status == .badRequest)
            #expect(response.text == "Disallowed CORS origin, method, headers")
            #expect(response.headers[.accessControlAllowOrigin] == nil)
            #expect(response.headers[.accessControlAllowCredentials] == "true")
            #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
        }
    }

    @Test(arguments: [
        ("https://a.com", "PUT", nil, "Disallowed CORS method"),
        ("https://a.com", "GET", "X-Custom, X-Other", "Disallowed CORS headers"),
        ("https://a.com", "GET", "", "Disallowed CORS headers"),
        ("https://a.com", "GET", "X-Custom,", "Disallowed CORS headers"),
        ("https://b.com", "GET", " x-custom ,CONTENT-TYPE", "Disallowed CORS origin"),
        ("https://a.com", "get", nil, "Disallowed CORS method"),
    ])
    func aFailedPreflightListsOnlyWhatFailed(origin: String, method: String, requested: String?, expected: String) async throws {
        try await Self.referenceApp().test(.inProcess) { client async throws in
            var headers: HTTPFields = [.origin: origin, .accessControlRequestMethod: method]
            if let requested { headers[.accessControlRequestHeaders] = requested }
            let response = try await client.options("/r", headers: headers)
            #expect(response.status == .badRequest)
            #expect(response.text == expected)
        }
    }

    @Test func requestedHeadersCompareCaseInsensitivelyAndIgnoreSpaces() async throws {
        try await Self.referenceApp().test(.inProcess) { client async throws in
            let response = try await client.options(
                "/r",
                headers: [
                    .origin: "https://a.com", .accessControlRequestMethod: "GET", .accessControlRequestHeaders: " x-custom ,CONTENT-TYPE",
                ])
            #expect(response.status == .ok)
        }
    }

    @Test func privateNetworkPreflightsNeedTheOption() async throws {
        let refused = try await Self.referenceApp().test(.inProcess) { client async throws in
            try await client.options(
                "/r", headers: [.origin: "https://a.com", .accessControlRequestMethod: "GET", .requestPrivateNetwork: "true"])
        }
        #expect(refused.status == .badRequest)
        #expect(refused.text == "Disallowed CORS private-network")
        #expect(refused.headers[.allowPrivateNetwork] == nil)

        let app = App()
        app.use(CORS(allowOrigins: ["https://a.com"], allowPrivateNetwork: true))
        let allowed = try await app.test(.inProcess) { client async throws in
            try await client.options(
                "/r", headers: [.origin: "https://a.com", .accessControlRequestMethod: "GET", .requestPrivateNetwork: "true"])
        }
        #expect(allowed.status == .ok)
        #expect(allowed.headers[.allowPrivateNetwork] == "true")
    }

    @Test func anOptionsRequestWithoutARequestMethodIsNotAPreflight() async throws {
        try await Self.referenceApp().test(.inProcess) { client async throws in
            let response = try await client.options("/r", headers: [.origin: "https://a.com"])
            #expect(response.status == .methodNotAllowed)
            #expect(response.headers[.accessControlAllowOrigin] == "https://a.com")
            #expect(response.headers[.vary] == "Origin")
        }
    }

    @Test func aSimpleRequestFromAnAllowedOriginGetsItEchoedWithTheStaticHeaders() async throws {
        try await Self.referenceApp().test(.inProcess) { client async throws in
            let response = try await client.get("/r", headers: [.origin: "https://a.com"])
            #expect(response.text == "ok")
            #expect(response.headers[.accessControlAllowOrigin] == "https://a.com")
            #expect(response.headers[.accessControlAllowCredentials] == "true")
            #expect(response.headers[.accessControlExposeHeaders] == "X-Exp")
            #expect(response.headers[.vary] == "Origin")
        }
    }

    @Test func aDisallowedOriginGetsTheBodyButNoAllowOrigin() async throws {
        try await Self.referenceApp().test(.inProcess) { client async throws in
            let response = try await client.get("/r", headers: [.origin: "https://evil.com"])
            #expect(response.status == .ok)
            #expect(response.text == "ok")
            #expect(response.headers[.accessControlAllowOrigin] == nil)
            #expect(response.headers[.accessControlAllowCredentials] == "true")
            #expect(response.headers[.vary] == "Origin")
        }
    }

    @Test func aRequestWithoutOriginGetsOnlyVary() async throws {
        try await Self.referenceApp().test(.inProcess) { client async throws in
            let response = try await client.get("/r")
            #expect(response.headers[.vary] == "Origin")
            #expect(response.headers[.accessControlAllowOrigin] == nil)
            #expect(response.headers[.accessControlAllowCredentials] == nil)
        }
    }

    @Test func varyOriginIsAddedAfterTheResponsesOwnVary() async throws {
        try await Self.referenceApp().test(.inProcess) { client async throws in
            #expect(try await client.get("/vary").headers[values: .vary] == ["Accept-Language, Origin"])
        }
    }

    @Test func theDefaultsAllowNothing() async throws {
        let app = App()
        app.use(CORS())
        try await app.test(.inProcess) { client async throws in
            let response = try await client.options("/r", headers: [.origin: "https://a.com", .accessControlRequestMethod: "GET"])
            #expect(response.status == .badRequest)
            #expect(response.text == "Disallowed CORS origin")
            #expect(response.headers[.accessControlAllowMethods] == "GET")
            #expect(response.headers[.accessControlAllowHeaders] == "Accept, Accept-Language, Content-Language, Content-Type")
            #expect(response.headers[.accessControlMaxAge] == "600")
        }
    }

    @Test func everythingAllowedAnswersStarAndEchoesRequestedHeaders() async throws {
        let app = App()
        app.use(CORS(allowOrigins: ["*"], allowMethods: ["*"], allowHeaders: ["*"]))
        app.get("/r") { _ in "ok" }
        try await app.test(.inProcess) { client async throws in
            let preflight = try await client.options(
                "/r", headers: [.origin: "https://x.com", .accessControlRequestMethod: "QUERY", .accessControlRequestHeaders: "X-A, X-B"])
            #expect(preflight.status == .ok)
            #expect(preflight.headers[.accessControlAllowOrigin] == "*")
            #expect(preflight.headers[.accessControlAllowMethods] == CORS.allMethods.joined(separator: ", "))
            #expect(preflight.headers[.accessControlAllowHeaders] == "X-A, X-B")
            let simple = try await client.get("/r", headers: [.origin: "https://x.com"])
            #expect(simple.headers[.accessControlAllowOrigin] == "*")
        }
    }

    @Test func starWithCredentialsEchoesTheOrigin() async throws {
        let app = App()
        app.use(CORS(allowOrigins: ["*"], allowCredentials: true))
        app.get("/r") { _ in "ok" }
        try await app.test(.inProcess) { client async throws in
            let preflight = try await client.options("/r", headers: [.origin: "https://x.com", .accessControlRequestMethod: "GET"])
            #expect(preflight.headers[.accessControlAllowOrigin] == "https://x.com")
            let simple = try await client.get("/r", headers: [.origin: "https://x.com"])
            #expect(simple.headers[.accessControlAllowOrigin] == "https://x.com")
            #expect(simple.headers[.accessControlAllowCredentials] == "true")
            #expect(simple.headers[.vary] == "Origin")
        }
    }

    @Test func theOriginPatternMustMatchTheWholeOrigin() throws {
        let cors = CORS(allowOriginRegex: try Regex(#"https://.*\.example\.org"#))
        #expect(cors.isAllowed(origin: "https://x.example.org"))
        #expect(cors.isAllowed(origin: "https://a.b.example.org"))
        #expect(!cors.isAllowed(origin: "https://x.example.org.evil.com"))
        #expect(!cors.isAllowed(origin: "http://x.example.org"))
        #expect(!cors.isAllowed(origin: "xhttps://x.example.org"))
    }

    @Test func anOriginLongerThanTheLimitIsNotMatchedByThePattern() throws {
        let cors = CORS(allowOriginRegex: try Regex("https://.*"))
        let limit = CORS.maximumRegexOriginLength
        #expect(cors.isAllowed(origin: "https://" + String(repeating: "a", count: limit - 8)))
        #expect(!cors.isAllowed(origin: "https://" + String(repeating: "a", count: limit - 7)))
    }

    @Test func aServerErrorIsTheAppsPlain500WithCORSHeaders() async throws {
        try await Self.referenceApp().test(.inProcess) { client async throws in
            let response = try await client.get("/boom", headers: [.origin: "https://a.com"])
            #expect(response.status == .internalServerError)
            #expect(response.text == "Internal Server Error")
            #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
            #expect(response.headers[.accessControlAllowOrigin] == "https://a.com")
            #expect(response.headers[.accessControlAllowCredentials] == "true")
            #expect(response.headers[.vary] == "Origin")
        }
    }

    @Test func anErrorTheAppHandlesIsRenderedByItsHandlerInsideCORS() async throws {
        let app = Self.referenceApp()
        app.onError(Boom.self) { _, _ in Response.text("handled", status: .serviceUnavailable) }
        try await app.test(.inProcess) { client async throws in
            let response = try await client.get("/boom", headers: [.origin: "https://a.com"])
            #expect(response.status == .serviceUnavailable)
            #expect(response.text == "handled")
            #expect(response.headers[.accessControlAllowOrigin] == "https://a.com")
        }
    }

    @Test func anHTTPErrorThrownByAnInnerMiddlewareKeepsItsResponseAndGetsCORSHeaders() async throws {
        let app = Self.referenceApp()
        app.use { _, _ in throw HTTPError(.forbidden, detail: "no") }
        try await app.test(.inProcess) { client async throws in
            let response = try await client.get("/r", headers: [.origin: "https://a.com"])
            #expect(response.status == .forbidden)
            #expect(response.text == #"{"detail":"no"}"#)
            #expect(response.headers[.accessControlAllowOrigin] == "https://a.com")
        }
    }

    @Test func otherMiddlewaresAnswersGetCORSHeadersWhenCORSIsOutermost() async throws {
        let app = App()
        app.use(CORS(allowOrigins: ["*"]))
        app.use(try TrustedHost(allowedHosts: ["good.com"]))
        app.get("/r") { _ in "ok" }
        try await app.test(.inProcess) { client async throws in
            let response = try await client.get("/r", headers: [.origin: "https://x.com"])
            #expect(response.status == .badRequest)
            #expect(response.text == "Invalid host header")
            #expect(response.headers[.accessControlAllowOrigin] == "*")
        }
    }

    @Test func aHugeOriginCostsOneLookup() async throws {
        let app = App()
        app.use(CORS(allowOrigins: ["https://a.com"], allowOriginRegex: try Regex(#"https://(a|aa)*\.com"#)))
        app.get("/r") { _ in "ok" }
        let origin = "https://" + String(repeating: "a", count: 1_000_000) + ".com"
        try await app.test(.inProcess) { client async throws in
            let simple = try await client.get("/r", headers: [.origin: origin])
            #expect(simple.status == .ok)
            #expect(simple.headers[.accessControlAllowOrigin] == nil)
            let preflight = try await client.options("/r", headers: [.origin: origin, .accessControlRequestMethod: "GET"])
            #expect(preflight.text == "Disallowed CORS origin")
        }
    }

    @Test func aHundredThousandRequestedHeadersAreCheckedInOnePass() async throws {
        let many = Array(repeating: "X-Custom", count: 100_000).joined(separator: ", ")
        try await Self.referenceApp().test(.inProcess) { client async throws in
            let allowed = try await client.options(
                "/r", headers: [.origin: "https://a.com", .accessControlRequestMethod: "GET", .accessControlRequestHeaders: many])
            #expect(allowed.status == .ok)
            let oneBad = try await client.options(
                "/r",
                headers: [.origin: "https://a.com", .accessControlRequestMethod: "GET", .accessControlRequestHeaders: many + ", X-Bad"])
            #expect(oneBad.text == "Disallowed CORS headers")
        }
    }
}
