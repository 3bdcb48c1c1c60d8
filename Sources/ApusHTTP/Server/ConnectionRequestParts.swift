import NIOCore
import NIOHTTP1

/// The parts of the requests arriving on one connection, read in order by the connection's request loop and by
/// the body of the request in flight.
///
/// Both readers run in the connection's own task, one after the other: the loop reads a head, hands the body to
/// the application, and reads on (draining what the application left) only after the response is done. That
/// strict hand-over is what makes the unchecked `Sendable` conformance safe: the state is never touched by two
/// tasks at once, and the bridge it reads from checks it is on its event loop. A body handed to another task and
/// read after its response has finished sees the end of stream.
final class ConnectionRequestParts: @unchecked Sendable {
    private let bridge: NIOLoopBound<HTTPRequestPartBridge>
    /// Whether the current request's body has been read to its end.
    private(set) var bodyFinished = true
    /// How many body bytes of the current request have been read.
    private(set) var bodyBytesRead = 0
    /// Written before the first body byte is read when the client sent `Expect: 100-continue`.
    private var pendingContinue: (any Channel)?
    /// Bumped at each new request so a leaked body cannot read the next request's parts.
    private var generation = 0

    /// Why reading the current request's body failed, when the failure is the client's (the server answers it).
    private(set) var bodyFailure: RequestBodyReadError?
    /// The request in flight asked for a protocol upgrade that was not made: parsing resumes after its body.
    private var resumesParsingAfterUpgrade = false
    /// How long the application has waited for this request's body so far (for the minimum data rate).
    private var bodyWaited: Duration = .zero

    private let executor: EventLoopTaskExecutor
    private let bodyReadTimeout: Duration?
    private let minimumBodyDataRate: MinimumDataRate?

    init(
        bridge: NIOLoopBound<HTTPRequestPartBridge>,
        executor: EventLoopTaskExecutor,
        bodyReadTimeout: Duration?,
        minimumBodyDataRate: MinimumDataRate?
    ) {
        self.bridge = bridge
        self.executor = executor
        self.bodyReadTimeout = bodyReadTimeout
        self.minimumBodyDataRate = minimumBodyDataRate
    }

    /// The next part that is not a body part of the current request: the next head, or `nil` at the end.
    func nextHead() async throws -> HTTPRequestHead? {
        while !self.bodyFinished {
            _ = try await self.nextBodyBuffer(generation: self.generation)
        }
        if self.resumesParsingAfterUpgrade {
            self.resumesParsingAfterUpgrade = false
            try self.bridge.value.resumeParsingAfterIgnoredUpgrade()
        }
        guard let part = try await self.bridge.value.next() else { return nil }
        guard case .head(let head) = part else {
            // The parser only produces body and end parts after a head; anything else is a broken stream.
            throw HTTPParserError.invalidInternalState
        }
        self.generation += 1
        self.bodyFinished = false
        self.bodyBytesRead = 0
        self.bodyFailure = nil
        self.bodyWaited = .zero
        return head
    }

    /// Marks that the current request asked to upgrade the protocol (the decoder then stops), and that it is
    /// answered as plain HTTP, so parsing must resume once its body is read.
    func upgradeIgnored() {
        self.resumesParsingAfterUpgrade = true
    }

    /// Waits, before the next request is read, until the responses written so far have drained below the
    /// channel's high watermark; `false` if the client left them unread for `timeout`, or went away.
    func waitUntilWritable(timeout: Duration?) async -> Bool {
        await self.bridge.value.waitUntilWritable(timeout: timeout)
    }

    /// Marks that the current request expects a `100 Continue` before its body is read.
    func expectContinue(on channel: any Channel) {
        self.pendingContinue = channel
    }

    /// The current request's body as a stream for the application.
    func body(declaredLength: Int?, defaultLimit: Int) -> RequestBody {
        RequestBody(
            stream: ConnectionBodyStream(parts: self, generation: self.generation),
            declaredLength: declaredLength,
            defaultLimit: defaultLimit
        )
    }

    /// The next buffer of the body of request `generation`. A body read from a task that does not run on the
    /// connection's event loop (an unstructured `Task` does not inherit the executor preference) is read there.
    fileprivate func nextBodyBuffer(generation: Int) async throws -> ByteBuffer? {
        if self.executor.eventLoop.inEventLoop {
            return try await self.nextBodyBufferOnEventLoop(generation: generation)
        }
        return try await withTaskExecutorPreference(self.executor) {
            try await self.nextBodyBufferOnEventLoop(generation: generation)
        }
    }

    private func nextBodyBufferOnEventLoop(generation: Int) async throws -> ByteBuffer? {
        guard generation == self.generation, !self.bodyFinished else { return nil }
        if let channel = self.pendingContinue {
            self.pendingContinue = nil
            channel.writeAndFlush(ByteBuffer(string: "HTTP/1.1 100 Continue\r\n\r\n"), promise: nil)
        }
        while true {
            // A part that has arrived already costs no waiting, and no clock reads (most bodies, and the end of
            // every GET, are read this way).
            while let part = self.bridge.value.nextIfBuffered() {
                if let buffer = try self.consume(part) { return buffer }
                if self.bodyFinished { return nil }
            }
            let part: HTTPServerRequestPart?
            let waitStart = NIODeadline.now()
            do {
                part = try await self.bridge.value.next(deadline: self.bodyDeadline(from: waitStart))
            } catch {
                self.bodyFinished = true
                switch error {
                case let error as RequestBodyReadError: self.bodyFailure = error
                case is HTTPParserError: self.bodyFailure = .malformed
                default: break
                }
                throw self.bodyFailure ?? error
            }
            self.bodyWaited += Duration(NIODeadline.now() - waitStart)
            guard let part else {
                self.bodyFinished = true
                throw ChannelError.eof
            }
            if let buffer = try self.consume(part) { return buffer }
            if self.bodyFinished { return nil }
        }
    }

    /// Takes one body part: its bytes, or `nil` for an empty buffer (read on) and for the end (``bodyFinished`` is
    /// then set).
    private func consume(_ part: HTTPServerRequestPart) throws -> ByteBuffer? {
        switch part {
        case .body(let buffer):
            if buffer.readableBytes == 0 { return nil }
            self.bodyBytesRead += buffer.readableBytes
            return buffer
        case .end(let trailers):
            self.bodyFinished = true
            // RFC 9110 §6.5.1: a trailer must not carry framing; one that does is a smuggling attempt.
            if let trailers, trailers.contains(name: "content-length") || trailers.contains(name: "transfer-encoding") {
                self.bodyFailure = .malformed
                throw RequestBodyReadError.malformed
            }
            return nil
        case .head:
            throw HTTPParserError.invalidInternalState
        }
    }

    /// When the body bytes the application is about to wait for are late: the sooner of the read timeout and the
    /// moment the body's average rate, counted over the time spent waiting, falls below the minimum.
    private func bodyDeadline(from now: NIODeadline) -> NIODeadline? {
        var deadline = self.bodyReadTimeout.map { now + TimeAmount($0) }
        if let rate = self.minimumBodyDataRate, rate.bytesPerSecond > 0 {
            let allowed = max(rate.gracePeriod, .seconds(Double(self.bodyBytesRead) / Double(rate.bytesPerSecond)))
            let rateDeadline = now + TimeAmount(allowed - self.bodyWaited)
            deadline = deadline.map { min($0, rateDeadline) } ?? rateDeadline
        }
        return deadline
    }

    /// Whether the client waits for a `100 Continue` that has not been sent.
    var awaitsContinue: Bool { self.pendingContinue != nil }

    /// Tells the connection's guard that the current request's response has been written completely.
    func responseCompleted() {
        self.bridge.value.responseCompleted()
    }

    /// Skips the current request's unread body without asking the client for it (no `100 Continue`).
    func discardUnsentContinue() {
        self.pendingContinue = nil
    }
}

/// The body of one request on a connection.
struct ConnectionBodyStream: RequestBodyStream {
    let parts: ConnectionRequestParts
    let generation: Int

    func next() async throws -> ByteBuffer? {
        try await self.parts.nextBodyBuffer(generation: self.generation)
    }
}
