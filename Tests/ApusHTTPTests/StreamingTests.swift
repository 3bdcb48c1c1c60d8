import ApusHTTP
import HTTPTypes
import NIOCore
import Synchronization
import Testing

@Suite("Streaming responses")
struct StreamingTests {
    @Test func firstChunkArrivesBeforeTheStreamEnds() async throws {
        let (release, releaseContinuation) = AsyncStream.makeStream(of: Void.self)
        try await withServer(respond: { _ in
            Response(
                status: .ok,
                body: ResponseBody { writer in
                    try await writer.write(ByteBuffer(string: "first"))
                    // Hold the stream open until the test has seen the first chunk.
                    var iterator = release.makeAsyncIterator()
                    _ = await iterator.next()
                    try await writer.write(ByteBuffer(string: "second"))
                })
        }) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            let partial = try await connection.read { $0.contains("first") }
            #expect(partial.contains("5\r\nfirst\r\n"))
            #expect(!partial.contains("second"))
            releaseContinuation.yield()
            let responses = try await connection.readResponses(1)
            #expect(responses.first?.body == "firstsecond")
            await connection.close()
        }
    }

    @Test func clientDisconnectCancelsTheProducer() async throws {
        let (events, eventContinuation) = AsyncStream.makeStream(of: String.self)
        try await withServer(respond: { _ in
            let ticks = AsyncThrowingStream<ByteBuffer, any Error> { continuation in
                let producer = Task {
                    do {
                        while true {
                            continuation.yield(ByteBuffer(string: "tick\n"))
                            try await Task.sleep(for: .milliseconds(20))
                        }
                    } catch {
                        eventContinuation.yield("producer cancelled")
                        continuation.finish(throwing: error)
                    }
                }
                continuation.onTermination = { _ in producer.cancel() }
            }
            return Response(status: .ok, body: ResponseBody(asyncSequence: ticks))
        }) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            try await connection.read { $0.contains("tick") }
            await connection.close()
            let event = try await withDeadline(.now + .seconds(5)) {
                var iterator = events.makeAsyncIterator()
                return await iterator.next()
            }
            #expect(event == "producer cancelled")
        }
    }
}

/// Runs `operation`, or gives up with `nil` after the deadline.
func withDeadline<T: Sendable>(
    _ deadline: ContinuousClock.Instant,
    _ operation: @escaping @Sendable () async -> T?
) async throws -> T? {
    await withTaskGroup(of: T?.self) { group in
        group.addTask { await operation() }
        group.addTask {
            try? await Task.sleep(until: deadline, clock: .continuous)
            return nil
        }
        let first = await group.next() ?? nil
        group.cancelAll()
        return first
    }
}
