import ApusHTTP
import HTTPTypes
import NIOCore
import Testing

@Suite("Malformed and oversized requests")
struct ProtocolErrorTests {
    @Test func malformedRequestLineGets400PlainTextAndClose() async throws {
        try await withServer(respond: { _ in textResponse("never") }) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send("NOT A REQUEST\r\n\r\n")
            let text = try await connection.readToEnd()
            let response = try #require(RawResponse.parseAll(text).first)
            #expect(response.statusLine == "HTTP/1.1 400 Bad Request")
            // uvicorn's bytes, date and server aside.
            #expect(
                response.appHeaderLines == [
                    "content-type: text/plain; charset=utf-8", "content-length: 30", "connection: close",
                ]
            )
            #expect(response.body == "Invalid HTTP request received.")
        }
    }

    @Test func garbageBytesGet400() async throws {
        try await withServer(respond: { _ in textResponse("never") }) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send("\u{01}\u{02}\u{03}\r\n\r\n")
            let text = try await connection.readToEnd()
            #expect(RawResponse.parseAll(text).first?.status == 400)
        }
    }

    @Test func invalidChunkSizeGets400() async throws {
        try await withServer(respond: { request in
            _ = try? await request.body.collect()
            return textResponse("read")
        }) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n")
            let text = try await connection.readToEnd()
            #expect(!text.contains("HTTP/1.1 500"))
            #expect(connection.isClosedByPeer)
        }
    }

    @Test func oversizedHeadersGet431() async throws {
        let configuration = testConfiguration { $0.maxHeadSize = 1024 }
        try await withServer(configuration, respond: { _ in textResponse("never") }) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "b", count: 4000) + "\r\n\r\n")
            let text = try await connection.readToEnd()
            let response = try #require(RawResponse.parseAll(text).first)
            #expect(response.statusLine == "HTTP/1.1 431 Request Header Fields Too Large")
            #expect(response.header("connection") == "close")
        }
    }

    @Test func oversizedRequestLineGets431() async throws {
        let configuration = testConfiguration { $0.maxHeadSize = 1024 }
        try await withServer(configuration, respond: { _ in textResponse("never") }) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send("GET /" + String(repeating: "p", count: 4000) + " HTTP/1.1\r\nHost: x\r\n\r\n")
            let text = try await connection.readToEnd()
            #expect(RawResponse.parseAll(text).first?.status == 431)
        }
    }

    @Test func headJustUnderTheLimitIsServed() async throws {
        let configuration = testConfiguration { $0.maxHeadSize = 1024 }
        try await withServer(configuration, respond: { _ in textResponse("fine") }) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "b", count: 900) + "\r\n\r\n")
            let responses = try await connection.readResponses(1)
            #expect(responses.first?.status == 200)
            await connection.close()
        }
    }

    @Test func responderErrorGets500AndTheConnectionStaysUsable() async throws {
        struct Boom: Error {}
        try await withServer(respond: { request in
            if request.head.path == "/boom" { throw Boom() }
            return textResponse("ok")
        }) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send("GET /boom HTTP/1.1\r\nHost: x\r\n\r\nGET /ok HTTP/1.1\r\nHost: x\r\n\r\n")
            let responses = try await connection.readResponses(2)
            #expect(responses[0].statusLine == "HTTP/1.1 500 Internal Server Error")
            #expect(responses[0].appHeaderLines == ["content-type: text/plain; charset=utf-8", "content-length: 21"])
            #expect(responses[0].body == "Internal Server Error")
            #expect(responses[1].body == "ok")
            await connection.close()
        }
    }
}
