import ApusHTTP
import HTTPTypes
import NIOCore
import Testing

@Suite("Concurrency limit and proxy headers")
struct ServerPolicyTests {
    @Test func requestsOverTheConcurrencyLimitGet503() async throws {
        let configuration = testConfiguration { $0.concurrencyLimit = 1 }
        let (started, startedContinuation) = AsyncStream.makeStream(of: Void.self)
        let (release, releaseContinuation) = AsyncStream.makeStream(of: Void.self)
        try await withServer(
            configuration,
            respond: { request in
                if request.head.path == "/hold" {
                    startedContinuation.yield()
                    var iterator = release.makeAsyncIterator()
                    _ = await iterator.next()
                }
                return textResponse("ok")
            }
        ) { server in
            let holder = try await RawConnection(port: server.port)
            try await holder.send("GET /hold HTTP/1.1\r\nHost: x\r\n\r\n")
            var startedIterator = started.makeAsyncIterator()
            await startedIterator.next()

            let rejected = try await RawConnection(port: server.port)
            try await rejected.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            let text = try await rejected.readToEnd()
            let response = try #require(RawResponse.parseAll(text).first)
            #expect(response.statusLine == "HTTP/1.1 503 Service Unavailable")
            #expect(response.appHeaderLines == ["content-type: text/plain; charset=utf-8", "content-length: 19", "connection: close"])
            #expect(response.body == "Service Unavailable")

            releaseContinuation.yield()
            #expect(try await holder.readResponses(1).first?.status == 200)
            // The slot is free again.
            let later = try await RawConnection(port: server.port)
            try await later.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try await later.readResponses(1).first?.status == 200)
            await holder.close()
            await later.close()
        }
    }

    static func describeConnection(_ request: HTTPServerRequest) -> Response {
        textResponse("\(request.connection.clientHost ?? "-") \(request.connection.scheme)")
    }

    @Test func forwardedHeadersFromATrustedProxyAreHonoured() async throws {
        try await withServer(respond: { Self.describeConnection($0) }) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send(
                "GET / HTTP/1.1\r\nHost: api.example.com\r\nX-Forwarded-For: 203.0.113.7\r\nX-Forwarded-Proto: https\r\n\r\n")
            #expect(try await connection.readResponses(1).first?.body == "203.0.113.7 https")
            await connection.close()
        }
    }

    @Test func forwardedHeadersFromAnUntrustedPeerAreIgnored() async throws {
        let configuration = testConfiguration { $0.forwardedAllowIPs = ["10.0.0.1"] }
        try await withServer(configuration, respond: { Self.describeConnection($0) }) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send("GET / HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 203.0.113.7\r\nX-Forwarded-Proto: https\r\n\r\n")
            #expect(try await connection.readResponses(1).first?.body == "127.0.0.1 http")
            await connection.close()
        }
    }

    @Test func clientIsTheRightmostUntrustedHop() async throws {
        try await withServer(respond: { Self.describeConnection($0) }) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send("GET / HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 1.1.1.1, 203.0.113.7, 127.0.0.1\r\n\r\n")
            #expect(try await connection.readResponses(1).first?.body == "203.0.113.7 http")
            await connection.close()
        }
    }

    @Test func rootPathIsPassedToTheApplication() async throws {
        let configuration = testConfiguration { $0.rootPath = "/api" }
        try await withServer(configuration, respond: { request in textResponse(request.connection.rootPath) }) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try await connection.readResponses(1).first?.body == "/api")
            await connection.close()
        }
    }
}
