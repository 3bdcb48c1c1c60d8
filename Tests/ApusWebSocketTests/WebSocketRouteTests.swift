import Apus
import ApusTesting
import NIOCore
import Synchronization
import Testing
import WSClient

/// The room and token a WebSocket route read from its handshake.
@Schema
struct RoomToken {
    var room: String
    var token: String
}

/// A handshake-time dependency that refuses everyone (FastAPI's `HTTPException` in a websocket dependency).
struct Refuse: Dependency {
    static let provider = DependencyProvider { () throws -> Refuse in
        throw HTTPError(.forbidden, detail: "nope")
    }
}

/// A flag a test reads after the server ran a handler.
final class Flag: Sendable {
    private let value = Atomic(false)
    var isSet: Bool { self.value.load(ordering: .relaxed) }
    func set() { self.value.store(true, ordering: .relaxed) }
}

@Suite("WebSocket routes")
struct WebSocketRouteTests {
    static func echoApp() -> App {
        let app = App()
        app.websocket("/ws/echo") { ws in
            try await ws.accept()
            for try await message in ws.messages {
                try await ws.send(message)
            }
        }
        return app
    }

    @Test("text and binary messages are echoed, and the client's close is answered with 1000", arguments: [TestingMode.inProcess, .live])
    func echo(mode: TestingMode) async throws {
        try await Self.echoApp().test(mode) { client in
            let (replies, close) = try await client.webSocket("/ws/echo") { ws in
                try await ws.send(text: "héllo 🐦")
                try await ws.send(binary: ByteBuffer(bytes: [0, 1, 255]))
                try await ws.send(text: "")
                return [try await ws.receive(), try await ws.receive(), try await ws.receive()]
            }
            #expect(replies == [.text("héllo 🐦"), .binary(ByteBuffer(bytes: [0, 1, 255])), .text("")])
            #expect(close?.code == .normalClosure)
        }
    }

    @Test(
        "path, query and dependencies are extracted from the handshake (FastAPI: /ws/lobby?token=t1)",
        arguments: [TestingMode.inProcess, .live])
    func typedParameters(mode: TestingMode) async throws {
        let app = App()
        app.websocket("/ws/{room}", Path<String>("room"), Query<String>("token")) { ws, room, token in
            try await ws.accept()
            try await ws.send(json: RoomToken(room: room, token: token))
        }
        try await app.test(mode) { client in
            let (text, close) = try await client.webSocket("/ws/lobby?token=t1") { ws in try await ws.receiveText() }
            #expect(text == #"{"room":"lobby","token":"t1"}"#)
            #expect(close?.code == .normalClosure)
        }
    }

    @Test(
        "a handshake that does not validate is accepted and closed with 1008, the errors as the reason; the handler does not run",
        arguments: [TestingMode.inProcess, .live])
    func validationFailureCloses1008(mode: TestingMode) async throws {
        let ran = Flag()
        let app = App()
        app.websocket("/ws/{room}", Path<String>("room"), Query<Int>("token")) { ws, _, _ in
            ran.set()
            try await ws.accept()
        }
        try await app.test(mode) { client in
            let (message, close) = try await client.webSocket("/ws/lobby?token=x") { ws in try await ws.receive() }
            #expect(message == nil)
            #expect(close?.code == .policyViolation)
            // The error's JSON (126 bytes) does not fit in a close frame (123), so its message is the reason.
            #expect(close?.reason == "Input should be a valid integer, unable to parse string as an integer")
            let (_, missing) = try await client.webSocket("/ws/lobby") { ws in try await ws.receive() }
            #expect(missing?.reason == #"[{"type":"missing","loc":["query","token"],"msg":"Field required","input":null}]"#)
        }
        #expect(!ran.isSet)
    }

    @Test("an HTTPError from a dependency before accept is an HTTP denial response, as FastAPI's")
    func httpDenial() async throws {
        let app = App()
        app.websocket("/a", dependencies: [DependencyRequirement(Refuse.self)]) { ws in try await ws.accept() }
        app.websocket("/c", APIKey.header("x-key")) { ws, key in
            try await ws.send(text: "with key: \(key)")
        }
        app.websocket("/closed-early") { _ in throw WebSocketClose(code: .policyViolation, reason: "bad token") }
        app.websocket("/raises") { _ in throw HTTPError(.conflict, detail: "pay first") }
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let refused = try await RawWebSocketClient(port: port)
            let head = try await refused.handshake("/a")
            #expect(head.hasPrefix("HTTP/1.1 403 Forbidden\r\n"))
            // The refused handshake ends the connection (uvicorn's), rather than waiting for another request.
            #expect(head.contains("\r\nconnection: close\r\n"))
            #expect(String(decoding: try await refused.readToEnd(), as: UTF8.self) == #"{"detail":"nope"}"#)

            let noKey = try await RawWebSocketClient(port: port)
            let unauthenticated = try await noKey.handshake("/c")
            #expect(unauthenticated.hasPrefix("HTTP/1.1 401 Unauthorized\r\n"))
            #expect(String(decoding: try await noKey.readToEnd(), as: UTF8.self) == #"{"detail":"Not authenticated"}"#)
            let (text, _) = try await client.webSocket("/c", headers: [HTTPField.Name("x-key")!: "k1"]) { ws in try await ws.receiveText() }
            #expect(text == "with key: k1")

            let early = try await RawWebSocketClient(port: port)
            #expect(try await early.handshake("/closed-early").hasPrefix("HTTP/1.1 403 Forbidden\r\n"))
            let raising = try await RawWebSocketClient(port: port)
            #expect(try await raising.handshake("/raises").hasPrefix("HTTP/1.1 409 Conflict\r\n"))
            #expect(String(decoding: try await raising.readToEnd(), as: UTF8.self) == #"{"detail":"pay first"}"#)
        }
    }

    @Test("in process, the handshake reaches the route with host testserver, and a refusal is thrown with the server's answer")
    func inProcessHandshake() async throws {
        let app = App()
        app.websocket("/host", Header<String>("host"), Header<String?>("x-room")) { ws, host, room in
            try await ws.send(text: "\(host) \(room ?? "-")")
        }
        app.websocket("/refused", dependencies: [DependencyRequirement(Refuse.self)]) { ws in try await ws.accept() }
        try await app.test(.inProcess) { client in
            #expect(client.port == nil)
            let (text, close) = try await client.webSocket("/host", headers: [HTTPField.Name("x-room")!: "lobby"]) { ws in
                try await ws.receiveText()
            }
            #expect(text == "testserver lobby")
            #expect(close?.code == .normalClosure)
            let refused = try #require(await Self.denial(client, "/refused"))
            #expect(refused.status == .forbidden)
            #expect(refused.text == #"{"detail":"nope"}"#)
            // A path with no WebSocket route is answered as HTTP: the 404, not an upgrade either.
            let nowhere = try #require(await Self.denial(client, "/nowhere"))
            #expect(nowhere.status == .notFound)
            #expect(nowhere.text == #"{"detail":"Not Found"}"#)
            // A handshake sent as a plain request cannot switch protocols in process: a clear error, not a 200.
            let handshake: HTTPFields = [
                .upgrade: "websocket", .connection: "Upgrade", .secWebSocketVersion: "13", .secWebSocketKey: "dGhlIHNhbXBsZSBub25jZQ==",
            ]
            await #expect(throws: TestWebSocketError.handshakeNeedsWebSocketClient) {
                _ = try await client.get("/host", headers: handshake)
            }
            #expect(try await client.get("/host", headers: [.upgrade: "websocket", .connection: "Upgrade"]).status == .upgradeRequired)
        }
    }

    /// The HTTP answer a refused handshake on `path` was thrown with (`nil` if it was not refused).
    static func denial(_ client: TestClient, _ path: String, headers: HTTPFields = [:]) async -> TestResponse? {
        do {
            _ = try await client.webSocket(path, headers: headers) { _ in }
            return nil
        } catch let denial as TestWebSocketDenial {
            return denial.response
        } catch {
            return nil
        }
    }

    @Test(
        "the test client reports a denial with its status, headers and body, in process and live",
        arguments: [TestingMode.inProcess, .live])
    func denialsReachTheTestClient(mode: TestingMode) async throws {
        let app = App()
        app.websocket("/c", APIKey.header("x-key")) { ws, key in try await ws.send(text: "with key: \(key)") }
        app.websocket("/raises") { _ in throw HTTPError(.conflict, detail: "pay first") }
        try await app.test(mode) { client in
            let unauthenticated = try #require(await Self.denial(client, "/c"))
            #expect(unauthenticated.status == .unauthorized)
            #expect(unauthenticated.text == #"{"detail":"Not authenticated"}"#)
            #expect(unauthenticated.header("connection") == "close")
            let conflict = try #require(await Self.denial(client, "/raises"))
            #expect(conflict.status == .conflict)
            #expect(conflict.text == #"{"detail":"pay first"}"#)
            #expect(await Self.denial(client, "/c", headers: [HTTPField.Name("x-key")!: "k1"]) == nil)
        }
    }

    @Test("accept answers RFC 6455's key, with the chosen subprotocol and extra headers")
    func acceptHeaders() async throws {
        let app = App()
        app.websocket("/chat") { ws in
            let chosen = ws.requestedSubprotocols.first { $0 == "chat.v2" }
            try await ws.accept(subprotocol: chosen, headers: [HTTPField.Name("x-room")!: "lobby"])
            await ws.close(code: 4000, reason: "done")
        }
        try await app.test(.live) { client in
            let raw = try await RawWebSocketClient(port: try #require(client.port))
            let head = try await raw.handshake("/chat", headers: ["Sec-WebSocket-Protocol: chat.v1, chat.v2"])
            let lines = head.split(separator: "\r\n").map(String.init)
            #expect(lines.first == "HTTP/1.1 101 Switching Protocols")
            #expect(lines.contains("upgrade: websocket"))
            #expect(lines.contains("connection: Upgrade"))
            #expect(lines.contains("sec-websocket-accept: \(RawWebSocketClient.sampleAccept)"))
            #expect(lines.contains("sec-websocket-protocol: chat.v2"))
            #expect(lines.contains("x-room: lobby"))
            // The close frame the server sent: FIN + close opcode, unmasked, code 4000 and the reason.
            let frame = try await raw.read(atLeast: 8)
            #expect(Array(frame.prefix(8)) == [0x88, 6, 0x0F, 0xA0] + Array("done".utf8))
            await raw.close()
        }
    }

    @Test("permessage-deflate is negotiated when offered: the server's messages go out compressed (RSV1), and compressed ones are inflated")
    func perMessageDeflate() async throws {
        let app = Self.echoApp()
        let long = String(repeating: "apus ", count: 2_000)
        app.websocket("/long") { ws in try await ws.send(text: long) }
        app.websocket("/plain", configuration: WebSocketConfiguration(compression: nil)) { ws in try await ws.send(text: long) }
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let offer = ["Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits"]
            let raw = try await RawWebSocketClient(port: port)
            let head = try await raw.handshake("/long", headers: offer)
            #expect(head.contains("\r\nsec-websocket-extensions: permessage-deflate"))
            // FIN + RSV1 + text, then a 7-bit length: 10,000 bytes of text compressed below 126.
            let frame = try await raw.read(atLeast: 2)
            #expect(frame.first == 0xC1)
            #expect(frame[1] < 126)
            await raw.close()

            let declined = try await RawWebSocketClient(port: port)
            #expect(!(try await declined.handshake("/plain", headers: offer).contains("sec-websocket-extensions")))
            #expect(try await declined.read(atLeast: 1).first == 0x81)
            await declined.close()

            let (echoed, close) = try await client.webSocket("/ws/echo", compressed: true) { ws in
                try await ws.send(text: long)
                return try await ws.receiveText()
            }
            #expect(echoed == long)
            #expect(close?.code == .normalClosure)
        }
    }

    @Test(
        "a compressed message that inflates past the size limit closes with 1009, as an uncompressed one would",
        arguments: [TestingMode.inProcess, .live])
    func compressedMessageTooLarge(mode: TestingMode) async throws {
        let app = App()
        app.websocket("/small", configuration: WebSocketConfiguration(maxMessageSize: 64 * 1024)) { ws in
            for try await message in ws.messages { try await ws.send(message) }
        }
        try await app.test(mode) { client in
            // 1 MiB of one letter deflates to about a kilobyte: small on the wire, sixteen times the limit inflated.
            let (reply, close) = try await client.webSocket("/small", compressed: true) { ws in
                try await ws.send(text: String(repeating: "a", count: 1024 * 1024))
                return try await ws.receive()
            }
            #expect(reply == nil)
            #expect(close?.code == .messageTooBig)
        }
    }

    @Test("a handshake with another version is 426 with the version the server speaks; without a valid key, 400")
    func invalidHandshakes() async throws {
        try await Self.echoApp().test(.live) { client in
            let port = try #require(client.port)
            let oldVersion = try await RawWebSocketClient(port: port)
            let head = try await oldVersion.handshake("/ws/echo", version: "8")
            #expect(head.hasPrefix("HTTP/1.1 426 Upgrade Required\r\n"))
            #expect(head.contains("sec-websocket-version: 13\r\n"))
            let response = try await client.get(
                "/ws/echo",
                headers: [
                    .upgrade: "websocket", .connection: "Upgrade", .secWebSocketVersion: "13", .secWebSocketKey: "short",
                ])
            #expect(response.status == .badRequest)
        }
    }

    /// RFC 6455 §4.1 has a client wait for the 101 before it sends a frame; one that does not still has its frames
    /// read (they reach the server in the handshake's own packet), as uvicorn reads them.
    @Test("frames sent right behind the handshake, in the same packet, are read")
    func framesRightBehindTheHandshake() async throws {
        try await Self.echoApp().test(.live) { client in
            let raw = try await RawWebSocketClient(port: try #require(client.port))
            // A masked text frame "hi" (zero mask), then a masked close with 1000.
            let frames: [UInt8] = [0x81, 0x82, 0, 0, 0, 0, 0x68, 0x69, 0x88, 0x82, 0, 0, 0, 0, 0x03, 0xE8]
            #expect(try await raw.handshake("/ws/echo", following: frames).hasPrefix("HTTP/1.1 101"))
            let received = try await raw.readToEnd()
            #expect(Array(received.prefix(4)) == [0x81, 0x02, 0x68, 0x69])
            #expect(Array(received.dropFirst(4).prefix(4)) == [0x88, 0x02, 0x03, 0xE8])
        }
    }

    @Test("a plain GET on a WebSocket path is 404 (a GET route on the path answers it); a handshake on an HTTP path is answered as HTTP")
    func routingBetweenHTTPAndWebSocket() async throws {
        let app = Self.echoApp()
        app.get("/both") { "http" }
        app.websocket("/both") { ws in try await ws.send(text: "ws") }
        app.get("/http-only") { "plain" }
        try await app.test(.live) { client in
            #expect(try await client.get("/ws/echo").status == .notFound)
            #expect(try await client.get("/both").text == #""http""#)
            let (text, _) = try await client.webSocket("/both") { ws in try await ws.receiveText() }
            #expect(text == "ws")
            let raw = try await RawWebSocketClient(port: try #require(client.port))
            #expect(try await raw.handshake("/http-only").hasPrefix("HTTP/1.1 200 OK\r\n"))
        }
    }

    @Test(
        "the client's close code reaches the handler as WebSocketDisconnect; an error after accept closes with 1011; WebSocketClose with its code",
        arguments: [TestingMode.inProcess, .live])
    func closeCodes(mode: TestingMode) async throws {
        let seen = Mutex<WebSocketDisconnect?>(nil)
        let app = App()
        app.websocket("/receive") { ws in
            do {
                _ = try await ws.receive()
            } catch let disconnect as WebSocketDisconnect {
                seen.withLock { $0 = disconnect }
                throw disconnect
            }
        }
        struct Boom: Error {}
        app.websocket("/boom") { ws in
            try await ws.accept()
            throw Boom()
        }
        app.websocket("/policy") { ws in
            try await ws.accept()
            throw WebSocketClose(code: .policyViolation, reason: "bad token")
        }
        try await app.test(mode) { client in
            _ = try await client.webSocket("/receive") { ws in try await ws.close(code: 4001, reason: "bye") }
            try await waitUntil { seen.withLock { $0 } != nil }
            #expect(seen.withLock { $0 } == WebSocketDisconnect(code: 4001, reason: "bye"))
            let (_, boom) = try await client.webSocket("/boom") { ws in try await ws.receive() }
            #expect(boom?.code == .internalError)
            let (_, policy) = try await client.webSocket("/policy") { ws in try await ws.receive() }
            #expect(policy == TestWebSocket.CloseFrame(code: .policyViolation, reason: "bad token"))
        }
    }

    @Test("a message over the size limit closes with 1009; one at the limit is echoed", arguments: [TestingMode.inProcess, .live])
    func maxMessageSize(mode: TestingMode) async throws {
        let app = App()
        app.websocket("/small", configuration: WebSocketConfiguration(maxMessageSize: 1024)) { ws in
            for try await message in ws.messages {
                try await ws.send(message)
            }
        }
        try await app.test(mode) { client in
            let (echo, _) = try await client.webSocket("/small") { ws in
                try await ws.send(text: String(repeating: "a", count: 1024))
                return try await ws.receive()
            }
            #expect(echo == .text(String(repeating: "a", count: 1024)))
            let (reply, close) = try await client.webSocket("/small") { ws in
                try await ws.send(text: String(repeating: "a", count: 1025))
                return try await ws.receive()
            }
            #expect(reply == nil)
            #expect(close?.code == .messageTooBig)
        }
    }

    @Test("a client that never answers pings is disconnected after the ping timeout")
    func pingTimeout() async throws {
        let app = App()
        app.websocket("/quiet", configuration: WebSocketConfiguration(pingInterval: .milliseconds(200), closeTimeout: .milliseconds(200))) {
            ws in
            for try await _ in ws.messages {}
        }
        try await app.test(.live) { client in
            let raw = try await RawWebSocketClient(port: try #require(client.port))
            // Timed from before the handshake: the server's timers start after it, whenever this client's (polling)
            // read returns under load.
            let start = ContinuousClock.now
            #expect(try await raw.handshake("/quiet").hasPrefix("HTTP/1.1 101"))
            let received = try await raw.readToEnd()
            let elapsed = ContinuousClock.now - start
            // A ping (opcode 9) came first; after the second interval without a pong the server closed.
            #expect(received.first == 0x89)
            // The first ping is due at 200 ms, the unanswered check at 400 ms.
            #expect(elapsed >= .milliseconds(400))
            #expect(elapsed < .seconds(5))
        }
    }
}

/// Polls `condition` every 10 ms for up to 5 s.
func waitUntil(_ condition: () -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(5)
    while !condition() {
        guard ContinuousClock.now < deadline else { throw WaitTimedOut() }
        try await Task.sleep(for: .milliseconds(10))
    }
}

struct WaitTimedOut: Error {}
