import ApusHTTP
import HTTPTypes
import NIOCore
import Testing

@Suite("Timeouts")
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
            for index in 0..<20 where !slow.isClosedByPeer {
                try? await slow.send("X-Drip-\(index): y\r\n")
                try await Task.sleep(for: .milliseconds(100))
            }
            try await slow.readToEnd(timeout: .seconds(3))
            let elapsed = ContinuousClock.now - start
            #expect(slow.isClosedByPeer)
            #expect(elapsed < .seconds(2))
            #expect(!slow.text.contains("served"))
            await other.close()
        }
    }

    @Test func idleKeepAliveConnectionIsClosed() async throws {
        let configuration = testConfiguration { $0.keepAliveTimeout = .milliseconds(300) }
        try await withServer(configuration, respond: { _ in textResponse("ok") }) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            _ = try await connection.readResponses(1)
            try await connection.readToEnd(timeout: .seconds(3))
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
