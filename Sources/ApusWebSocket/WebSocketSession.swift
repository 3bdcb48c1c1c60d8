import ApusCore
import ApusEndpoints
import ApusModels
import ApusHTTP
import Logging
import NIOCore
import NIOWebSocket
import Synchronization
// swift-service-lifecycle's task-local shutdown manager is hidden from swift-websocket's handler (see
// `runProtocol`), so that a server shutdown closes sockets with 1001 once, from here, not also with its 1000.
@_spi(TestKit) import ServiceLifecycle
// swift-websocket's protocol handler (close handshake, pings, message assembly, UTF-8 checks) is what its
// `WSInternal` SPI offers to server integrations; Hummingbird's WebSocket server uses it the same way.
@_spi(WSInternal) import WSCore

/// One WebSocket connection from its handshake to its end: the handler's task calls into it (accept, send,
/// receive, close), and two tasks beside it run swift-websocket's protocol handler and watch for a server
/// shutdown.
///
/// The protocol handler reads a message only when the handler asks for one (``receive()``), so a handler that
/// does not read leaves the rest in the socket, and TCP slows the client down: nothing is buffered without
/// bound. Sends wait while the client reads too slowly (NIO's writability), for the same reason.
final class WebSocketSession: Sendable {
    /// What the pump hands a waiting receive.
    enum Received: Sendable {
        case message(WebSocketMessage)
        case closed
        /// The receive's task was cancelled before a message came.
        case cancelled
    }

    private enum Phase {
        /// Before `accept`: the request can still be answered over HTTP.
        case handshaking
        /// The 101 is sent; the protocol handler is starting.
        case opening
        /// Messages flow.
        case open(WebSocketOutboundWriter)
        /// The server sent its close frame (or the protocol ended).
        case closing
    }

    private struct State {
        var phase = Phase.handshaking
        /// The protocol handler ended: no more messages either way.
        var ended = false
        /// The handler is done: the pump stops asking for messages.
        var handlerDone = false
        /// `accept`, waiting for the protocol handler to start.
        var openWaiter: CheckedContinuation<Bool, Never>?
        /// A receive waiting for the pump.
        var receiver: CheckedContinuation<Received, Never>?
        /// A receive is in progress (only one at a time).
        var receiving = false
        /// The pump, waiting for a receive to ask for a message.
        var pumpWaiter: CheckedContinuation<Bool, Never>?
        /// A message the pump read for a receive that was cancelled meanwhile; the next receive gets it.
        var held: Received?
        /// The client's close frame, as the pipeline saw it.
        var peerClose: WebSocketDisconnect?
        var channel: (any Channel)?
    }

    let request: Request
    let configuration: WebSocketConfiguration
    let requestedSubprotocols: [String]
    private let acceptValue: String
    private let handshake: UpgradeHandshake
    private let state = Mutex(State())
    /// The upgraded channel and the extensions negotiated for it, once accepted.
    private typealias Accepted = (channel: NIOAsyncChannel<WebSocketFrame, WebSocketFrame>, extensions: [any WebSocketExtension])
    private let acceptedChannels: AsyncStream<Accepted>
    private let acceptedContinuation: AsyncStream<Accepted>.Continuation
    private let shutdownSignal: AsyncStream<Void>
    private let shutdownContinuation: AsyncStream<Void>.Continuation

    init(request: Request, acceptValue: String, configuration: WebSocketConfiguration, handshake: UpgradeHandshake) {
        self.request = request
        self.acceptValue = acceptValue
        self.configuration = configuration
        self.handshake = handshake
        self.requestedSubprotocols = WebSocketHandshake.requestedSubprotocols(of: request)
        (self.acceptedChannels, self.acceptedContinuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
        (self.shutdownSignal, self.shutdownContinuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    // MARK: The connection's life

    /// Runs `handler` with the socket, beside the protocol handler, and answers for it when it returns: an
    /// unaccepted handshake is refused over HTTP, an open socket is closed with the code its outcome calls for.
    func run(_ handler: @Sendable (WebSocket) async throws -> Void) async {
        let logger = self.request.logger
        await withDiscardingTaskGroup { group in
            group.addTask { await self.runProtocol() }
            group.addTask {
                for await _ in self.shutdownSignal {
                    await self.close(code: .goingAway, reason: "Server shutting down")
                    break
                }
            }
            let socket = WebSocket(session: self)
            var outcome: (any Error)?
            do {
                try await handler(socket)
            } catch {
                outcome = error
            }
            await self.finish(after: outcome, logger: logger)
        }
    }

    /// Answers for the handler's outcome once it has returned or thrown.
    private func finish(after outcome: (any Error)?, logger: Logger) async {
        let phase = self.state.withLock { $0.phase }
        switch phase {
        case .handshaking:
            self.acceptedContinuation.finish()
            self.shutdownContinuation.finish()
            let response: Response
            switch outcome {
            case nil:
                logger.error(
                    "WebSocket handler returned without accepting or closing the connection", metadata: ["path": "\(self.request.rawPath)"])
                response = .text("Internal Server Error", status: .internalServerError)
            case is WebSocketClose:
                // uvicorn's answer to a close before the handshake was accepted.
                response = Response(status: .forbidden, headers: [.contentLength: "0"])
            case let error?:
                response = await self.request.response(forUnhandled: error)
            }
            self.state.withLock { $0.phase = .closing }
            await self.handshake.deny(response)
        case .opening, .open, .closing:
            switch outcome {
            case nil:
                await self.close(code: .normalClosure, reason: "")
            case let close as WebSocketClose:
                await self.close(code: close.code, reason: close.reason)
            case is WebSocketDisconnect:
                break
            case let invalid as RequestValidationError:
                await self.close(code: .policyViolation, reason: Self.closeReason(for: invalid.errors))
            case let error?:
                logger.error(
                    "Unhandled error in WebSocket handler",
                    metadata: ["error": "\(String(reflecting: error))", "path": "\(self.request.rawPath)"])
                await self.close(code: .internalError, reason: "")
            }
            let pump = self.state.withLock { state in
                state.handlerDone = true
                return state.pumpWaiter.take()
            }
            pump?.resume(returning: false)
        }
    }

    /// Runs swift-websocket's protocol handler once the handshake is accepted, until the connection ends.
    private func runProtocol() async {
        for await (channel, extensions) in self.acceptedChannels {
            let configuration = WebSocketHandler.Configuration(
                extensions: extensions,
                autoPing: self.configuration.pingInterval.map { .enabled(timePeriod: $0) } ?? .disabled,
                closeTimeout: self.configuration.closeTimeout,
                validateUTF8: true,
                maxFrameSize: self.configuration.maxMessageSize
            )
            do {
                _ = try await TaskLocals.$gracefulShutdownManager.withValue(nil) {
                    try await WebSocketHandler.handle(
                        type: .server,
                        configuration: configuration,
                        asyncChannel: channel,
                        context: SessionContext(logger: self.request.logger)
                    ) { inbound, outbound, _ in
                        try await self.pump(inbound: inbound, outbound: outbound)
                    }
                }
            } catch {
                self.request.logger.debug("WebSocket connection ended with an error", metadata: ["error": "\(error)"])
            }
            for negotiated in extensions {
                await negotiated.shutdown()
            }
            self.protocolEnded()
            break
        }
        self.shutdownContinuation.finish()
    }

    /// The protocol handler's data handler: reads a message each time a receive asks for one, until the
    /// connection closes or the handler is done. Protocol errors (invalid UTF-8, a message too big) propagate to
    /// the protocol handler, which closes with their code.
    private func pump(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) async throws {
        let opened = self.state.withLock { state in
            state.phase = .open(outbound)
            return state.openWaiter.take()
        }
        opened?.resume(returning: true)
        var messages = inbound.messages(maxSize: self.configuration.maxMessageSize).makeAsyncIterator()
        while await self.waitForDemand() {
            let next: WSCore.WebSocketMessage?
            do {
                next = try await messages.next()
            } catch {
                self.deliver(.closed)
                throw error
            }
            switch next {
            case .text(let text)?: self.deliver(.message(.text(text)))
            case .binary(let buffer)?: self.deliver(.message(.binary(buffer)))
            case nil:
                self.deliver(.closed)
                return
            }
        }
    }

    /// Waits until a receive asks for a message (`true`) or the handler is done (`false`).
    private func waitForDemand() async -> Bool {
        await withCheckedContinuation { continuation in
            let answer: Bool? = self.state.withLock { state in
                if state.handlerDone { return false }
                if state.receiver != nil { return true }
                state.pumpWaiter = continuation
                return nil
            }
            if let answer { continuation.resume(returning: answer) }
        }
    }

    private func deliver(_ received: Received) {
        let receiver = self.state.withLock { state in
            guard let receiver = state.receiver.take() else {
                state.held = received
                return nil as CheckedContinuation<Received, Never>?
            }
            return receiver
        }
        receiver?.resume(returning: received)
    }

    /// The connection is over: pending and later receives and sends see the disconnect.
    private func protocolEnded() {
        let (receiver, opener, pump) = self.state.withLock { state in
            state.ended = true
            state.phase = .closing
            return (state.receiver.take(), state.openWaiter.take(), state.pumpWaiter.take())
        }
        receiver?.resume(returning: .closed)
        opener?.resume(returning: false)
        pump?.resume(returning: false)
    }

    // MARK: What the handler calls

    /// Accepts the handshake: 101 with the accept key, `subprotocol` and `headers`; returns once messages can
    /// flow.
    func accept(subprotocol: String?, headers: HTTPFields) async throws {
        try self.state.withLock { state in
            guard case .handshaking = state.phase else { throw WebSocketUsageError.alreadyAnswered }
            state.phase = .opening
        }
        var fields: HTTPFields = [.upgrade: "websocket", .connection: "Upgrade", .secWebSocketAccept: self.acceptValue]
        if let subprotocol {
            fields[.secWebSocketProtocol] = subprotocol
        }
        let (extensionFields, extensions) = self.negotiateExtensions()
        fields.append(contentsOf: extensionFields)
        fields.append(contentsOf: headers)
        let maxFrameSize = self.configuration.maxMessageSize
        let channel: NIOAsyncChannel<WebSocketFrame, WebSocketFrame>
        do {
            channel = try await self.handshake.accept(headers: fields) { [self] channel in
                try channel.pipeline.syncOperations.addHandlers([
                    WebSocketFrameEncoder(),
                    ByteToMessageHandler(WebSocketFrameDecoder(maxFrameSize: maxFrameSize)),
                    WebSocketProtocolErrorHandler(),
                    WebSocketConnectionObserver(session: self),
                ])
                // No half-close after the server's close frame: the socket closes once the client has answered it
                // (or the close timeout passed), as RFC 6455 §7.1.1 orders. A FIN sent right behind the 101 and a
                // first message reached swift-websocket's client while it was still switching protocols, and it
                // then waited forever for an end of input it had already seen.
                return try NIOAsyncChannel<WebSocketFrame, WebSocketFrame>(
                    wrappingChannelSynchronously: channel,
                    configuration: .init(isOutboundHalfClosureEnabled: false)
                )
            }
        } catch {
            self.acceptedContinuation.finish()
            self.protocolEnded()
            throw WebSocketDisconnect(code: .abnormalClosure)
        }
        self.state.withLock { $0.channel = channel.channel }
        self.acceptedContinuation.yield((channel, extensions))
        self.acceptedContinuation.finish()
        let open = await withCheckedContinuation { continuation in
            let answer: Bool? = self.state.withLock { state in
                if case .open = state.phase { return true }
                if state.ended { return false }
                state.openWaiter = continuation
                return nil
            }
            if let answer { continuation.resume(returning: answer) }
        }
        if !open { throw self.disconnect }
    }

    /// The extensions the client offered that the route supports (`sec-websocket-extensions`), and the
    /// response fields that agree to them. An offer swift-websocket cannot parse is declined: the connection
    /// goes on uncompressed, as RFC 6455 §9.1 allows.
    private func negotiateExtensions() -> (HTTPFields, [any WebSocketExtension]) {
        guard let compression = self.configuration.compression else { return ([:], []) }
        let builders = [compression.builder(maxMessageSize: self.configuration.maxMessageSize)]
        guard let (fields, extensions) = try? builders.serverExtensionNegotiation(requestHeaders: self.request.headers) else {
            return ([:], [])
        }
        return (fields, extensions.map(MessageSizeLimitedExtension.init(base:)))
    }

    /// Accepts the handshake if the handler has not (sending or receiving first accepts, with no subprotocol).
    func acceptIfNeeded() async throws {
        let handshaking = self.state.withLock { state in
            if case .handshaking = state.phase { return true }
            return false
        }
        if handshaking {
            try await self.accept(subprotocol: nil, headers: [:])
        }
    }

    /// The next message; throws ``WebSocketDisconnect`` once the connection is closed.
    func receive() async throws -> WebSocketMessage {
        try await self.acceptIfNeeded()
        let immediate: Received? = try self.state.withLock { state in
            if let held = state.held.take() { return held }
            if state.ended { return .closed }
            guard !state.receiving else { throw WebSocketUsageError.concurrentReceive }
            state.receiving = true
            return nil
        }
        if let immediate { return try self.unwrap(immediate) }
        let received = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let (pump, now): (CheckedContinuation<Bool, Never>?, Received?) = self.state.withLock { state in
                    if state.ended { return (nil, .closed) }
                    if Task.isCancelled { return (nil, .cancelled) }
                    state.receiver = continuation
                    return (state.pumpWaiter.take(), nil)
                }
                if let now { continuation.resume(returning: now) }
                pump?.resume(returning: true)
            }
        } onCancel: {
            // The pump's read goes on; what it reads is held for the next receive.
            let receiver = self.state.withLock { $0.receiver.take() }
            receiver?.resume(returning: .cancelled)
        }
        self.state.withLock { $0.receiving = false }
        return try self.unwrap(received)
    }

    private func unwrap(_ received: Received) throws -> WebSocketMessage {
        switch received {
        case .message(let message): return message
        case .closed: throw self.disconnect
        case .cancelled: throw CancellationError()
        }
    }

    /// What a receive or send on a closed connection throws: the client's close code, or 1006.
    var disconnect: WebSocketDisconnect {
        self.state.withLock { $0.peerClose } ?? WebSocketDisconnect(code: .abnormalClosure)
    }

    /// Sends one message, as one frame. Waits while the client reads too slowly.
    func send(_ message: WebSocketMessage) async throws {
        try await self.acceptIfNeeded()
        let outbound: WebSocketOutboundWriter? = self.state.withLock { state in
            if case .open(let outbound) = state.phase, !state.ended { return outbound }
            return nil
        }
        guard let outbound else { throw self.disconnect }
        do {
            switch message {
            case .text(let text): try await outbound.write(.text(text))
            case .binary(let buffer): try await outbound.write(.binary(buffer))
            }
        } catch {
            throw self.disconnect
        }
    }

    /// Sends the close frame (once; later calls do nothing) and drops the connection if the client has not
    /// answered within the close timeout (or has not read the frame by then). Before the handshake is accepted there is nothing to close: the handler
    /// throws ``WebSocketClose`` to refuse it.
    func close(code: WebSocketCloseCode, reason: String) async {
        let (outbound, channel): (WebSocketOutboundWriter?, (any Channel)?) = self.state.withLock { state in
            guard case .open(let outbound) = state.phase, !state.ended else { return (nil, nil) }
            state.phase = .closing
            return (outbound, state.channel)
        }
        guard let outbound else { return }
        // Armed first: a client that reads nothing holds the close frame's write too, and must not hold the
        // connection past the timeout.
        if let channel {
            let timeout = TimeAmount(self.configuration.closeTimeout)
            channel.eventLoop.scheduleTask(in: timeout) { channel.close(promise: nil) }
        }
        try? await outbound.close(WebSocketErrorCode(codeNumber: Int(code.rawValue)), reason: Self.truncated(reason))
    }

    /// Whether the handshake has been accepted.
    var isAccepted: Bool {
        self.state.withLock { state in
            if case .handshaking = state.phase { return false }
            return true
        }
    }

    // MARK: What the pipeline reports

    /// The client's close frame arrived (before the protocol handler answers it).
    func peerClosed(code: WebSocketCloseCode, reason: String) {
        self.state.withLock { $0.peerClose = WebSocketDisconnect(code: code, reason: reason) }
    }

    /// The server is shutting down gracefully: the socket is closed with 1001.
    func serverShuttingDown() {
        self.shutdownContinuation.yield()
    }

    // MARK: Close reasons

    /// The longest close reason RFC 6455 allows (a control frame's 125 bytes less the code).
    static let maximumReasonLength = 123

    /// `reason` cut to ``maximumReasonLength`` bytes at a character boundary.
    static func truncated(_ reason: String) -> String {
        guard reason.utf8.count > Self.maximumReasonLength else { return reason }
        var result = ""
        for character in reason {
            guard result.utf8.count + character.utf8.count <= Self.maximumReasonLength else { break }
            result.append(character)
        }
        return result
    }

    /// FastAPI's reason for a validation failure, the error list as JSON, kept to whole errors that fit in a close
    /// frame; when not even the first fits, its message.
    static func closeReason(for errors: [ValidationErrorItem]) -> String {
        var fitting: [String] = []
        for item in errors {
            let json = String(decoding: item.jsonValue.jsonBytes, as: UTF8.self)
            let candidate = "[" + (fitting + [json]).joined(separator: ",") + "]"
            guard candidate.utf8.count <= Self.maximumReasonLength else { break }
            fitting.append(json)
        }
        if fitting.isEmpty {
            return Self.truncated(errors.first?.message ?? "Validation failed")
        }
        return "[" + fitting.joined(separator: ",") + "]"
    }
}

/// The context swift-websocket's handler logs through.
private struct SessionContext: WebSocketContext {
    let logger: Logger
}

/// Watches the upgraded pipeline for what the session must know before swift-websocket's handler acts on it: the
/// client's close frame (its code and reason, which the handler does not pass on) and a graceful server shutdown.
final class WebSocketConnectionObserver: ChannelInboundHandler {
    typealias InboundIn = WebSocketFrame
    typealias InboundOut = WebSocketFrame

    private let session: WebSocketSession
    /// The connection failed a protocol check here: what else arrives is dropped.
    private var failed = false

    init(session: WebSocketSession) {
        self.session = session
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = self.unwrapInboundIn(data)
        guard !self.failed else { return }
        guard frame.reservedBits.isEmpty || !(frame.opcode == .ping || frame.opcode == .pong) else {
            self.failed = true
            // No extension applies to control frames (permessage-deflate compresses data frames only, RFC 7692 §6),
            // so a ping or pong may not set a reserved bit (RFC 6455 §5.2). swift-websocket checks data and close
            // frames, but answers such a ping and ignores such a pong: those fail the connection here, with 1002.
            self.failProtocol(context: context)
            return
        }
        if frame.opcode == .connectionClose {
            var payload = frame.unmaskedData
            let code = payload.readInteger(as: UInt16.self).map(WebSocketCloseCode.init(rawValue:)) ?? .normalClosure
            let reason = payload.readString(length: payload.readableBytes) ?? ""
            self.session.peerClosed(code: code, reason: reason)
        }
        context.fireChannelRead(data)
    }

    /// Sends a close frame with 1002 (protocol error) and closes the connection.
    private func failProtocol(context: ChannelHandlerContext) {
        var payload = context.channel.allocator.buffer(capacity: 2)
        payload.write(webSocketErrorCode: .protocolError)
        let close = WebSocketFrame(fin: true, opcode: .connectionClose, data: payload)
        context.writeAndFlush(NIOAny(close)).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ChannelShouldQuiesceEvent {
            self.session.serverShuttingDown()
            return
        }
        context.fireUserInboundEventTriggered(event)
    }
}
