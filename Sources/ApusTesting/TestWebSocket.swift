public import ApusCore
public import ApusWebSocket
import NIOWebSocket
public import NIOCore
import Synchronization
import WSCompression
import WSCore

extension TestClient {
    /// Opens a WebSocket to the app under test and runs `body` with it; when `body` returns the client closes with
    /// 1000, and waits for the server's answer. In process the client talks to the server's own connection code
    /// over a socket pair (no listener; host `testserver`); live, over the server's loopback port. Both are
    /// swift-websocket's protocol code, on the client side as on the server's.
    ///
    /// ```swift
    /// try await app.test(.inProcess) { client in
    ///     let (echo, close) = try await client.webSocket("/ws/echo") { ws in
    ///         try await ws.send(text: "hi")
    ///         return try await ws.receive()
    ///     }
    ///     #expect(echo == .text("hi"))
    ///     #expect(close?.code == .normalClosure)
    /// }
    /// ```
    ///
    /// With `compressed`, the client offers permessage-deflate, which routes accept by default.
    ///
    /// - Returns: what `body` returned, and the close frame the server sent (`nil` if the connection ended
    ///   without one).
    /// - Throws: ``TestWebSocketDenial`` with the server's HTTP answer when it refuses the handshake (a 403 from a
    ///   dependency, a 401 from a security scheme, a 404 where no WebSocket route is), as Starlette's test client
    ///   raises `WebSocketDenialResponse`.
    public func webSocket<Value: Sendable>(
        _ target: String,
        headers: HTTPFields = [:],
        maxMessageSize: Int = 16 * 1024 * 1024,
        compressed: Bool = false,
        _ body: @escaping @Sendable (TestWebSocket) async throws -> Value
    ) async throws -> (value: Value, close: TestWebSocket.CloseFrame?) {
        let result = Mutex<Result<Value, any Error>?>(nil)
        let options = TestWebSocketOptions(headers: headers, maxMessageSize: maxMessageSize, compressed: compressed)
        let closeFrame = try await self.transport.webSocket(target: target, options: options) { inbound, outbound in
            let socket = TestWebSocket(messages: inbound.messages(maxSize: maxMessageSize), outbound: outbound)
            do {
                let value = try await body(socket)
                result.withLock { $0 = .success(value) }
            } catch {
                result.withLock { $0 = .failure(error) }
            }
        }
        guard let outcome = result.withLock({ $0 }) else { throw TestWebSocketError.closedBeforeBody }
        let close = closeFrame.map { frame in
            // NIO keeps a code's number to itself but writes it as the frame would carry it.
            var encoded = ByteBuffer()
            encoded.write(webSocketErrorCode: frame.closeCode)
            let number = encoded.readInteger(as: UInt16.self) ?? WebSocketCloseCode.normalClosure.rawValue
            return TestWebSocket.CloseFrame(code: WebSocketCloseCode(rawValue: number), reason: frame.reason ?? "")
        }
        return (try outcome.get(), close)
    }
}

/// How a test opens a WebSocket, whatever the transport.
struct TestWebSocketOptions: Sendable {
    /// Header fields added to the handshake.
    var headers: HTTPFields
    /// The largest message (and frame) the client accepts.
    var maxMessageSize: Int
    /// Whether the client offers permessage-deflate.
    var compressed: Bool

    /// The extensions the client offers.
    var extensions: [any WebSocketExtensionBuilder] {
        self.compressed ? [WebSocketExtensionFactory.perMessageDeflate(maxDecompressedFrameSize: self.maxMessageSize).build()] : []
    }
}

/// What runs on an open test WebSocket: the messages in, the writer out.
typealias TestWebSocketHandler = @Sendable (WebSocketInboundStream, WebSocketOutboundWriter) async throws -> Void

/// The client's side of a WebSocket opened by ``TestClient/webSocket(_:headers:maxMessageSize:compressed:_:)``.
///
/// Used from the test's body, in the task that runs it (it is not `Sendable`).
public final class TestWebSocket {
    /// The close frame the server sent.
    public struct CloseFrame: Sendable, Equatable {
        /// Its code.
        public var code: WebSocketCloseCode
        /// Its reason.
        public var reason: String

        /// A close frame (for comparisons).
        public init(code: WebSocketCloseCode, reason: String) {
            self.code = code
            self.reason = reason
        }
    }

    private var messages: WebSocketInboundMessageStream.AsyncIterator
    private let outbound: WebSocketOutboundWriter

    init(messages: WebSocketInboundMessageStream, outbound: WebSocketOutboundWriter) {
        self.messages = messages.makeAsyncIterator()
        self.outbound = outbound
    }

    /// Sends a text message.
    public func send(text: String) async throws {
        try await self.outbound.write(.text(text))
    }

    /// Sends a binary message.
    public func send(binary: ByteBuffer) async throws {
        try await self.outbound.write(.binary(binary))
    }

    /// The next message from the server, or `nil` once it has closed the connection.
    public func receive() async throws -> ApusWebSocket.WebSocketMessage? {
        switch try await self.messages.next() {
        case .text(let text)?: return .text(text)
        case .binary(let buffer)?: return .binary(buffer)
        case nil: return nil
        }
    }

    /// The next message, which must be text.
    public func receiveText() async throws -> String {
        guard case .text(let text)? = try await self.receive() else { throw TestWebSocketError.unexpectedMessage }
        return text
    }

    /// Sends a close frame; then ``receive()`` returns `nil` once the server answers.
    public func close(code: WebSocketCloseCode = .normalClosure, reason: String = "") async throws {
        try await self.outbound.close(.init(codeNumber: Int(code.rawValue)), reason: reason)
    }
}

/// The server refused a test WebSocket's handshake with an HTTP response (Starlette's `WebSocketDenialResponse`).
public struct TestWebSocketDenial: Error, Sendable {
    /// The server's answer: status, header fields and the whole body.
    public var response: TestResponse
}

/// Why a test WebSocket could not be used.
public enum TestWebSocketError: Error, Equatable {
    /// In process, a WebSocket handshake sent with ``TestClient/execute(_:_:headers:body:)`` reached a WebSocket
    /// route, whose answer is a protocol switch: open it with ``TestClient/webSocket(_:headers:maxMessageSize:compressed:_:)``,
    /// which reports a refusal as ``TestWebSocketDenial``.
    case handshakeNeedsWebSocketClient
    /// The connection closed before the test's body ran.
    case closedBeforeBody
    /// A message of the other type, or none, arrived.
    case unexpectedMessage
}
