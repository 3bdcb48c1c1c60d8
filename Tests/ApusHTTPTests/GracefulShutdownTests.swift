import ApusHTTP
import HTTPTypes
import NIOCore
import Testing

@Suite("Graceful shutdown")
struct GracefulShutdownTests {
    @Test func inFlightRequestFinishesAndIdleConnectionsClose() async throws {
        let (started, startedContinuation) = AsyncStream.makeStream(of: Void.self)
        try await withServer(respond: { request in
            if request.head.path == "/slow" {
                startedContinuation.yield()
                // Long enough that shutdown begins before it answers, even on a loaded machine.
                try await Task.sleep(for: .seconds(2))
            }
            return textResponse("done \(request.head.path ?? "")")
        }) { server in
            let idle = try await RawConnection(port: server.port)
            try await idle.send("GET /quick HTTP/1.1\r\nHost: x\r\n\r\n")
            _ = try await idle.readResponses(1)

            let busy = try await RawConnection(port: server.port)
            try await busy.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
            var startedIterator = started.makeAsyncIterator()
            await startedIterator.next()
            await server.shutDown()

            try await idle.readToEnd()
            #expect(idle.isClosedByPeer)
            let text = try await busy.readToEnd()
            let response = try #require(RawResponse.parseAll(text).first)
            #expect(response.body == "done /slow")
            #expect(response.header("connection") == "close")
            // New connections are refused once shutdown has begun.
            await #expect(throws: (any Error).self) { _ = try await RawConnection(port: server.port) }
        }
    }

    @Test func shutdownTimeoutClosesRequestsThatRunTooLong() async throws {
        let configuration = testConfiguration { $0.gracefulShutdownTimeout = .milliseconds(200) }
        let (started, startedContinuation) = AsyncStream.makeStream(of: Void.self)
        let begin = ContinuousClock.now
        try await withServer(
            configuration,
            respond: { _ in
                startedContinuation.yield()
                try await Task.sleep(for: .seconds(300))
                return textResponse("never")
            }
        ) { server in
            let busy = try await RawConnection(port: server.port)
            try await busy.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            var startedIterator = started.makeAsyncIterator()
            await startedIterator.next()
            await server.shutDown()
            try await busy.readToEnd(timeout: .seconds(60))
            #expect(busy.isClosedByPeer)
        }
        // Far below the handler's 300 s, with room for the whole suite's CPU work sharing the machine's cores.
        #expect(ContinuousClock.now - begin < .seconds(100))
    }
}
