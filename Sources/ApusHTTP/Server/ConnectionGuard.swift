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

/// The timing and size rules of one connection: keep-alive idle timeout, header-read timeout (slowloris) and the
/// request-head size limit. Touched only on the connection's event loop, by ``ConnectionByteGuard`` and
/// ``HTTPRequestPartBridge`` (both in its pipeline) and by the request loop (which runs on that loop).
///
/// One timer per connection is re-armed lazily: a request only moves a deadline forward, and the timer, when it
/// fires early, sleeps again until the deadline. Scheduling and cancelling a timer per request was measurable.
final class ConnectionGuardState {
    let keepAliveTimeout: TimeAmount
    let headerReadTimeout: TimeAmount
    let maxHeadSize: Int
    let control: ConnectionControl
    let eventLoop: any EventLoop

    /// Requests whose head arrived and whose response is not complete.
    private(set) var pendingRequests = 0
    /// Bytes received towards the head the parser is reading.
    var headBytes = 0
    /// Whether the parser is between messages or inside a head (not inside a body): only then do received bytes
    /// count towards the head-size limit, so a body drained after its response is not held against the next head.
    private(set) var parsingHead = true
    /// Set when a limit was broken; the connection reads nothing more.
    var failed = false

    private var idleDeadline: NIODeadline?
    private var headerDeadline: NIODeadline?
    private var timer: Scheduled<Void>?
    private var timerDeadline: NIODeadline?
    /// Closes the connection; set by the byte guard once it is in the pipeline.
    var close: (() -> Void)?

    init(
        keepAliveTimeout: TimeAmount,
        headerReadTimeout: TimeAmount,
        maxHeadSize: Int,
        control: ConnectionControl,
        eventLoop: any EventLoop
    ) {
        self.keepAliveTimeout = keepAliveTimeout
        self.headerReadTimeout = headerReadTimeout
        self.maxHeadSize = maxHeadSize
        self.control = control
        self.eventLoop = eventLoop
    }

    /// No request pending and nothing of the next received: the keep-alive clock runs.
    func becameIdle() {
        self.headBytes = 0
        self.headerDeadline = nil
        self.idleDeadline = .now() + self.keepAliveTimeout
        self.armTimer()
    }

    /// The first bytes of a head arrived: the header-read clock runs instead.
    func headStarted() {
        self.idleDeadline = nil
        self.headerDeadline = .now() + self.headerReadTimeout
        self.armTimer()
    }

    /// A complete head was parsed.
    func headReceived() {
        self.pendingRequests += 1
        self.headBytes = 0
        self.parsingHead = false
        self.idleDeadline = nil
        self.headerDeadline = nil
    }

    /// A request's body (or its absence) ended; the parser reads a head next.
    func messageEnded() {
        self.parsingHead = true
        self.headBytes = 0
    }

    /// A response was written completely.
    func responseCompleted() {
        self.pendingRequests = max(0, self.pendingRequests - 1)
        if self.pendingRequests == 0 {
            self.becameIdle()
        }
    }

    func stop() {
        self.idleDeadline = nil
        self.headerDeadline = nil
        self.timer?.cancel()
        self.timer = nil
        self.timerDeadline = nil
    }

    private func armTimer() {
        guard let deadline = self.idleDeadline ?? self.headerDeadline else { return }
        if let timerDeadline = self.timerDeadline, timerDeadline <= deadline { return }
        self.timer?.cancel()
        self.timerDeadline = deadline
        self.timer = self.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [self] in
            self.timerFired()
        }
    }

    private func timerFired() {
        self.timer = nil
        self.timerDeadline = nil
        let now = NIODeadline.now()
        if let idleDeadline, idleDeadline <= now, self.pendingRequests == 0, self.headBytes == 0 {
            self.stop()
            self.close?()
        } else if let headerDeadline, headerDeadline <= now {
            self.stop()
            self.close?()
        } else {
            self.armTimer()
        }
    }
}

/// The first handler of a connection: it sees raw bytes, so it enforces what the HTTP parser cannot (the
/// timeouts and the head-size limit, through ``ConnectionGuardState``), and it closes idle connections when the
/// server shuts down gracefully.
final class ConnectionByteGuard: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let state: ConnectionGuardState

    init(state: ConnectionGuardState) {
        self.state = state
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let loopBoundContext = NIOLoopBound(context, eventLoop: context.eventLoop)
        self.state.close = { loopBoundContext.value.close(promise: nil) }
        self.state.becameIdle()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.state.stop()
        self.state.close = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.state.stop()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !self.state.failed else { return }
        let countsTowardsHead = self.state.parsingHead
        if countsTowardsHead {
            let bytes = self.unwrapInboundIn(data).readableBytes
            if self.state.pendingRequests == 0, self.state.headBytes == 0, bytes > 0 {
                self.state.headStarted()
            }
            self.state.headBytes += bytes
        }
        context.fireChannelRead(data)
        // The parser runs synchronously inside fireChannelRead: a head it completed reset the count, so only bytes
        // that still have not produced a head are held against the limit. (A head completed within one read is
        // measured whole when it is validated.)
        if countsTowardsHead, self.state.parsingHead, self.state.headBytes > self.state.maxHeadSize {
            self.state.failed = true
            self.state.stop()
            context.fireErrorCaught(HTTPHeadTooLargeError())
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ChannelShouldQuiesceEvent {
            self.state.control.requestClose()
            // No request pending (idle, or only part of a head received, which is not a request yet): nothing to
            // finish, close now. Otherwise the request loop sees the close request and closes after the response in
            // flight.
            if self.state.pendingRequests == 0 {
                self.state.stop()
                context.close(promise: nil)
            }
            return
        }
        context.fireUserInboundEventTriggered(event)
    }
}

// Removed when a request switches protocols (UpgradeHandshake.accept).
extension ConnectionByteGuard: RemovableChannelHandler {}
