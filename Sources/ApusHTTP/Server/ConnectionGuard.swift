import NIOCore
import NIOHTTP1
import Synchronization

/// What a connection's request loop and its channel handlers share: whether the connection must close after
/// the response in flight (graceful shutdown asked it to).
final class ConnectionControl: Sendable {
    private let closeRequested = Atomic<Bool>(false)

    var shouldClose: Bool { self.closeRequested.load(ordering: .relaxed) }

    func requestClose() {
        self.closeRequested.store(true, ordering: .relaxed)
    }
}

/// The request head was larger than ``ServerConfiguration/maxHeadSize``.
struct HTTPHeadTooLargeError: Error {}

/// Sent down the pipeline by the request loop when a response has been written completely.
struct HTTPResponseCompleteEvent: Sendable {}

/// State shared by ``ConnectionByteGuard`` and ``ConnectionHeadObserver``: both live in the same pipeline and so
/// on the same event loop, which is the only place this class is touched.
final class ConnectionGuardState {
    let keepAliveTimeout: TimeAmount
    let headerReadTimeout: TimeAmount
    let maxHeadSize: Int
    let control: ConnectionControl

    /// Requests whose head arrived and whose response is not complete.
    var pendingRequests = 0
    /// Bytes received since the connection last became idle, while no request is pending.
    var headBytes = 0
    var idleTimer: Scheduled<Void>?
    var headerTimer: Scheduled<Void>?
    var failed = false

    init(keepAliveTimeout: TimeAmount, headerReadTimeout: TimeAmount, maxHeadSize: Int, control: ConnectionControl) {
        self.keepAliveTimeout = keepAliveTimeout
        self.headerReadTimeout = headerReadTimeout
        self.maxHeadSize = maxHeadSize
        self.control = control
    }

    func cancelTimers() {
        self.idleTimer?.cancel()
        self.idleTimer = nil
        self.headerTimer?.cancel()
        self.headerTimer = nil
    }

    func headReceived() {
        self.pendingRequests += 1
        self.headBytes = 0
        self.cancelTimers()
    }
}

/// The first handler of a connection: it sees raw bytes, so it enforces what the HTTP parser cannot —
/// the keep-alive idle timeout, the header-read timeout (slowloris) and the limit on the size of a request head —
/// and it closes idle connections when the server shuts down gracefully.
final class ConnectionByteGuard: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let state: ConnectionGuardState

    init(state: ConnectionGuardState) {
        self.state = state
    }

    func channelActive(context: ChannelHandlerContext) {
        self.becameIdle(context: context)
        context.fireChannelActive()
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive {
            self.becameIdle(context: context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.state.cancelTimers()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !self.state.failed else { return }
        let awaitingHead = self.state.pendingRequests == 0
        if awaitingHead {
            let bytes = self.unwrapInboundIn(data).readableBytes
            if self.state.headBytes == 0, bytes > 0 {
                self.state.idleTimer?.cancel()
                self.state.idleTimer = nil
                self.startHeaderTimer(context: context)
            }
            self.state.headBytes += bytes
        }
        context.fireChannelRead(data)
        // The parser runs synchronously inside fireChannelRead: if the bytes held a whole head, the observer has
        // already counted it, so only bytes that still have not produced a head are held against the limit.
        if self.state.pendingRequests == 0, self.state.headBytes > self.state.maxHeadSize {
            self.state.failed = true
            self.state.cancelTimers()
            context.fireErrorCaught(HTTPHeadTooLargeError())
        }
    }

    func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        guard event is HTTPResponseCompleteEvent else {
            context.triggerUserOutboundEvent(event, promise: promise)
            return
        }
        self.state.pendingRequests = max(0, self.state.pendingRequests - 1)
        if self.state.pendingRequests == 0 {
            self.state.headBytes = 0
            self.becameIdle(context: context)
        }
        promise?.succeed()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ChannelShouldQuiesceEvent {
            self.state.control.requestClose()
            // Idle (no request pending and no part of a head received): nothing to finish, close now. Otherwise the
            // request loop sees the close request and closes after the response in flight.
            if self.state.pendingRequests == 0, self.state.headBytes == 0 {
                self.state.cancelTimers()
                context.close(promise: nil)
            }
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    private func becameIdle(context: ChannelHandlerContext) {
        self.state.cancelTimers()
        let loopBoundContext = NIOLoopBound(context, eventLoop: context.eventLoop)
        self.state.idleTimer = context.eventLoop.scheduleTask(in: self.state.keepAliveTimeout) {
            loopBoundContext.value.close(promise: nil)
        }
    }

    private func startHeaderTimer(context: ChannelHandlerContext) {
        let loopBoundContext = NIOLoopBound(context, eventLoop: context.eventLoop)
        self.state.headerTimer = context.eventLoop.scheduleTask(in: self.state.headerReadTimeout) {
            loopBoundContext.value.close(promise: nil)
        }
    }
}

/// Sits after the HTTP parser and tells the shared state when a request head has been parsed.
final class ConnectionHeadObserver: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart

    private let state: ConnectionGuardState

    init(state: ConnectionGuardState) {
        self.state = state
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = self.unwrapInboundIn(data) {
            self.state.headReceived()
        }
        context.fireChannelRead(data)
    }
}
