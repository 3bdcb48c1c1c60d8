import ApusHTTP
import ApusTesting
import HTTPTypes
import NIOCore
import Synchronization
import Testing

/// A responder that reads the whole body and lets a read failure escape, as an application does.
private func collectingResponder(_ request: HTTPServerRequest) async throws -> Response {
    let body = try await request.body.collect()
    return textResponse("read \(body.readableBytes)")
}

/// Counts the requests a responder has started.
private final class RequestCounter: Sendable {
    let count = Atomic<Int>(0)
    func increment() { self.count.add(1, ordering: .relaxed) }
    var value: Int { self.count.load(ordering: .relaxed) }
}

/// Timed against the server's body timeouts: run alone in CI (`IsolatedTests`), where the parallel suite's load
/// cannot stretch them.
@Suite("Hostile clients: bodies that never come", .enabled(if: IsolatedTests.run))
struct SlowBodyTests {
    @Test func bodyTricklingBelowTheMinimumRateGets408AndClose() async throws {
        let configuration = testConfiguration {
            $0.minimumBodyDataRate = MinimumDataRate(bytesPerSecond: 100, gracePeriod: .milliseconds(500))
        }
        try await withServer(configuration, respond: collectingResponder) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n")
            // One byte every 100 ms is 10 bytes/s: the server must not wait for the other 90.
            for _ in 0..<40 where !connection.isClosedByPeer {
                try? await connection.send("a")
                try await Task.sleep(for: .milliseconds(100))
            }
            let text = try await connection.readToEnd(timeout: .seconds(5))
            let response = try #require(RawResponse.parseAll(text).first)
            #expect(response.statusLine == "HTTP/1.1 408 Request Timeout")
            #expect(response.header("connection") == "close")
            #expect(connection.isClosedByPeer)
        }
    }

    @Test func declaredBodyThatNeverArrivesGets408() async throws {
        let configuration = testConfiguration { $0.bodyReadTimeout = .milliseconds(300) }
        try await withServer(configuration, respond: collectingResponder) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n")
            let text = try await connection.readToEnd(timeout: .seconds(5))
            #expect(RawResponse.parseAll(text).first?.status == 408)
            #expect(connection.isClosedByPeer)
        }
    }

    @Test func expectContinueWithoutBodyGets100Then408() async throws {
        let configuration = testConfiguration { $0.bodyReadTimeout = .milliseconds(300) }
        try await withServer(configuration, respond: collectingResponder) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
            let text = try await connection.readToEnd(timeout: .seconds(5))
            #expect(text.hasPrefix("HTTP/1.1 100 Continue\r\n\r\n"))
            #expect(RawResponse.parseAll(text).first?.status == 408)
            #expect(connection.isClosedByPeer)
        }
    }

    @Test func unreadBodyThatNeverArrivesDoesNotHoldTheConnection() async throws {
        // The application answers without reading; the server then drains the small declared body, and that
        // drain is held to the same timeout.
        let configuration = testConfiguration { $0.bodyReadTimeout = .milliseconds(300) }
        try await withServer(configuration, respond: { _ in textResponse("ignored") }) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n")
            let text = try await connection.readToEnd(timeout: .seconds(5))
            #expect(RawResponse.parseAll(text).first?.body == "ignored")
            #expect(connection.isClosedByPeer)
        }
    }

    @Test func slowApplicationIsNotMistakenForASlowClient() async throws {
        // Time counts only while the application waits for bytes: a body that arrived at once is never late.
        let configuration = testConfiguration {
            $0.bodyReadTimeout = .milliseconds(200)
            $0.minimumBodyDataRate = MinimumDataRate(bytesPerSecond: 1000, gracePeriod: .milliseconds(100))
        }
        try await withServer(
            configuration,
            respond: { request in
                try await Task.sleep(for: .milliseconds(500))
                return try await collectingResponder(request)
            }
        ) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello")
            let responses = try await connection.readResponses(1)
            #expect(responses.first?.body == "read 5")
            await connection.close()
        }
    }
}

/// Timed against the server's write timeout and socket buffers: run alone in CI (`IsolatedTests`).
@Suite("Hostile clients: responses that are never read", .enabled(if: IsolatedTests.run))
struct UnreadResponseTests {
    @Test func pipelinedRequestsWhoseAnswersAreNeverReadAreNotAllServed() async throws {
        let counter = RequestCounter()
        let answer = String(repeating: "x", count: 256 * 1024)
        try await withServer(respond: { _ in
            counter.increment()
            return textResponse(answer)
        }) { server in
            let socket = try NonReadingSocket(port: server.port)
            let requests = 400
            let sent = socket.sendWithoutBlocking(String(repeating: "GET / HTTP/1.1\r\nHost: x\r\n\r\n", count: requests))
            #expect(sent > 0)
            try await Task.sleep(for: .seconds(1))
            // 400 answers are 100 MiB; the socket buffers hold a few MiB. The server stops reading instead of
            // queueing the rest in memory.
            #expect(counter.value < 100)
            #expect(counter.value > 0)
        }
    }

    @Test func clientThatNeverReadsIsClosedAfterTheWriteTimeout() async throws {
        let configuration = testConfiguration { $0.responseWriteTimeout = .milliseconds(300) }
        let answer = String(repeating: "x", count: 256 * 1024)
        try await withServer(configuration, respond: { _ in textResponse(answer) }) { server in
            let socket = try NonReadingSocket(port: server.port)
            socket.sendWithoutBlocking(String(repeating: "GET / HTTP/1.1\r\nHost: x\r\n\r\n", count: 100))
            // Long enough that even a server slowed by the parallel suite fills the socket buffers and then waits
            // past its 300 ms write timeout (after 1 s a loaded debug build was seen still producing answers).
            try await Task.sleep(for: .seconds(3))
            let outcome = await socket.readToEnd(timeoutSeconds: 5)
            #expect(outcome.closed)
            #expect(outcome.bytes.count < 100 * answer.utf8.count)
        }
    }

    @Test func halfClosedClientGetsItsResponse() async throws {
        try await withServer(respond: { request in textResponse("answer for \(request.head.path ?? "")") }) { server in
            for _ in 0..<20 {
                let socket = try NonReadingSocket(port: server.port, receiveBuffer: 65536)
                socket.sendWithoutBlocking("GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n")
                socket.shutDownSending()
                let outcome = await socket.readToEnd()
                let responses = RawResponse.parseAll(String(decoding: outcome.bytes, as: UTF8.self))
                #expect(responses.map(\.body) == ["answer for /a", "answer for /b"])
                #expect(outcome.closed)
            }
        }
    }

    @Test func halfClosedClientGetsAStreamedResponse() async throws {
        try await withServer(respond: { _ in
            Response(
                status: .ok,
                body: ResponseBody { writer in
                    for index in 0..<3 {
                        try await Task.sleep(for: .milliseconds(50))
                        try await writer.write(ByteBuffer(string: "part\(index);"))
                    }
                }
            )
        }) { server in
            let socket = try NonReadingSocket(port: server.port, receiveBuffer: 65536)
            socket.sendWithoutBlocking("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            socket.shutDownSending()
            let outcome = await socket.readToEnd()
            let responses = RawResponse.parseAll(String(decoding: outcome.bytes, as: UTF8.self))
            #expect(responses.first?.body == "part0;part1;part2;")
        }
    }
}

@Suite("Hostile clients: framing")
struct HostileFramingTests {
    /// Sends `request` to a server whose application reads the body, and returns the first response.
    private func firstResponse(
        to request: String, respond: (@Sendable (HTTPServerRequest) async throws -> Response)? = nil
    ) async throws
        -> RawResponse?
    {
        var result: RawResponse?
        try await withServer(respond: respond ?? collectingResponder) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send(request)
            let text = try await connection.readToEnd(timeout: .seconds(5))
            #expect(connection.isClosedByPeer, "connection left open after \(request.debugDescription)")
            result = RawResponse.parseAll(text).first
        }
        return result
    }

    static let malformedChunks: [String] = [
        "zz\r\nhello\r\n0\r\n\r\n",
        "-1\r\nhello\r\n0\r\n\r\n",
        "0x5\r\nhello\r\n0\r\n\r\n",
        " 5\r\nhello\r\n0\r\n\r\n",
        "\r\nhello\r\n0\r\n\r\n",
        "123456789012345678\r\nhello\r\n0\r\n\r\n",
        "5;\u{01}\r\nhello\r\n0\r\n\r\n",
        "5\r\nhelloXX0\r\n\r\n",
        "5\r\nhello\r\n0\r\nContent-Length: 5\r\n\r\n",
        "5\r\nhello\r\n0\r\nTransfer-Encoding: chunked\r\n\r\n",
    ]

    @Test(arguments: malformedChunks)
    func malformedChunkedBodyGets400(_ body: String) async throws {
        let response = try await self.firstResponse(to: "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + body)
        #expect(response?.statusLine == "HTTP/1.1 400 Bad Request")
        #expect(response?.body == "Invalid HTTP request received.")
    }

    @Test func malformedBodyGets400EvenWhenTheApplicationSwallowsTheError() async throws {
        let response = try await self.firstResponse(
            to: "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
            respond: { request in
                _ = try? await request.body.collect()
                return textResponse("fine")
            }
        )
        #expect(response?.status == 400)
    }

    static let refusedTransferEncodings: [(String, Int)] = [
        ("identity", 400), ("chunkedx", 400), ("chunked;q=1", 400), ("\"chunked\"", 400), ("", 400), (" ", 400),
        ("chunked, chunked", 400), (",chunked", 400), ("gzip", 501), ("gzip, chunked", 501), ("deflate", 501),
    ]

    @Test(arguments: refusedTransferEncodings)
    func transferEncodingOtherThanChunkedIsRefused(_ coding: String, _ status: Int) async throws {
        let response = try await self.firstResponse(
            to: "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: \(coding)\r\n\r\n5\r\nhello\r\n0\r\n\r\n")
        #expect(response?.status == status, "Transfer-Encoding: \(coding)")
    }

    @Test func emptyTransferEncodingDoesNotSmuggleASecondRequest() async throws {
        for extra in ["", "Content-Length: 34\r\n"] {
            let counter = RequestCounter()
            try await withServer(respond: { request in
                counter.increment()
                return textResponse("served \(request.head.path ?? "")")
            }) { server in
                let connection = try await RawConnection(port: server.port)
                try await connection.send(
                    "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding:\r\n\(extra)\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n")
                let text = try await connection.readToEnd(timeout: .seconds(5))
                let responses = RawResponse.parseAll(text)
                #expect(responses.map(\.status) == [400])
                #expect(!text.contains("smuggled"))
                #expect(counter.value == 0)
            }
        }
    }

    @Test(arguments: ["9223372036854775808", "18446744073709551615", "18446744073709551616", "1e3", "+5", "5 5", "-1"])
    func contentLengthOutOfRangeOrMalformedGets400AtOnce(_ length: String) async throws {
        for method in ["POST", "GET"] {
            let response = try await self.firstResponse(
                to: "\(method) / HTTP/1.1\r\nHost: x\r\nContent-Length: \(length)\r\n\r\nGET /next HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(response?.status == 400, "\(method) with Content-Length: \(length)")
        }
    }

    @Test func conflictingContentLengthsGet400() async throws {
        let response = try await self.firstResponse(to: "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5, 6\r\n\r\nhello!")
        #expect(response?.status == 400)
    }
}

@Suite("Hostile clients: head size")
struct HostileHeadSizeTests {
    @Test func headLargerThanTheLimitGets431EvenInOneRead() async throws {
        try await withServer(respond: { _ in textResponse("never") }) { server in
            let connection = try await RawConnection(port: server.port)
            let head =
                "GET / HTTP/1.1\r\nHost: x\r\n"
                + (0..<60).map { "X-Filler-\($0): " + String(repeating: "f", count: 1000) + "\r\n" }.joined() + "\r\n"
            try await connection.send(head)
            let text = try await connection.readToEnd(timeout: .seconds(5))
            #expect(RawResponse.parseAll(text).first?.status == 431)
        }
    }

    @Test func tensOfThousandsOfHeaderFieldsGet431NotACrash() async throws {
        // swift-http-types traps past 65,535 fields; a generous maxHeadSize must not let a head get there.
        let configuration = testConfiguration { $0.maxHeadSize = 1024 * 1024 }
        try await withServer(configuration, respond: { _ in textResponse("never") }) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send("GET / HTTP/1.1\r\nHost: x\r\n" + String(repeating: "a:\r\n", count: 70_000) + "\r\n")
            let text = try await connection.readToEnd(timeout: .seconds(10))
            #expect(RawResponse.parseAll(text).first?.status == 431)
            let next = try await RawConnection(port: server.port)
            try await next.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try await next.readResponses(1).first?.body == "never")
            await next.close()
        }
    }

    @Test func drainedBodyDoesNotCountTowardsTheNextHead() async throws {
        let configuration = testConfiguration { $0.maxHeadSize = 1024 }
        try await withServer(configuration, respond: { request in textResponse("served \(request.head.path ?? "")") }) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 4000\r\n\r\n")
            _ = try await connection.read { $0.contains("served /upload") }
            try await connection.send(String(repeating: "b", count: 4000))
            try await connection.send("GET /next HTTP/1.1\r\nHost: x\r\n\r\n")
            let responses = try await connection.readResponses(2)
            #expect(responses.map(\.body) == ["served /upload", "served /next"])
            await connection.close()
        }
    }
}

@Suite("Hostile clients: upgrade, Host and forwarded headers")
struct HostileHeaderTests {
    @Test func requestPipelinedAfterAnIgnoredUpgradeIsAnswered() async throws {
        try await withServer(respond: { request in textResponse("served \(request.head.path ?? "")") }) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send(
                "GET /first HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\nGET /second HTTP/1.1\r\nHost: x\r\n\r\n"
            )
            let responses = try await connection.readResponses(2)
            #expect(responses.map(\.body) == ["served /first", "served /second"])
            // And a third, sent after the answers, on the same connection.
            try await connection.send("GET /third HTTP/1.1\r\nHost: x\r\n\r\n")
            let all = try await connection.readResponses(3)
            #expect(all.last?.body == "served /third")
            await connection.close()
        }
    }

    @Test func upgradeRequestWithABodyThenAPipelinedRequest() async throws {
        try await withServer(respond: collectingResponder) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send(
                "POST /a HTTP/1.1\r\nHost: x\r\nConnection: upgrade\r\nUpgrade: h2c\r\nContent-Length: 3\r\n\r\nabcGET /b HTTP/1.1\r\nHost: x\r\n\r\n"
            )
            let responses = try await connection.readResponses(2)
            #expect(responses.map(\.body) == ["read 3", "read 0"])
            await connection.close()
        }
    }

    static let invalidHosts = ["evil.com/x?", "127.0.0.1@evil.com", "a b", "x:80:80", "x:port", "[::1", "evil.com#", "x:123456"]

    @Test(arguments: invalidHosts)
    func invalidHostGets400(_ host: String) async throws {
        try await withServer(respond: { _ in textResponse("never") }) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send("GET /health HTTP/1.1\r\nHost: \(host)\r\n\r\n")
            let text = try await connection.readToEnd(timeout: .seconds(5))
            #expect(RawResponse.parseAll(text).first?.status == 400, "Host: \(host)")
        }
    }

    @Test(arguments: [
        "GET / HTTP/1.1\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n",
        "GET http://a.example@evil.com/ HTTP/1.1\r\nHost: a.example\r\n\r\n",
    ])
    func missingDuplicateOrInvalidAuthorityGets400(_ request: String) async throws {
        try await withServer(respond: { _ in textResponse("never") }) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send(request)
            let text = try await connection.readToEnd(timeout: .seconds(5))
            #expect(RawResponse.parseAll(text).first?.status == 400, "\(request.debugDescription)")
        }
    }

    @Test func validHostsAreServed() async throws {
        try await withServer(respond: { request in textResponse(request.head.authority ?? "none") }) { server in
            let connection = try await RawConnection(port: server.port)
            let hosts = ["example.com", "example.com:8000", "127.0.0.1:80", "[::1]:8000", "xn--bcher-kva.example", ""]
            for host in hosts {
                try await connection.send("GET / HTTP/1.1\r\nHost: \(host)\r\n\r\n")
            }
            // HTTP/1.0 needs no Host.
            try await connection.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            let responses = try await connection.readResponses(hosts.count + 1)
            #expect(responses.map(\.body) == hosts + ["none"])
            await connection.close()
        }
    }

    @Test func absoluteFormAuthorityWinsOverHost() async throws {
        try await withServer(respond: { request in textResponse("\(request.head.authority ?? "none") \(request.head.path ?? "")") }) {
            server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send("GET http://good.example:8080/items?q=1 HTTP/1.1\r\nHost: other.example\r\n\r\n")
            let responses = try await connection.readResponses(1)
            #expect(responses.first?.body == "good.example:8080 /items?q=1")
            await connection.close()
        }
    }

    @Test func forwardedForThatIsNotAnAddressIsIgnored() async throws {
        try await withServer(respond: { request in textResponse(request.connection.clientHost ?? "none") }) { server in
            let connection = try await RawConnection(port: server.port)
            for value in ["evil", "\"evil\" - \"GET /admin HTTP/1.1\" 200", "10.0.0.1", "2001:db8::1", "10.0.0.1, 999.1.1.1"] {
                try await connection.send("GET / HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: \(value)\r\n\r\n")
            }
            let responses = try await connection.readResponses(5)
            #expect(responses.map(\.body) == ["127.0.0.1", "127.0.0.1", "10.0.0.1", "2001:db8::1", "127.0.0.1"])
            await connection.close()
        }
    }
}

@Suite("Hostile clients: shutdown")
struct HostileShutdownTests {
    @Test func connectionHoldingAPartialHeadIsClosedAtOnceOnShutdown() async throws {
        let start = ContinuousClock.now
        let configuration = testConfiguration { $0.headerReadTimeout = .seconds(300) }
        try await withServer(configuration, respond: { _ in textResponse("never") }) { server in
            let connection = try await RawConnection(port: server.port)
            try await connection.send("GET / HTTP/1.1\r\nHost: x\r\nX-Partial")
            try await Task.sleep(for: .milliseconds(100))
            await server.shutDown()
            try await connection.readToEnd(timeout: .seconds(60))
            #expect(connection.isClosedByPeer)
        }
        // The header-read timeout is 300 s; shutdown must not wait for it (the bound leaves room for the whole
        // suite's CPU work sharing the machine's cores).
        #expect(ContinuousClock.now - start < .seconds(100))
    }
}
