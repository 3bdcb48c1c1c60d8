import ApusCore
import ApusTesting
import Testing

/// The same app behaviour over a real socket, through the server: header order with `date` and `server` first,
/// HEAD without a body, redirects with the real host and port, streams sent as they are produced.
@Suite struct LiveTests {
    @Test func unknownPathIs404WithServerHeadersFirst() async throws {
        try await DefaultResponsesTests.referenceApp().test(.live) { client async throws in
            let response = try await client.get("/nope")
            // reference: h_404_unknown_path.txt
            #expect(response.headerLines.map { $0.split(separator: ":")[0] } == ["date", "server", "content-length", "content-type"])
            #expect(wireText(response) == "404 Not Found\ncontent-length: 22\ncontent-type: application/json\n\n{\"detail\":\"Not Found\"}")
        }
    }

    @Test func wrongMethodIs405WithAllow() async throws {
        try await DefaultResponsesTests.referenceApp().test(.live) { client async throws in
            // reference: i_405_method.txt
            let response = try await client.delete("/items/5")
            #expect(
                wireText(response)
                    == "405 Method Not Allowed\nallow: GET\ncontent-length: 31\ncontent-type: application/json\n\n{\"detail\":\"Method Not Allowed\"}"
            )
        }
    }

    @Test func headSendsGetHeadersWithoutBody() async throws {
        try await DefaultResponsesTests.referenceApp().test(.live) { client async throws in
            let response = try await client.head("/noslash")
            #expect(response.status == .ok)
            #expect(response.header("content-length") == "9")
            #expect(response.body.readableBytes == 0)
            // The connection is still in step: the next request gets its own answer.
            #expect(try await client.get("/noslash").text == #""noslash""#)
        }
    }

    @Test func trailingSlashRedirectNamesTheRealHost() async throws {
        try await DefaultResponsesTests.referenceApp().test(.live) { client async throws in
            let response = try await client.get("/slash?x=1")
            // reference: j4_redirect_with_query.txt
            #expect(response.status == .temporaryRedirect)
            let location = try #require(response.header("location"))
            #expect(location.hasPrefix("http://127.0.0.1:"))
            #expect(location.hasSuffix("/slash/?x=1"))
            #expect(response.header("content-length") == "0")
        }
    }

    @Test func unexpectedErrorIs500AndServerKeepsServing() async throws {
        struct Boom: Error {}
        let app = App()
        app.get("/boom") { _ -> Response in throw Boom() }
        app.get("/ok") { _ in "ok" }
        try await app.test(.live) { client async throws in
            // reference: t_500_unhandled.txt
            let response = try await client.get("/boom")
            #expect(
                wireText(response)
                    == "500 Internal Server Error\ncontent-length: 21\ncontent-type: text/plain; charset=utf-8\n\nInternal Server Error"
            )
            #expect(try await client.get("/ok").status == .ok)
        }
    }

    @Test func middlewareOrderHolds() async throws {
        let log = EventLog()
        let app = App()
        app.use { request, next in
            log.record("app in")
            defer { log.record("app out") }
            return try await next(request)
        }
        let router = Router(prefix: "/r")
        router.use { request, next in
            log.record("router in")
            defer { log.record("router out") }
            return try await next(request)
        }
        router.get("/x") { _ in
            log.record("handler")
            return "x"
        }
        app.include(router)
        try await app.test(.live) { client async throws in
            #expect(try await client.get("/r/x").status == .ok)
        }
        #expect(log.all == ["app in", "router in", "handler", "router out", "app out"])
    }

    @Test func registeredErrorHandlerAnswers() async throws {
        struct Oops: Error {}
        let app = App()
        app.onError(Oops.self) { _, _ in try .json(["message": "handled"], status: HTTPResponse.Status(code: 418)) }
        app.get("/x") { _ -> Response in throw Oops() }
        try await app.test(.live) { client async throws in
            let response = try await client.get("/x")
            #expect(response.status.code == 418)
            #expect(response.text == #"{"message":"handled"}"#)
        }
    }

    @Test func streamedChunkArrivesBeforeTheStreamEnds() async throws {
        let (release, releaseContinuation) = AsyncStream.makeStream(of: Void.self)
        let app = App()
        app.get("/stream") { _ in
            Response.stream(mediaType: MediaType.plainText) { writer in
                try await writer.write(ByteBuffer(string: "first"))
                for await _ in release { break }
                try await writer.write(ByteBuffer(string: "second"))
            }
        }
        try await app.test(.live) { client async throws in
            let response = try await client.stream(.get, "/stream")
            #expect(response.header("transfer-encoding") == "chunked")
            var chunks = response.body.makeAsyncIterator()
            // The producer is still waiting for `release`, so this chunk was sent while the stream was open.
            #expect(try await chunks.next().map { String(buffer: $0) } == "first")
            releaseContinuation.yield()
            var rest = ""
            while let chunk = try await chunks.next() { rest += String(buffer: chunk) }
            #expect(rest == "second")
        }
    }

    @Test func clientLeavingStopsTheProducer() async throws {
        let log = EventLog()
        let app = App()
        app.get("/forever") { _ in
            Response.stream(mediaType: MediaType.plainText) { writer in
                do {
                    while true {
                        try await writer.write(ByteBuffer(string: "tick\n"))
                        try await Task.sleep(for: .milliseconds(5))
                    }
                } catch {
                    log.record("producer stopped")
                    throw error
                }
            }
        }
        try await app.test(.live) { client async throws in
            do {
                let response = try await client.stream(.get, "/forever")
                var chunks = response.body.makeAsyncIterator()
                _ = try await chunks.next()
            }
            // The stream was dropped above: the client closed the connection.
            for _ in 0..<400 where !log.all.contains("producer stopped") {
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(log.all.contains("producer stopped"))
        }
    }

    @Test func lifespanHooksRunAroundTheLiveServer() async throws {
        let log = EventLog()
        let app = App()
        app.onStartup { _ in log.record("startup") }
        app.onShutdown { _ in log.record("shutdown") }
        app.get("/x") { _ in
            log.record("request")
            return "x"
        }
        try await app.test(.live) { client async throws in _ = try await client.get("/x") }
        #expect(log.all == ["startup", "request", "shutdown"])
    }
}
