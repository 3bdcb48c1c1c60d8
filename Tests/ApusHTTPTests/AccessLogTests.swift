import ApusHTTP
import ApusTesting
import HTTPTypes
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization
import Testing

@Suite("Access log")
struct AccessLogTests {
    @Test func eachRequestLogsOneLineWithMethodPathStatusDurationAndClient() async throws {
        let logs = RecordedLogs()
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        var configuration = testConfiguration()
        configuration.accessLog = true
        let server = HTTPServer(
            configuration: configuration,
            responder: ClosureResponder { request in
                textResponse("hi", status: request.head.path == "/missing" ? .notFound : .ok)
            },
            logger: logs.logger(),
            onServerRunning: { portContinuation.yield($0) }
        )
        let group = ServiceGroup(services: [server], logger: logs.logger())
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var portIterator = ports.makeAsyncIterator()
            let port = try #require(await portIterator.next())
            let connection = try await RawConnection(port: port)
            try await connection.send(
                "GET /items?q=1 HTTP/1.1\r\nHost: x\r\n\r\nPOST /missing HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
            _ = try await connection.readResponses(2)
            await connection.close()
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        let accessLines = logs.all.filter { $0.metadata["status"] != nil }
        #expect(accessLines.count == 2)
        #expect(accessLines.map { $0.metadata["method"] } == ["GET", "POST"])
        #expect(accessLines.map { $0.metadata["path"] } == ["/items?q=1", "/missing"])
        #expect(accessLines.map { $0.metadata["status"] } == ["200", "404"])
        #expect(accessLines.allSatisfy { $0.metadata["client"]?.hasPrefix("127.0.0.1:") == true })
        #expect(accessLines.allSatisfy { Double($0.metadata["duration_ms"] ?? "") != nil })
        #expect(accessLines.first?.message.contains("\"GET /items?q=1 HTTP/1.1\" 200") == true)
    }

    @Test func accessLogCanBeSwitchedOff() async throws {
        let logs = RecordedLogs()
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let server = HTTPServer(
            configuration: testConfiguration(),
            responder: ClosureResponder { _ in textResponse("hi") },
            logger: logs.logger(),
            onServerRunning: { portContinuation.yield($0) }
        )
        let group = ServiceGroup(services: [server], logger: logs.logger())
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var portIterator = ports.makeAsyncIterator()
            let port = try #require(await portIterator.next())
            let connection = try await RawConnection(port: port)
            try await connection.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            _ = try await connection.readResponses(1)
            await connection.close()
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        #expect(logs.all.filter { $0.metadata["status"] != nil }.isEmpty)
    }
}
