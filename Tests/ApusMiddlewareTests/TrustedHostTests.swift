import ApusCore
import ApusMiddleware
import ApusTesting
import Testing

/// Starlette 1.10's TrustedHostMiddleware, and its Host parser against hostile bytes.
@Suite struct TrustedHostTests {
    static let middleware = try! TrustedHost(allowedHosts: ["example.com", "*.example.org", "www.example.net", "[::1]"])

    static func answer(host: String?, target: String = "/r", middleware: TrustedHost = Self.middleware) async throws -> Response {
        try await middleware.handle(makeRequest(target, host: host), next: answersApp)
    }

    @Test(arguments: ["example.com", "EXAMPLE.com", "example.com:8080", "api.example.org", "a.b.example.org", "[::1]:8000"])
    func allowedHostsReachTheApp(host: String) async throws {
        let response = try await Self.answer(host: host)
        #expect(response.status == .ok)
        #expect(try await text(of: response) == "app")
    }

    @Test(arguments: [
        "evil.com", "example.org", "example.com.evil.com", "[::2]", "", "exa mple.com", "exa\u{0}mple.com", "example.com:",
        "example.com:80a", "[::1", "[zz::1]", "[v1.x]", "é.example.com", "example.com/path", "user@example.com",
    ])
    func otherHostsAndMalformedHeadersAreABadRequest(host: String) async throws {
        let response = try await Self.answer(host: host)
        #expect(response.status == .badRequest)
        #expect(try await text(of: response) == "Invalid host header")
        #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
    }

    @Test func aMissingHostIsABadRequest() async throws {
        #expect(try await Self.answer(host: nil).status == .badRequest)
    }

    @Test func aBareDomainIsRedirectedToItsAllowedWWWName() async throws {
        let response = try await Self.answer(host: "example.net:8080", target: "/a%20b?x=1&y=2")
        #expect(response.status == .temporaryRedirect)
        #expect(response.headers[.location] == "http://www.example.net:8080/a%20b?x=1&y=2")
    }

    @Test func theWWWRedirectCanBeTurnedOff() async throws {
        let middleware = try TrustedHost(allowedHosts: ["www.example.net"], wwwRedirect: false)
        #expect(try await Self.answer(host: "example.net", middleware: middleware).status == .badRequest)
    }

    @Test func aWWWRedirectWithAPortOutOfRangeIsABadRequest() async throws {
        #expect(try await Self.answer(host: "example.net:99999").status == .badRequest)
        // An allowed host with such a port still reaches the app, as in Starlette (only the name is checked).
        #expect(try await Self.answer(host: "example.com:99999").status == .ok)
    }

    @Test func starAllowsAnythingEvenNoHost() async throws {
        let middleware = try TrustedHost()
        #expect(try await Self.answer(host: nil, middleware: middleware).status == .ok)
        #expect(try await Self.answer(host: "exa mple", middleware: middleware).status == .ok)
    }

    @Test(arguments: ["example.*", "*example.com", "a*b.com", "**.example.com", "*.*.com"])
    func misplacedWildcardsAreRefused(pattern: String) {
        #expect(throws: TrustedHost.PatternError(pattern: pattern)) { try TrustedHost(allowedHosts: [pattern]) }
    }

    @Test func thePatternErrorSaysWhatIsExpected() {
        #expect(
            TrustedHost.PatternError(pattern: "x*").description
                == "Invalid trusted host pattern \"x*\": domain wildcard patterns must be like '*.example.com'.")
    }

    @Test func aHugeHostIsRefusedInOnePass() async throws {
        #expect(try await Self.answer(host: String(repeating: "a", count: 1_000_000) + ".evil.com").status == .badRequest)
        #expect(try await Self.answer(host: "[" + String(repeating: ":", count: 1_000_000) + "]").status == .badRequest)
        #expect(try await Self.answer(host: "example.com:" + String(repeating: "9", count: 1_000_000)).status == .ok)
    }

    @Test func theHostComesFromTheRealServersHostHeader() async throws {
        let app = App()
        app.use(try TrustedHost(allowedHosts: ["127.0.0.1"]))
        app.get("/r") { _ in "ok" }
        try await app.test(.live) { client async throws in
            #expect(try await client.get("/r").status == .ok)
            #expect(try await client.get("/r", headers: [HTTPField.Name("host")!: "evil.com"]).status == .badRequest)
        }
    }
}

/// Starlette 1.10's HTTPSRedirectMiddleware.
@Suite struct HTTPSRedirectTests {
    static func answer(host: String?, target: String = "/r?q=1", scheme: String = "http") async throws -> Response {
        try await HTTPSRedirect().handle(makeRequest(target, host: host, scheme: scheme), next: answersApp)
    }

    @Test(arguments: [
        ("example.com", "https://example.com/r?q=1"),
        ("example.com:8080", "https://example.com:8080/r?q=1"),
        ("Example.COM:8443", "https://Example.COM:8443/r?q=1"),
        ("Example.COM:80", "https://example.com/r?q=1"),
        ("example.com:443", "https://example.com/r?q=1"),
        ("example.com:0080", "https://example.com/r?q=1"),
        ("[::1]:8080", "https://[::1]:8080/r?q=1"),
        ("[::1]:80", "https://[::1]/r?q=1"),
    ])
    func plainHTTPIsRedirectedWithPathQueryAndPort(host: String, location: String) async throws {
        let response = try await Self.answer(host: host)
        #expect(response.status == .temporaryRedirect)
        #expect(response.headers[.location] == location)
        #expect(response.headers[.contentLength] == "0")
    }

    @Test func thePathIsDecodedThenQuotedAsStarletteDoes() async throws {
        let response = try await Self.answer(host: "example.com", target: "/a%20b%3Fc%2Fd")
        #expect(response.headers[.location] == "https://example.com/a%20b%3Fc/d")
    }

    @Test func httpsRequestsReachTheApp() async throws {
        #expect(try await Self.answer(host: "example.com", scheme: "https").status == .ok)
    }

    @Test func websocketSchemesBecomeWSS() async throws {
        #expect(try await Self.answer(host: "example.com", scheme: "ws").headers[.location] == "wss://example.com/r?q=1")
        #expect(try await Self.answer(host: "example.com", scheme: "wss").status == .ok)
    }

    @Test(arguments: [nil, "", "exa mple.com", "example.com:99999"] as [String?])
    func aRequestWithoutAValidHostIsABadRequest(host: String?) async throws {
        let response = try await Self.answer(host: host)
        #expect(response.status == .badRequest)
        #expect(try await text(of: response) == "Invalid host header")
    }

    @Test func aTrustedProxysForwardedProtoCountsAsHTTPS() async throws {
        let app = App()
        app.use(HTTPSRedirect())
        app.get("/r") { _ in "ok" }
        try await app.test(.live) { client async throws in
            #expect(try await client.get("/r", headers: [.xForwardedProto: "https"]).status == .ok)
            let redirected = try await client.get("/r", headers: [.xForwardedProto: "http"])
            #expect(redirected.status == .temporaryRedirect)
            #expect(redirected.headers[.location]?.hasPrefix("https://127.0.0.1:") == true)
        }
    }
}
