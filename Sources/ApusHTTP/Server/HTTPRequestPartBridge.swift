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
    private var waiter: CheckedContinuation<HTTPServerRequestPart?, any Error>?
    private var failure: (any Error)?
    private var finished = false
    private var readPending = false
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
        if case .head = part {
            self.state.headReceived()
        }
        if let waiter = self.waiter {
            self.waiter = nil
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
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        self.finish(with: error)
    }

    func read(context: ChannelHandlerContext) {
        if self.bufferedCount >= Self.highWatermark {
            self.readPending = true
        } else {
            context.read()
        }
    }

    private func finish(with error: (any Error)?) {
        guard !self.finished else { return }
        self.finished = true
        self.failure = error
        if let waiter = self.waiter {
            self.waiter = nil
            if let error { waiter.resume(throwing: error) } else { waiter.resume(returning: nil) }
        }
    }

    /// The next request part, or `nil` once the connection has closed. Must be called on the channel's event loop.
    func next() async throws -> HTTPServerRequestPart? {
        if let part = self.popFirst() {
            if self.readPending, self.bufferedCount < Self.highWatermark / 2 {
                self.readPending = false
                self.context?.read()
            }
            return part
        }
        if self.finished {
            if let failure = self.failure {
                self.failure = nil
                throw failure
            }
            return nil
        }
        return try await withCheckedThrowingContinuation { continuation in
            self.waiter = continuation
        }
    }

    /// Tells the connection's guard that a response has been written completely.
    func responseCompleted() {
        self.state.responseCompleted()
    }
}
