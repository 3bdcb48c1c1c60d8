import NIOCore
import NIOHTTP1

/// Hands parsed request parts from the channel pipeline to the connection's request loop, with backpressure: when
/// the loop falls behind, the bridge stops asking the socket for more.
///
/// Written by hand instead of using `NIOAsyncChannel`: the request loop runs on the channel's own event loop (a
/// task executor preference), so the bridge needs no lock and no generic async-sequence machinery, which profiling
/// showed was the largest single cost per request. Everything here runs on that event loop: the handler methods by
/// NIO's contract, ``next()`` because its only caller is the loop (checked through `NIOLoopBound`).
final class HTTPRequestPartBridge: ChannelDuplexHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundIn = Never

    private let state: ConnectionGuardState
    /// Parts received and not yet taken, from `bufferStart` on (an array and an index: cheaper than a deque for
    /// the one or two parts usually waiting).
    private var buffer: [HTTPServerRequestPart] = []
    private var bufferStart = 0
    /// The request loop, suspended until the next part arrives. Unsafe rather than checked (the check allocates
    /// and was measurable per request): it is resumed exactly once because every resume goes through
    /// ``takeWaiter()``, which clears it first, and all of this runs on the one event loop.
    private var waiter: UnsafeContinuation<HTTPServerRequestPart?, any Error>?
    /// Fails ``waiter`` with ``RequestBodyReadError/timedOut`` when the data it waits for is late.
    private var waiterTimer: Scheduled<Void>?
    /// Resumed with `true` when the channel becomes writable again, `false` when it closes or the wait times out.
    private var writabilityWaiter: CheckedContinuation<Bool, Never>?
    private var writabilityTimer: Scheduled<Void>?
    private var failure: (any Error)?
    private var finished = false
    private var readPending = false
    /// The request being read stops the parser when it ends (it asks to switch protocols).
    private var requestStopsTheParser = false
    /// Such a request has ended: until it is answered (the protocol switched, or parsing resumed), what the client
    /// sends is neither a head nor a body, so it is not read from the socket. That bounds what waits in the
    /// stopped parser to one read, keeps it from counting against the next head's size limit, and leaves it, intact,
    /// to the new protocol (frames a client sent right behind its handshake) or the resumed parser.
    private var holdsReadsUntilUpgradeAnswered = false
    private var context: ChannelHandlerContext?

    /// Parts held before the bridge stops reading from the socket.
    private static let highWatermark = 16

    init(state: ConnectionGuardState) {
        self.state = state
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        self.finish(with: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = self.unwrapInboundIn(data)
        switch part {
        case .head(let head):
            self.state.headReceived()
            self.requestStopsTheParser = RequestHeadValidation.stopsTheParser(head)
        case .end:
            if self.requestStopsTheParser {
                self.holdsReadsUntilUpgradeAnswered = true
            } else {
                self.state.messageEnded()
            }
        case .body: break
        }
        if let waiter = self.takeWaiter() {
            waiter.resume(returning: part)
        } else {
            self.buffer.append(part)
        }
    }

    private var bufferedCount: Int { self.buffer.count - self.bufferStart }

    private func popFirst() -> HTTPServerRequestPart? {
        guard self.bufferStart < self.buffer.count else { return nil }
        let part = self.buffer[self.bufferStart]
        self.bufferStart += 1
        if self.bufferStart == self.buffer.count {
            self.buffer.removeAll(keepingCapacity: true)
            self.bufferStart = 0
        }
        return part
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.finish(with: nil)
        self.resumeWritabilityWaiter(writable: false)
        context.fireChannelInactive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        // The client shut down its sending side (half-close). What it sent is still answered; after that the
        // request loop sees the end and closes. The decoder ahead of this handler has already delivered (or
        // failed) what it held when it forwards this event.
        if case ChannelEvent.inputClosed = event {
            self.finish(with: nil)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            self.resumeWritabilityWaiter(writable: true)
        }
        context.fireChannelWritabilityChanged()
    }

    private func resumeWritabilityWaiter(writable: Bool) {
        self.writabilityTimer?.cancel()
        self.writabilityTimer = nil
        guard let waiter = self.writabilityWaiter else { return }
        self.writabilityWaiter = nil
        waiter.resume(returning: writable)
    }

    private func takeWaiter() -> UnsafeContinuation<HTTPServerRequestPart?, any Error>? {
        guard let waiter = self.waiter else { return nil }
        self.waiter = nil
        self.waiterTimer?.cancel()
        self.waiterTimer = nil
        return waiter
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        self.finish(with: error)
    }

    func read(context: ChannelHandlerContext) {
        if self.bufferedCount >= Self.highWatermark || self.holdsReadsUntilUpgradeAnswered {
            self.readPending = true
        } else {
            context.read()
        }
    }

    private func finish(with error: (any Error)?) {
        guard !self.finished else { return }
        self.finished = true
        self.failure = error
        if let waiter = self.takeWaiter() {
            if let error { waiter.resume(throwing: error) } else { waiter.resume(returning: nil) }
        }
    }

    /// The next request part, or `nil` once the connection has closed. Must be called on the channel's event loop.
    ///
    /// - Parameter deadline: when set and no part arrives by then, throws ``RequestBodyReadError/timedOut``.
    func next(deadline: NIODeadline? = nil) async throws -> HTTPServerRequestPart? {
        if let part = self.nextIfBuffered() {
            return part
        }
        if self.finished {
            if let failure = self.failure {
                self.failure = nil
                throw failure
            }
            return nil
        }
        return try await withUnsafeThrowingContinuation { continuation in
            self.waiter = continuation
            if let deadline {
                self.waiterTimer = self.state.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [self] in
                    self.waiterTimer = nil
                    guard let waiter = self.takeWaiter() else { return }
                    waiter.resume(throwing: RequestBodyReadError.timedOut)
                }
            }
        }
    }

    /// Waits until the channel can take more writes without growing its outbound buffer past the high watermark.
    /// The request loop calls it before reading the next request, so a client that pipelines requests and never
    /// reads the answers cannot make the server queue responses without bound.
    ///
    /// - Returns: `false` if the channel closed, or stayed unwritable for `timeout`.
    func waitUntilWritable(timeout: Duration?) async -> Bool {
        guard let context = self.context, context.channel.isActive else { return false }
        if context.channel.isWritable { return true }
        return await withCheckedContinuation { continuation in
            self.writabilityWaiter = continuation
            if let timeout {
                self.writabilityTimer = self.state.eventLoop.assumeIsolated().scheduleTask(in: TimeAmount(timeout)) { [self] in
                    self.writabilityTimer = nil
                    self.resumeWritabilityWaiter(writable: false)
                }
            }
        }
    }

    /// Starts a new request decoder after a request asked to upgrade the protocol and was answered as plain HTTP
    /// (no upgrade is offered). NIO's decoder stops parsing at an upgrade request, so without this a request
    /// pipelined behind it would never be read. The old decoder forwards the bytes it holds to the new one.
    func resumeParsingAfterIgnoredUpgrade() throws {
        guard let context = self.context else { return }
        self.requestStopsTheParser = false
        self.holdsReadsUntilUpgradeAnswered = false
        self.state.messageEnded()
        let pipeline = context.pipeline.syncOperations
        let old = try pipeline.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
        try pipeline.addHandler(
            ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .forwardBytes)),
            position: .after(old)
        )
        pipeline.removeHandler(old, promise: nil)
        if self.readPending, self.bufferedCount < Self.highWatermark {
            self.readPending = false
            context.read()
        }
    }

    /// The next part if one has arrived already, without waiting. Must be called on the channel's event loop.
    func nextIfBuffered() -> HTTPServerRequestPart? {
        guard let part = self.popFirst() else { return nil }
        if self.readPending, self.bufferedCount < Self.highWatermark / 2 {
            self.readPending = false
            self.context?.read()
        }
        return part
    }

    /// Tells the connection's guard that a response has been written completely.
    func responseCompleted() {
        self.state.responseCompleted()
    }
}

// Removed when a request switches protocols (UpgradeHandshake.accept).
extension HTTPRequestPartBridge: RemovableChannelHandler {}
