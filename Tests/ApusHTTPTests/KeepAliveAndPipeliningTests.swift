import ApusHTTP
import HTTPTypes
import NIOCore
import Testing

@Suite("Keep-alive and pipelining")
struct KeepAliveAndPipeliningTests {
    @Test func keepAliveServesSeveralRequestsOnOneConnection() async throws {
        try await withServer(respond: { request in textResponse(request.head.path ?? "") }) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send("GET /one HTTP/1.1\r\nHost: x\r\n\r\n")
            _ = try await connection.readResponses(1)
            try await connection.send("GET /two HTTP/1.1\r\nHost: x\r\n\r\n")
            let responses = try await connection.readResponses(2)
            #expect(responses.map(\.body) == ["/one", "/two"])
            #expect(responses.allSatisfy { $0.header("connection") == nil })
            #expect(!connection.isClosedByPeer)
            await connection.close()
        }
    }

    @Test func pipelinedResponsesComeBackInRequestOrder() async throws {
        // The first request is the slowest: if responses were sent as they complete, /slow would come last.
        try await withServer(respond: { request in
            if request.head.path == "/slow" { try await Task.sleep(for: .milliseconds(200)) }
            return textResponse(request.head.path ?? "")
        }) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send(
                "GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "POST /body HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
                    + "GET /fast HTTP/1.1\r\nHost: x\r\n\r\n"
            )
            let responses = try await connection.readResponses(3)
            #expect(responses.map(\.body) == ["/slow", "/body", "/fast"])
            await connection.close()
        }
    }

    @Test func connectionCloseRequestIsHonoured() async throws {
        try await withServer(respond: { _ in textResponse("bye") }) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            let text = try await connection.readToEnd()
            let response = try #require(RawResponse.parseAll(text).first)
            #expect(response.header("connection") == "close")
            #expect(response.body == "bye")
        }
    }

    @Test func http10WithoutKeepAliveIsClosedAfterTheResponse() async throws {
        try await withServer(respond: { _ in textResponse("old") }) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send("GET / HTTP/1.0\r\n\r\n")
            let text = try await connection.readToEnd()
            #expect(text.hasPrefix("HTTP/1.1 200 OK\r\n"))
            #expect(text.hasSuffix("\r\n\r\nold"))
        }
    }

    @Test func unreadSmallBodyIsDrainedAndTheConnectionKept() async throws {
        try await withServer(respond: { _ in textResponse("ignored the body") }) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabcGET /b HTTP/1.1\r\nHost: x\r\n\r\n")
            let responses = try await connection.readResponses(2)
            #expect(responses.count == 2)
            #expect(!connection.isClosedByPeer)
            await connection.close()
        }
    }
}
