import ApusCore
import ApusTesting
import Testing

@Suite struct ErrorTests {
    @Test func unreadableBodyIsTheClientsFaultNotA500() async throws {
        // The server throws these from the body stream (bad chunk framing, a body sent too slowly) and sends its
        // own answer; the app must render them, not log an unhandled error and build a 500.
        let app = App()
        app.post("/malformed") { _ -> Response in throw RequestBodyReadError.malformed }
        app.post("/slow") { _ -> Response in throw RequestBodyReadError.timedOut }
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.post("/malformed").status == .badRequest)
            #expect(try await client.post("/slow").status == .requestTimeout)
        }
    }

    @Test func httpErrorWithHeadersRendersDetailAfterThem() async throws {
        let app = App()
        app.get("/items/{item_id}") { _ -> Response in
            throw HTTPError(.notFound, detail: "Item not found", headers: [.init("x-error")!: "nope"])
        }
        try await app.test(.inProcess) { client async throws in
            // reference: h2_404_httpexception_headers.txt
            let response = try await client.get("/items/0")
            #expect(
                wireText(response)
                    == "404 Not Found\nx-error: nope\ncontent-length: 27\ncontent-type: application/json\n\n{\"detail\":\"Item not found\"}"
            )
        }
    }

    @Test func httpErrorWithStructuredDetail() async throws {
        struct Detail: Encodable, Sendable {
            let code: String
            let msg: String
        }
        let app = App()
        app.get("/items/{item_id}") { _ -> Response in
            throw HTTPError(.badRequest, detail: Detail(code: "E1", msg: "structured"))
        }
        try await app.test(.inProcess) { client async throws in
            // reference: h3_400_structured_detail.txt
            let response = try await client.get("/items/1")
            #expect(
                wireText(response)
                    == "400 Bad Request\ncontent-length: 43\ncontent-type: application/json\n\n{\"detail\":{\"code\":\"E1\",\"msg\":\"structured\"}}"
            )
        }
    }

    @Test func httpErrorWithoutDetailUsesStandardPhrase() async throws {
        let app = App()
        app.get("/tea") { _ -> Response in throw HTTPError(HTTPResponse.Status(code: 418)) }
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/tea").text == #"{"detail":"I'm a Teapot"}"#)
        }
    }

    @Test(arguments: [204, 304])
    func httpErrorWithBodilessStatusHasNoBody(code: Int) async throws {
        let app = App()
        app.get("/x") { _ -> Response in throw HTTPError(HTTPResponse.Status(code: code)) }
        try await app.test(.inProcess) { client async throws in
            let response = try await client.get("/x")
            #expect(response.status.code == code)
            #expect(response.body.readableBytes == 0)
            #expect(response.header("content-type") == nil)
        }
    }

    @Test func selfRenderingErrorAnswersWithItsResponse() async throws {
        struct Teapot: ResponseError {
            func response(for request: Request) throws -> Response {
                try .json(["message": "short and stout", "path": request.path], status: HTTPResponse.Status(code: 418))
            }
        }
        let app = App()
        app.get("/brew") { _ -> Response in throw Teapot() }
        try await app.test(.inProcess) { client async throws in
            let response = try await client.get("/brew")
            #expect(response.status.code == 418)
            #expect(try response.json([String: String].self) == ["message": "short and stout", "path": "/brew"])
        }
    }

    @Test func registeredHandlerAnswersItsErrorType() async throws {
        struct Oops: Error {
            let name: String
        }
        let app = App()
        app.onError(Oops.self) { error, _ in
            try .json(["message": "Oops! \(error.name) did something"], status: HTTPResponse.Status(code: 418))
        }
        app.get("/unicorns/{name}") { request -> Response in throw Oops(name: request.pathParameters["name"] ?? "") }
        try await app.test(.inProcess) { client async throws in
            let response = try await client.get("/unicorns/yolo")
            #expect(response.status.code == 418)
            #expect(response.text == #"{"message":"Oops! yolo did something"}"#)
        }
    }

    @Test func registeredHandlerForHTTPErrorReplacesThe404() async throws {
        let app = App()
        app.onError(HTTPError.self) { error, _ in
            .text("custom: \(error.detail.map { "\($0)" } ?? error.status.standardPhrase)", status: error.status)
        }
        try await app.test(.inProcess) { client async throws in
            let response = try await client.get("/missing")
            #expect(response.status == .notFound)
            #expect(response.text == "custom: Not Found")
        }
    }

    @Test func handlersAreTriedInRegistrationOrder() async throws {
        struct Specific: Error {}
        let app = App()
        app.onError(Specific.self) { _, _ in .text("first") }
        app.onError(Specific.self) { _, _ in .text("second") }
        app.get("/x") { _ -> Response in throw Specific() }
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/x").text == "first")
        }
    }

    @Test func unexpectedErrorIsPlain500() async throws {
        struct Boom: Error {}
        let app = App()
        app.get("/boom") { _ -> Response in throw Boom() }
        try await app.test(.inProcess) { client async throws in
            // reference: t_500_unhandled.txt
            let response = try await client.get("/boom")
            #expect(
                wireText(response)
                    == "500 Internal Server Error\ncontent-length: 21\ncontent-type: text/plain; charset=utf-8\n\nInternal Server Error"
            )
        }
    }

    @Test func appKeepsServingAfterA500() async throws {
        struct Boom: Error {}
        let app = App()
        app.get("/boom") { _ -> Response in throw Boom() }
        app.get("/ok") { _ in "ok" }
        try await app.test(.inProcess) { client async throws in
            _ = try await client.get("/boom")
            #expect(try await client.get("/ok").status == .ok)
        }
    }

    @Test func failingErrorHandlerIs500() async throws {
        struct First: Error {}
        struct Second: Error {}
        let app = App()
        app.onError(First.self) { _, _ in throw Second() }
        app.get("/x") { _ -> Response in throw First() }
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/x").status == .internalServerError)
        }
    }

    @Test func httpErrorThrownByAppMiddlewareIsRendered() async throws {
        let app = App()
        app.use { _, _ in throw HTTPError(.unauthorized, detail: "Not authenticated") }
        app.get("/x") { _ in "x" }
        try await app.test(.inProcess) { client async throws in
            let response = try await client.get("/x")
            #expect(response.status == .unauthorized)
            #expect(response.text == #"{"detail":"Not authenticated"}"#)
        }
    }
}
