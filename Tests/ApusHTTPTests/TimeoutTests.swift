import ApusHTTP
import ApusTesting
import HTTPTypes
import NIOCore
import Testing

/// Timed against the server's head and keep-alive timeouts: run alone in CI (`IsolatedTests`); beside the parallel
/// suite on two cores a 400 ms timeout was seen to take 4 s to show.
@Suite("Timeouts", .enabled(if: IsolatedTests.run))
struct TimeoutTests {
    @Test func slowClientIsCutOffWhileOthersAreServed() async throws {
        let configuration = testConfiguration { $0.headerReadTimeout = .milliseconds(400) }
        try await withServer(configuration, respond: { _ in textResponse("served") }) { server in
            let slow = try await RawConnection(port: server.port)
            let start = ContinuousClock.now
            try await slow.send("GET / HTTP/1.1\r\n")
            // The slow client keeps trickling header bytes; meanwhile another client is served normally.
            let other = try await RawConnection(port: server.port)
            try await other.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try await other.readResponses(1).first?.body == "served")
            // Dripping would go on for 4 s; the 400 ms head timeout must end it well before, with room for a
            // loaded machine.
            for index in 0..<40 where !slow.isClosedByPeer {
                try? await slow.send("X-Drip-\(index): y\r\n")
                try await Task.sleep(for: .milliseconds(100))
            }
            try await slow.readToEnd(timeout: .seconds(5))
            let elapsed = ContinuousClock.now - start
            #expect(slow.isClosedByPeer)
            #expect(elapsed < .seconds(3))
            #expect(!slow.text.contains("served"))
            await other.close()
        }
    }

    @Test func idleKeepAliveConnectionIsClosed() async throws {
        // Long enough that a loaded machine still sends the request before the connection counts as idle (beside
        // the whole parallel suite on two cores, 1 s was seen to pass between connecting and sending).
        let configuration = testConfiguration { $0.keepAliveTimeout = .seconds(3) }
        try await withServer(configuration, respond: { _ in textResponse("ok") }) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            _ = try await connection.readResponses(1)
            try await connection.readToEnd(timeout: .seconds(10))
            #expect(connection.isClosedByPeer)
        }
    }

    @Test func connectionThatNeverSendsIsClosedAfterTheKeepAliveTimeout() async throws {
        let configuration = testConfiguration { $0.keepAliveTimeout = .milliseconds(300) }
        try await withServer(configuration, respond: { _ in textResponse("ok") }) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.readToEnd(timeout: .seconds(3))
            #expect(connection.isClosedByPeer)
        }
    }
}
