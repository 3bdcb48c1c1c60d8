import ApusHTTP
import HTTPTypes
import NIOCore
import Synchronization
import Testing

/// A response's after-send work (background tasks, request-scoped cleanup) runs once the response is out, beside
/// the connection's next request, and holds the server's shutdown and concurrency limit until it is done.
@Suite("After-send work")
struct AfterSendWorkTests {
    /// Records events from any task, in order.
    final class Events: Sendable {
        private let list = Mutex<[String]>([])
        func record(_ event: String) { self.list.withLock { $0.append(event) } }
        var all: [String] { self.list.withLock { $0 } }

        /// Waits (up to `timeout`: long, for a suite that shares two cores) until `event` was recorded.
        func wait(for event: String, timeout: Duration = .seconds(60)) async throws -> Bool {
            let deadline = ContinuousClock.now + timeout
            while !self.all.contains(event) {
                guard ContinuousClock.now < deadline else { return false }
                try await Task.sleep(for: .milliseconds(5))
            }
            return true
        }
    }

    /// `/slow-work`'s after-send work records "work:start", waits for "release", then records "work:end".
    static func respond(_ events: Events) -> @Sendable (HTTPServerRequest) async throws -> Response {
        { request in
            var response = textResponse("answered \(request.head.path ?? "")")
            if request.head.path == "/endless-work" {
                response.addAfterSend {
                    events.record("work:start")
                    do {
                        try await Task.sleep(for: .seconds(300))
                        events.record("work:end")
                    } catch {
                        events.record("work:cancelled")
                    }
                }
            }
            if request.head.path == "/slow-work" {
                response.addAfterSend {
                    events.record("work:start")
                    _ = try? await events.wait(for: "release")
                    events.record("work:end")
                }
            }
            return response
        }
    }

    @Test func theNextRequestOnTheConnectionIsAnsweredWhileTheWorkRuns() async throws {
        let events = Events()
        try await withServer(respond: Self.respond(events)) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send("GET /slow-work HTTP/1.1\r\nHost: x\r\n\r\n")
            let first = try await connection.readResponses(1)
            #expect(first.first?.body == "answered /slow-work")
            #expect(try await events.wait(for: "work:start"))
            try await connection.send("GET /next HTTP/1.1\r\nHost: x\r\n\r\n")
            let second = try await connection.readResponses(2)
            #expect(second.last?.body == "answered /next")
            #expect(!events.all.contains("work:end"), "the second answer did not wait for the first's work")
            events.record("release")
            #expect(try await events.wait(for: "work:end"))
        }
    }

    @Test func aClosingConnectionIsClosedBeforeTheWorkRuns() async throws {
        let events = Events()
        try await withServer(respond: Self.respond(events)) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send("GET /slow-work HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            let text = try await connection.readToEnd()
            #expect(connection.isClosedByPeer)
            #expect(RawResponse.parseAll(text).first?.body == "answered /slow-work")
            #expect(!events.all.contains("work:end"), "the client saw the end before the work was done")
            events.record("release")
            #expect(try await events.wait(for: "work:end"))
        }
    }

    @Test func gracefulShutdownWaitsForTheWork() async throws {
        let events = Events()
        try await withServer(respond: Self.respond(events)) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send("GET /slow-work HTTP/1.1\r\nHost: x\r\n\r\n")
            _ = try await connection.readResponses(1)
            #expect(try await events.wait(for: "work:start"))
            let shutdown = Task {
                await server.shutDown()
            }
            // Released only after a moment, so a shutdown that did not wait would be seen finishing first.
            try await Task.sleep(for: .milliseconds(300))
            events.record("release")
            await shutdown.value
        }
        // `withServer` returns once the server's task has ended.
        #expect(events.all.suffix(2) == ["release", "work:end"])
    }

    @Test func theShutdownTimeoutCancelsWorkThatRunsTooLong() async throws {
        let events = Events()
        let configuration = testConfiguration { $0.gracefulShutdownTimeout = .milliseconds(200) }
        let begin = ContinuousClock.now
        try await withServer(configuration, respond: Self.respond(events)) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send("GET /endless-work HTTP/1.1\r\nHost: x\r\n\r\n")
            _ = try await connection.readResponses(1)
            #expect(try await events.wait(for: "work:start"))
        }
        // The work's 300 s sleep was cancelled; the bound leaves room for the whole suite's CPU work on two cores.
        #expect(events.all == ["work:start", "work:cancelled"])
        #expect(ContinuousClock.now - begin < .seconds(100))
    }

    @Test func aRequestHoldsTheConcurrencyLimitUntilItsWorkIsDone() async throws {
        let events = Events()
        let configuration = testConfiguration { $0.concurrencyLimit = 1 }
        try await withServer(configuration, respond: Self.respond(events)) { server in
            let first = try await RawConnection(port: server.port)
            try await first.send("GET /slow-work HTTP/1.1\r\nHost: x\r\n\r\n")
            _ = try await first.readResponses(1)
            #expect(try await events.wait(for: "work:start"))
            let second = try await RawConnection(port: server.port)
            try await second.send("GET /other HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try await second.readResponses(1).first?.status == 503)
            events.record("release")
            #expect(try await events.wait(for: "work:end"))
            let third = try await RawConnection(port: server.port)
            try await third.send("GET /other HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try await third.readResponses(1).first?.body == "answered /other")
        }
    }
}
