public import NIOCore

/// The body of a request, as a stream of buffers that arrives with backpressure: the server reads from the
/// socket only as fast as the body is consumed.
///
/// A body can be iterated once. ``collect(upTo:)`` gathers it into one buffer, bounded by a limit (by default the
/// server's `maxBodySize`); a larger body throws ``RequestBodyTooLargeError``, which the application answers with
/// 413, and the server then closes the connection instead of reading the rest.
public struct RequestBody: AsyncSequence, Sendable {
    public typealias Element = ByteBuffer

    @usableFromInline
    enum Storage: Sendable {
        case buffer(ByteBuffer)
        case stream(any RequestBodyStream)
    }

    @usableFromInline
    let storage: Storage

    /// The length the client declared in `content-length`, if any.
    public let declaredLength: Int?

    /// The most ``collect(upTo:)`` gathers when no explicit limit is given.
    public let defaultLimit: Int

    /// A body already in memory.
    public init(buffer: ByteBuffer, defaultLimit: Int = .max) {
        self.storage = .buffer(buffer)
        self.declaredLength = buffer.readableBytes
        self.defaultLimit = defaultLimit
    }

    /// An empty body.
    public static var empty: RequestBody { RequestBody(buffer: ByteBuffer()) }

    /// A body read from a stream (the server's connection, or a test's async sequence).
    public init(stream: any RequestBodyStream, declaredLength: Int?, defaultLimit: Int) {
        self.storage = .stream(stream)
        self.declaredLength = declaredLength
        self.defaultLimit = defaultLimit
    }

    /// A body that yields the buffers of an async sequence.
    public init<Buffers: AsyncSequence & Sendable>(
        asyncSequence: Buffers,
        declaredLength: Int? = nil,
        defaultLimit: Int = .max
    ) where Buffers.Element == ByteBuffer, Buffers.AsyncIterator: SendableMetatype {
        self.init(stream: AsyncSequenceBodyStream(asyncSequence), declaredLength: declaredLength, defaultLimit: defaultLimit)
    }

    /// Iterates the body's buffers.
    public struct AsyncIterator: AsyncIteratorProtocol {
        @usableFromInline
        var pending: ByteBuffer?
        @usableFromInline
        let stream: (any RequestBodyStream)?

        @inlinable
        init(pending: ByteBuffer?, stream: (any RequestBodyStream)?) {
            self.pending = pending
            self.stream = stream
        }

        @inlinable
        public mutating func next() async throws -> ByteBuffer? {
            if let buffer = self.pending {
                self.pending = nil
                return buffer.readableBytes > 0 ? buffer : nil
            }
            return try await self.stream?.next()
        }
    }

    @inlinable
    public func makeAsyncIterator() -> AsyncIterator {
        switch self.storage {
        case .buffer(let buffer): AsyncIterator(pending: buffer, stream: nil)
        case .stream(let stream): AsyncIterator(pending: nil, stream: stream)
        }
    }

    /// Gathers the whole body into one buffer, up to ``defaultLimit`` (the server's `maxBodySize`).
    ///
    /// - Throws: ``RequestBodyTooLargeError`` when the body (declared or actual) is larger than the limit.
    public func collect() async throws -> ByteBuffer {
        try await self.collect(upTo: self.defaultLimit)
    }

    /// Gathers the whole body into one buffer.
    ///
    /// Declared here (rather than inherited from NIO's `AsyncSequence.collect(upTo:)`) so that going over the limit
    /// throws ``RequestBodyTooLargeError``, which the application answers with 413.
    ///
    /// - Parameter limit: the most bytes to accept.
    /// - Throws: ``RequestBodyTooLargeError`` when the body (declared or actual) is larger than the limit.
    public func collect(upTo limit: Int) async throws -> ByteBuffer {
        if let declaredLength, declaredLength > limit {
            throw RequestBodyTooLargeError(limit: limit)
        }
        switch self.storage {
        case .buffer(let buffer):
            guard buffer.readableBytes <= limit else { throw RequestBodyTooLargeError(limit: limit) }
            return buffer
        case .stream(let stream):
            guard var collected = try await stream.next() else { return ByteBuffer() }
            while var next = try await stream.next() {
                guard collected.readableBytes + next.readableBytes <= limit else {
                    throw RequestBodyTooLargeError(limit: limit)
                }
                collected.writeBuffer(&next)
            }
            guard collected.readableBytes <= limit else { throw RequestBodyTooLargeError(limit: limit) }
            return collected
        }
    }
}

/// A source of request body buffers, read once, front to back. `nil` marks the end of the body.
public protocol RequestBodyStream: Sendable {
    /// The next buffer of the body, or `nil` at its end.
    func next() async throws -> ByteBuffer?
}

/// The request body was larger than the limit it was collected with.
public struct RequestBodyTooLargeError: Error, Hashable, Sendable {
    /// The limit that was exceeded, in bytes.
    public let limit: Int

    /// Creates the error.
    public init(limit: Int) {
        self.limit = limit
    }
}

/// Adapts an async sequence (used by tests and in-process clients) to a ``RequestBodyStream``.
final class AsyncSequenceBodyStream<Buffers: AsyncSequence & Sendable>: RequestBodyStream, @unchecked Sendable
where Buffers.Element == ByteBuffer, Buffers.AsyncIterator: SendableMetatype {
    // The iterator is created lazily and touched only by whoever consumes the body. A body is consumed by one
    // task at a time (documented on RequestBody: iterate it once), which is what makes this unchecked conformance
    // safe; the lock-free design keeps in-process test requests cheap.
    private var iterator: Buffers.AsyncIterator?
    private let sequence: Buffers

    init(_ sequence: Buffers) {
        self.sequence = sequence
    }

    func next() async throws -> ByteBuffer? {
        if self.iterator == nil {
            self.iterator = self.sequence.makeAsyncIterator()
        }
        return try await self.iterator?.next()
    }
}

/// Why the server could not read a request body from the connection. The application sees it thrown while
/// reading the body; whatever it answers, the server replaces that answer with its own (400 or 408) and closes
/// the connection, because the request itself is broken.
public enum RequestBodyReadError: Error, Sendable, Hashable {
    /// The body's framing is invalid: a bad chunk size or extension, missing CRLF after chunk data, or a framing
    /// field (`content-length`, `transfer-encoding`) in the trailers. Answered 400.
    case malformed
    /// The client sent the body too slowly (``ServerConfiguration/bodyReadTimeout`` or
    /// ``ServerConfiguration/minimumBodyDataRate``). Answered 408.
    case timedOut
}
