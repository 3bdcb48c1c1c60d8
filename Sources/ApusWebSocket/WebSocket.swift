public import ApusCore
public import ApusModels
public import NIOCore
import ApusEndpoints

/// One WebSocket connection, as a route's handler sees it (FastAPI's `WebSocket`).
///
/// ```swift
/// app.websocket("/ws/echo") { ws in
///     try await ws.accept()
///     for try await message in ws.messages {
///         try await ws.send(message)
///     }
/// }
/// ```
///
/// The handshake is answered by ``accept(subprotocol:headers:)``, or by the first send or receive (which accept
/// with no subprotocol). Until then the request can still be refused over HTTP: an ``HTTPError`` thrown by a
/// dependency or by the handler becomes that HTTP response (FastAPI's denial response), and ``WebSocketClose``
/// a 403. When the handler returns the socket is closed with 1000; when it throws ``WebSocketClose``, with its
/// code; a ``RequestValidationError`` (``receiveJSON(_:)``), with 1008 and the errors; any other error is logged
/// and closes with 1011.
///
/// Receiving is for one task at a time; sending may happen from any number (each message goes out as one frame,
/// in the order the sends reach it). Both wait: a receive until a message arrives, a send while the client
/// reads too slowly, so a slow client holds a bounded amount of the server's memory.
public final class WebSocket: Sendable {
    let session: WebSocketSession

    init(session: WebSocketSession) {
        self.session = session
    }

    /// The handshake request: its path and query parameters, headers and cookies.
    public var request: Request { self.session.request }

    /// The subprotocols the client offers (`Sec-WebSocket-Protocol`), in its order of preference.
    public var requestedSubprotocols: [String] { self.session.requestedSubprotocols }

    /// Whether the handshake has been accepted.
    public var isAccepted: Bool { self.session.isAccepted }

    /// Accepts the handshake: `101 Switching Protocols`, with `subprotocol` (one of
    /// ``requestedSubprotocols``) and extra `headers`.
    ///
    /// - Throws: ``WebSocketUsageError/alreadyAnswered`` if already accepted; ``WebSocketDisconnect`` if the
    ///   client went away first.
    public func accept(subprotocol: String? = nil, headers: HTTPFields = [:]) async throws {
        try await self.session.accept(subprotocol: subprotocol, headers: headers)
    }

    // MARK: Receiving

    /// The next message.
    ///
    /// - Throws: ``WebSocketDisconnect`` once the client has closed the connection (or it dropped).
    public func receive() async throws -> WebSocketMessage {
        try await self.session.receive()
    }

    /// The next message, which must be text.
    ///
    /// - Throws: ``WebSocketUsageError/unexpectedMessageType`` for a binary message; ``WebSocketDisconnect``.
    public func receiveText() async throws -> String {
        guard case .text(let text) = try await self.receive() else { throw WebSocketUsageError.unexpectedMessageType }
        return text
    }

    /// The next message, which must be binary.
    ///
    /// - Throws: ``WebSocketUsageError/unexpectedMessageType`` for a text message; ``WebSocketDisconnect``.
    public func receiveBinary() async throws -> ByteBuffer {
        guard case .binary(let buffer) = try await self.receive() else { throw WebSocketUsageError.unexpectedMessageType }
        return buffer
    }

    /// The next message (text or binary) read as JSON and validated as `Value` (a `@Schema` model, an array, a
    /// dictionary...), with the same rules as a request body.
    ///
    /// - Throws: ``RequestValidationError`` with every error (locations start at the model's fields); left to
    ///   escape the handler, it closes the socket with 1008 and the errors. ``WebSocketDisconnect``.
    public func receiveJSON<Value: SchemaValue>(_ type: Value.Type = Value.self) async throws -> Value {
        let bytes = try await self.receive().bytes
        var errors: [ValidationErrorItem] = []
        let value: Value?
        do {
            value = try Value.validate(json: bytes, errors: &errors)
        } catch {
            throw RequestValidationError([
                ValidationErrorItem(type: "json_invalid", location: [], message: "JSON decode error", input: .object([:]))
            ])
        }
        guard let value, errors.isEmpty else { throw RequestValidationError(errors) }
        return value
    }

    /// Every message until the client closes the connection; then the sequence ends (the close code is in
    /// ``closeCode``). A protocol error ends it too, after the socket is closed with the error's code.
    public var messages: Messages { Messages(socket: self) }

    /// The text messages until the client closes the connection; a binary message throws
    /// ``WebSocketUsageError/unexpectedMessageType``.
    public var textMessages: TextMessages { TextMessages(messages: self.messages) }

    /// The close code the client sent, once it has (`nil` before, and when the connection dropped without one).
    public var closeCode: WebSocketCloseCode? {
        let disconnect = self.session.disconnect
        return disconnect.code == .abnormalClosure ? nil : disconnect.code
    }

    // MARK: Sending

    /// Sends a message.
    ///
    /// - Throws: ``WebSocketDisconnect`` if the connection is closed.
    public func send(_ message: WebSocketMessage) async throws {
        try await self.session.send(message)
    }

    /// Sends a text message.
    public func send(text: String) async throws {
        try await self.session.send(.text(text))
    }

    /// Sends a binary message.
    public func send(binary: ByteBuffer) async throws {
        try await self.session.send(.binary(binary))
    }

    /// Sends a binary message.
    public func send(bytes: some Sequence<UInt8>) async throws {
        try await self.session.send(.binary(ByteBuffer(bytes: bytes)))
    }

    /// Sends `value` as a JSON text message, written as a response body would be (`options`: FastAPI's
    /// `exclude_none` and friends).
    public func send<Value: SchemaValue>(json value: Value, options: EncodingOptions = EncodingOptions()) async throws {
        try await self.session.send(.text(String(decoding: value.jsonBytes(options: options), as: UTF8.self)))
    }

    /// Closes the connection with `code` and `reason` (cut to 123 bytes of UTF-8, the most a close frame
    /// carries). Later calls do nothing; receives then wait for the client's close frame, sends fail. To refuse a
    /// handshake not yet accepted, throw ``WebSocketClose`` instead (a 403).
    public func close(code: WebSocketCloseCode = .normalClosure, reason: String = "") async {
        await self.session.close(code: code, reason: reason)
    }
}

extension WebSocket {
    /// The messages of a ``WebSocket`` until it closes.
    public struct Messages: AsyncSequence, Sendable {
        public typealias Element = WebSocketMessage
        let socket: WebSocket

        public func makeAsyncIterator() -> AsyncIterator {
            AsyncIterator(socket: self.socket)
        }

        /// Receives one message per step.
        public struct AsyncIterator: AsyncIteratorProtocol {
            let socket: WebSocket

            public mutating func next() async throws -> WebSocketMessage? {
                do {
                    return try await self.socket.receive()
                } catch is WebSocketDisconnect {
                    return nil
                }
            }
        }
    }

    /// The text messages of a ``WebSocket`` until it closes.
    public struct TextMessages: AsyncSequence, Sendable {
        public typealias Element = String
        let messages: Messages

        public func makeAsyncIterator() -> AsyncIterator {
            AsyncIterator(messages: self.messages.makeAsyncIterator())
        }

        /// Receives one text message per step.
        public struct AsyncIterator: AsyncIteratorProtocol {
            var messages: Messages.AsyncIterator

            public mutating func next() async throws -> String? {
                switch try await self.messages.next() {
                case .text(let text)?: return text
                case .binary?: throw WebSocketUsageError.unexpectedMessageType
                case nil: return nil
                }
            }
        }
    }
}
