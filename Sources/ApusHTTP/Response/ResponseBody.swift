public import NIOCore

/// The body of a response: nothing, bytes already in memory, or a closure that writes them as they are produced.
///
/// Streaming bodies are a closure over a ``ResponseBodyWriter`` so that middleware can wrap them (see
/// ``map(_:)``) without buffering, and so that the server sends each piece the moment it is written.
public struct ResponseBody: Sendable {
    /// A closure that writes a streamed body.
    public typealias Writer = @Sendable (inout any ResponseBodyWriter) async throws -> Void

    @usableFromInline
    enum Storage: Sendable {
        case empty
        case buffer(ByteBuffer)
        case stream(contentLength: Int?, Writer)
    }

    @usableFromInline
    let storage: Storage

    /// An empty body.
    public static var empty: ResponseBody { ResponseBody(storage: .empty) }

    @usableFromInline
    init(storage: Storage) {
        self.storage = storage
    }

    /// A body held in memory.
    @inlinable
    public init(buffer: ByteBuffer) {
        self.storage = buffer.readableBytes == 0 ? .empty : .buffer(buffer)
    }

    /// A body of UTF-8 text.
    public init(string: String) {
        self.init(buffer: ByteBuffer(string: string))
    }

    /// A body of raw bytes.
    public init(bytes: some Sequence<UInt8>) {
        self.init(buffer: ByteBuffer(bytes: bytes))
    }

    /// A streamed body written by a closure. Pass `contentLength` when it is known; otherwise the response is
    /// sent with chunked transfer encoding.
    public init(contentLength: Int? = nil, _ write: @escaping Writer) {
        self.storage = .stream(contentLength: contentLength, write)
    }

    /// A streamed body that sends each buffer an async sequence produces, as it is produced. Iteration stops
    /// (and the sequence's task is cancelled) when the client goes away.
    public init<Buffers: AsyncSequence & Sendable>(asyncSequence: Buffers) where Buffers.Element == ByteBuffer {
        self.storage = .stream(contentLength: nil) { writer in
            try await writer.write(asyncSequence)
        }
    }

    /// The body's length in bytes when it is known before sending.
    @inlinable
    public var contentLength: Int? {
        switch self.storage {
        case .empty: 0
        case .buffer(let buffer): buffer.readableBytes
        case .stream(let length, _): length
        }
    }

    /// The bytes of a body held in memory; `nil` for a streamed body.
    @inlinable
    public var buffer: ByteBuffer? {
        switch self.storage {
        case .empty: ByteBuffer()
        case .buffer(let buffer): buffer
        case .stream: nil
        }
    }

    /// Whether the body is produced while it is sent.
    public var isStreamed: Bool {
        if case .stream = self.storage { return true }
        return false
    }

    /// Writes the whole body to `writer`.
    @inlinable
    public func write(to writer: inout any ResponseBodyWriter) async throws {
        switch self.storage {
        case .empty:
            return
        case .buffer(let buffer):
            try await writer.write(buffer)
        case .stream(_, let write):
            try await write(&writer)
        }
    }

    /// A body whose every buffer is passed through `transform` as it is written; the length becomes unknown.
    public func map(_ transform: @escaping @Sendable (ByteBuffer) async throws -> ByteBuffer) -> ResponseBody {
        let original = self
        return ResponseBody(contentLength: nil) { writer in
            var mapped: any ResponseBodyWriter = MappedResponseBodyWriter(base: writer, transform: transform)
            defer {
                // Hand back the wrapped writer: value-type writers (a collector, say) carry what was written.
                if let mapped = mapped as? MappedResponseBodyWriter { writer = mapped.base }
            }
            try await original.write(to: &mapped)
        }
    }

    /// Collects the whole body into one buffer (for tests and for middleware that must see all of it).
    public func collect() async throws -> ByteBuffer {
        if let buffer = self.buffer { return buffer }
        var collector: any ResponseBodyWriter = CollectingResponseBodyWriter()
        try await self.write(to: &collector)
        // The collector was created just above as a CollectingResponseBodyWriter and `write(to:)` only writes into it.
        return (collector as? CollectingResponseBodyWriter)?.buffer ?? ByteBuffer()
    }
}
