import ApusCore
import CompressNIO
import NIOCore
import NIOPosix

/// One gzip stream (deflate with a gzip header and trailer, 32 KiB window, zlib's default memory level: what
/// Python's `zlib.compressobj(level, DEFLATED, 16 + MAX_WBITS)` makes), fed one buffer at a time.
///
/// `@unchecked Sendable` because zlib's state is a plain C struct. Safety: an instance belongs to one response
/// body; its writer awaits each ``compress(_:finish:)`` (inline, or on the thread pool) before it makes the next
/// call, so no two threads touch the stream at once, and the hop to and from the pool (a lock and a continuation)
/// orders each call after the one before.
final class GzipStream: @unchecked Sendable {
    /// Buffers at least this large are compressed on NIO's thread pool, not on the event loop (Starlette's
    /// `thread_minimum_size`, 128 KiB: level 9 takes milliseconds per 100 KiB).
    static let threadMinimumSize = 128 * 1024

    private let compressor: ZlibCompressor

    init(level: Int) throws {
        self.compressor = try ZlibCompressor(
            algorithm: .gzip,
            configuration: ZlibConfiguration(windowSize: 15, compressionLevel: Int32(level), memoryLevel: 8, strategy: .default)
        )
    }

    /// Compresses `input`, then flushes (`Z_SYNC_FLUSH`, so everything written so far can be decompressed by the
    /// client now) or, with `finish`, ends the stream (`Z_FINISH`, trailer included). Large buffers go to the
    /// thread pool.
    func compressOffLoop(_ input: ByteBuffer, finish: Bool) async throws -> ByteBuffer {
        guard input.readableBytes >= Self.threadMinimumSize else {
            return try self.compress(input, finish: finish)
        }
        return try await NIOThreadPool.singleton.runIfActive { try self.compress(input, finish: finish) }
    }

    /// The synchronous step behind ``compressOffLoop(_:finish:)``. Output space grows until zlib has written
    /// everything, so the cost is linear in the input.
    func compress(_ input: ByteBuffer, finish: Bool) throws -> ByteBuffer {
        var input = input
        if input.capacity == 0 {
            // zlib needs a real (if empty) input pointer.
            input.reserveCapacity(16)
        }
        var output = ByteBuffer()
        output.reserveCapacity(self.compressor.maxSize(from: input))
        while true {
            output.reserveCapacity(minimumWritableBytes: 4096)
            do {
                try self.compressor.deflate(from: &input, to: &output, flush: finish ? .finish : .sync)
                // Finish: the stream has ended. Sync: done unless zlib filled the buffer and may have more.
                if finish || output.writableBytes > 0 { return output }
            } catch let error as CompressNIOError where error == .bufferOverflow {
                // Finish: more output space is needed. Sync: `Z_BUF_ERROR` with room to spare means nothing was
                // left to write.
                if !finish && output.writableBytes > 0 && input.readableBytes == 0 { return output }
            }
        }
    }
}

/// A body writer that gzips every buffer on its way to `base`.
struct GzipResponseBodyWriter: ResponseBodyWriter {
    var base: any ResponseBodyWriter
    let stream: GzipStream

    mutating func write(_ buffer: ByteBuffer) async throws {
        guard buffer.readableBytes > 0 else { return }
        try await self.base.write(try await self.stream.compressOffLoop(buffer, finish: false))
    }

    /// Writes the end of the gzip stream (the last deflate block and the CRC and length trailer).
    mutating func finish() async throws {
        try await self.base.write(try await self.stream.compressOffLoop(ByteBuffer(), finish: true))
    }
}
