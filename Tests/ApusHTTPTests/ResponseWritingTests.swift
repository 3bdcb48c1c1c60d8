import ApusHTTP
import Foundation
import HTTPTypes
import NIOCore
import Testing

@Suite("Writing responses")
struct ResponseWritingTests {
    @Test func dateAndServerHeadersComeFirst() async throws {
        try await withServer(respond: { _ in textResponse("x") }) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            let response = try #require(try await connection.readResponses(1).first)
            #expect(response.headers.map(\.0) == ["date", "server", "content-length", "content-type"])
            #expect(response.header("server") == "apus")
            // IMF-fixdate, e.g. "Sat, 21 Nov 2026 16:11:55 GMT".
            let date = try #require(response.header("date"))
            #expect(date.count == 29 && date.hasSuffix(" GMT"))
            await connection.close()
        }
    }

    @Test func dateAndServerHeadersCanBeSwitchedOff() async throws {
        let configuration = testConfiguration {
            $0.serverHeader = nil
            $0.dateHeader = false
        }
        try await withServer(configuration, respond: { _ in textResponse("x") }) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            let response = try #require(try await connection.readResponses(1).first)
            #expect(response.headers.map(\.0) == ["content-length", "content-type"])
            await connection.close()
        }
    }

    @Test func staleContentLengthIsRewrittenToTheRealLength() async throws {
        try await withServer(respond: { _ in
            Response(status: .ok, headers: [.contentLength: "999"], body: ResponseBody(string: "four"))
        }) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            let response = try #require(try await connection.readResponses(1).first)
            #expect(response.header("content-length") == "4")
            #expect(response.body == "four")
            await connection.close()
        }
    }

    @Test func headRequestGetsHeadersWithoutBody() async throws {
        try await withServer(respond: { _ in textResponse("a body of 17 bytes") }) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send("HEAD / HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n")
            try await connection.read { $0.components(separatedBy: "HTTP/1.1 200").count == 3 && $0.hasSuffix("bytes") }
            let text = connection.text
            let firstEnd = try #require(text.range(of: "\r\n\r\n"))
            // Right after the HEAD response's head comes the GET response: no body in between.
            #expect(text[firstEnd.upperBound...].hasPrefix("HTTP/1.1 200 OK"))
            #expect(text[..<firstEnd.lowerBound].contains("content-length: 18"))
            await connection.close()
        }
    }

    @Test func noContentResponseHasNoBodyOrLength() async throws {
        try await withServer(respond: { _ in Response(status: .noContent, body: ResponseBody(string: "ignored")) }) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            try await connection.read { $0.hasSuffix("\r\n\r\n") }
            #expect(!connection.text.contains("content-length"))
            #expect(connection.text.hasPrefix("HTTP/1.1 204 No Content\r\n"))
            await connection.close()
        }
    }

    @Test func streamOfUnknownLengthIsSentChunked() async throws {
        try await withServer(respond: { _ in
            Response(
                status: .ok,
                body: ResponseBody { writer in
                    try await writer.write(ByteBuffer(string: "hello "))
                    try await writer.write(ByteBuffer(string: "world"))
                })
        }) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            let response = try #require(try await connection.readResponses(1).first)
            #expect(response.header("transfer-encoding") == "chunked")
            #expect(response.body == "hello world")
            #expect(connection.text.hasSuffix("6\r\nhello \r\n5\r\nworld\r\n0\r\n\r\n"))
            await connection.close()
        }
    }

    @Test func streamOfKnownLengthIsSentWithContentLength() async throws {
        try await withServer(respond: { _ in
            Response(
                status: .ok,
                body: ResponseBody(contentLength: 5) { writer in
                    try await writer.write(ByteBuffer(string: "ab"))
                    try await writer.write(ByteBuffer(string: "cde"))
                })
        }) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            let response = try #require(try await connection.readResponses(1).first)
            #expect(response.header("content-length") == "5")
            #expect(response.header("transfer-encoding") == nil)
            #expect(response.body == "abcde")
            await connection.close()
        }
    }
}

@Suite("After-send work")
struct AfterSendTests {
    @Test func afterSendRunsOnceTheResponseIsOut() async throws {
        let (events, eventContinuation) = AsyncStream.makeStream(of: String.self)
        try await withServer(respond: { _ in
            var response = textResponse("sent")
            response.addAfterSend { eventContinuation.yield("first") }
            response.addAfterSend { eventContinuation.yield("second") }
            return response
        }) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try await connection.readResponses(1).first?.body == "sent")
            let seen = try await withDeadline(.now + .seconds(5)) {
                var iterator = events.makeAsyncIterator()
                let first = await iterator.next()
                let second = await iterator.next()
                return [first, second].compactMap { $0 }
            }
            #expect(seen == ["first", "second"])
            await connection.close()
        }
    }
}

@Suite("Body values")
struct BodyValueTests {
    @Test func mappedBodyCollectsTransformedBytes() async throws {
        let body = ResponseBody(string: "abc").map { buffer in ByteBuffer(string: String(buffer: buffer).uppercased()) }
        #expect(String(buffer: try await body.collect()) == "ABC")
        #expect(body.contentLength == nil)
    }

    @Test func collectWithExplicitLimitThrowsTheBodyError() async throws {
        let body = RequestBody(buffer: ByteBuffer(string: "0123456789"))
        await #expect(throws: RequestBodyTooLargeError(limit: 4)) { _ = try await body.collect(upTo: 4) }
        #expect(String(buffer: try await body.collect(upTo: 10)) == "0123456789")
    }

    @Test func collectFromAStreamStopsAtTheLimit() async throws {
        let chunks = AsyncStream<ByteBuffer> { continuation in
            for _ in 0..<4 { continuation.yield(ByteBuffer(string: "12345")) }
            continuation.finish()
        }
        let body = RequestBody(asyncSequence: chunks, defaultLimit: 12)
        await #expect(throws: RequestBodyTooLargeError(limit: 12)) { _ = try await body.collect() }
    }
}
