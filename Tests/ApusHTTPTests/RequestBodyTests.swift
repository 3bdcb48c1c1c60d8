import ApusHTTP
import HTTPTypes
import NIOCore
import Testing

@Suite("Request bodies")
struct RequestBodyTests {
    static func echo(_ request: HTTPServerRequest) async throws -> Response {
        do {
            let body = try await request.body.collect()
            return textResponse(String(buffer: body))
        } catch is RequestBodyTooLargeError {
            return textResponse("too large", status: .contentTooLarge)
        }
    }

    @Test func contentLengthBodyReachesTheApplication() async throws {
        try await withServer(respond: { try await Self.echo($0) }) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nhello world")
            let responses = try await connection.readResponses(1)
            #expect(responses.first?.body == "hello world")
            await connection.close()
        }
    }

    @Test func chunkedBodyReachesTheApplication() async throws {
        try await withServer(respond: { try await Self.echo($0) }) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send(
                "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n")
            let responses = try await connection.readResponses(1)
            #expect(responses.first?.body == "hello world")
            await connection.close()
        }
    }

    @Test func bodyStreamsInPiecesAsTheClientSendsThem() async throws {
        let (firstPiece, firstPieceSeen) = AsyncStream.makeStream(of: String.self)
        try await withServer(respond: { request in
            var pieces: [String] = []
            for try await buffer in request.body {
                pieces.append(String(buffer: buffer))
                firstPieceSeen.yield(pieces[0])
            }
            return textResponse(pieces.joined())
        }) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nfirst\r\n")
            var seen = firstPiece.makeAsyncIterator()
            // The application sees the first piece while the client has not finished sending.
            #expect(await seen.next() == "first")
            try await connection.send("4\r\nlast\r\n0\r\n\r\n")
            let responses = try await connection.readResponses(1)
            #expect(responses.first?.body == "firstlast")
            await connection.close()
        }
    }

    @Test func expectContinueIsAnsweredWhenTheBodyIsRead() async throws {
        try await withServer(respond: { try await Self.echo($0) }) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n")
            try await connection.read { $0.contains("100 Continue") }
            #expect(connection.text == "HTTP/1.1 100 Continue\r\n\r\n")
            try await connection.send("data")
            let responses = try await connection.readResponses(1)
            #expect(responses.first?.body == "data")
            await connection.close()
        }
    }

    @Test func expectContinueIsNotSentWhenTheBodyIsNotRead() async throws {
        try await withServer(respond: { _ in textResponse("no thanks", status: .unauthorized) }) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n")
            let text = try await connection.readToEnd()
            #expect(!text.contains("100 Continue"))
            #expect(RawResponse.parseAll(text).first?.status == 401)
        }
    }

    @Test func declaredBodyOverTheLimitGets413AndTheConnectionCloses() async throws {
        let configuration = testConfiguration { $0.maxBodySize = 1024 }
        try await withServer(configuration, respond: { try await Self.echo($0) }) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n" + String(repeating: "a", count: 4096))
            let text = try await connection.readToEnd()
            let response = try #require(RawResponse.parseAll(text).first)
            #expect(response.status == 413)
            #expect(response.header("connection") == "close")
        }
    }

    @Test func chunkedBodyOverTheLimitGets413AndTheConnectionCloses() async throws {
        let configuration = testConfiguration { $0.maxBodySize = 8 }
        try await withServer(configuration, respond: { try await Self.echo($0) }) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send(
                "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n")
            let text = try await connection.readToEnd()
            let response = try #require(RawResponse.parseAll(text).first)
            #expect(response.status == 413)
            #expect(response.header("connection") == "close")
        }
    }
}
