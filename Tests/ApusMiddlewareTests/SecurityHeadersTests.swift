import ApusCore
import ApusMiddleware
import Testing

@Suite struct SecurityHeadersTests {
    @Test func theDefaultsAreSentOnEveryResponse() async throws {
        let response = try await SecurityHeaders().handle(makeRequest(), next: answersApp)
        #expect(response.headers[.strictTransportSecurity] == "max-age=31536000; includeSubDomains")
        #expect(response.headers[.xContentTypeOptions] == "nosniff")
        #expect(response.headers[.xFrameOptions] == "DENY")
        #expect(response.headers[.referrerPolicy] == "strict-origin-when-cross-origin")
        #expect(response.headers[.contentSecurityPolicy] == nil)
    }

    @Test func eachHeaderCanBeChangedOrLeftOut() async throws {
        let middleware = SecurityHeaders(
            strictTransportSecurity: nil, contentTypeOptions: nil, frameOptions: "SAMEORIGIN", referrerPolicy: nil,
            contentSecurityPolicy: "default-src 'self'")
        let response = try await middleware.handle(makeRequest(), next: answersApp)
        #expect(response.headers[.strictTransportSecurity] == nil)
        #expect(response.headers[.xContentTypeOptions] == nil)
        #expect(response.headers[.xFrameOptions] == "SAMEORIGIN")
        #expect(response.headers[.referrerPolicy] == nil)
        #expect(response.headers[.contentSecurityPolicy] == "default-src 'self'")
    }

    @Test func aHeaderTheHandlerSetIsKept() async throws {
        let response = try await SecurityHeaders().handle(makeRequest()) { _ in
            Response.text("framed", headers: [.xFrameOptions: "SAMEORIGIN"])
        }
        #expect(response.headers[values: .xFrameOptions] == ["SAMEORIGIN"])
    }

    @Test func aHeaderChangedAfterCreationIsWhatTheResponsesGet() async throws {
        var middleware = SecurityHeaders()
        middleware.frameOptions = "SAMEORIGIN"
        middleware.strictTransportSecurity = nil
        middleware.contentSecurityPolicy = "default-src 'none'"
        let response = try await middleware.handle(makeRequest(), next: answersApp)
        #expect(response.headers[values: .xFrameOptions] == ["SAMEORIGIN"])
        #expect(response.headers[.strictTransportSecurity] == nil)
        #expect(response.headers[.contentSecurityPolicy] == "default-src 'none'")
        #expect(response.headers[.xContentTypeOptions] == "nosniff")
    }
}
