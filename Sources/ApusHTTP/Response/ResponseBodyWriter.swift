public import NIOCore

/// Where a response body goes, one buffer at a time.
///
/// The server's writer sends each buffer as it is written (chunked when the length is unknown) and suspends
/// while the client is not reading, so a producer never runs ahead of the socket. Middleware wraps a writer to
/// transform a streamed body without buffering it.
public protocol ResponseBodyWriter {
    /// Sends one buffer of the body.
    mutating func write(_ buffer: ByteBuffer) async throws
}

extension ResponseBodyWriter {
    /// Sends every buffer of a sequence, in order.
    public mutating func write(contentsOf buffers: some Sequence<ByteBuffer>) async throws {
        for buffer in buffers {
            try await self.write(buffer)
        }
    }

    /// Sends every buffer an async sequence produces, as it produces them.
    public mutating func write<Buffers: AsyncSequence>(_ buffers: Buffers) async throws where Buffers.Element == ByteBuffer {
        for try await buffer in buffers {
            try await self.write(buffer)
        }
    }
}

/// A writer that applies a transform to every buffer before handing it on.
struct MappedResponseBodyWriter: ResponseBodyWriter {
    var base: any ResponseBodyWriter
    let transform: @Sendable (ByteBuffer) async throws -> ByteBuffer

    mutating func write(_ buffer: ByteBuffer) async throws {
        try await self.base.write(try await self.transform(buffer))
    }
}

/// A writer that collects everything into one buffer; used where a whole body is needed in memory.
public struct CollectingResponseBodyWriter: ResponseBodyWriter {
    /// Everything written so far.
    public var buffer: ByteBuffer

    /// Creates an empty collector.
    public init() {
        self.buffer = ByteBuffer()
    }

    public mutating func write(_ buffer: ByteBuffer) async throws {
        var buffer = buffer
        self.buffer.writeBuffer(&buffer)
    }
}
