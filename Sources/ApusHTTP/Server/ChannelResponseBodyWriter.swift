import NIOCore

/// Writes a streamed response body to the connection as it is produced, chunk-framed when its length is
/// unknown, and suspends while the socket is not writable so a producer cannot outrun a slow client.
struct ChannelResponseBodyWriter: ResponseBodyWriter {
    let channel: any Channel
    let chunked: Bool
    private(set) var lastWrite: EventLoopFuture<Void>?
    private(set) var bytesWritten = 0

    private static let crlf = ByteBuffer(string: "\r\n")
    private static let lastChunk = ByteBuffer(string: "0\r\n\r\n")

    init(channel: any Channel, chunked: Bool) {
        self.channel = channel
        self.chunked = chunked
    }

    mutating func write(_ buffer: ByteBuffer) async throws {
        guard buffer.readableBytes > 0 else { return }
        try Task.checkCancellation()
        guard self.channel.isActive else { throw ChannelError.ioOnClosedChannel }
        let write: EventLoopFuture<Void>
        if self.chunked {
            var size = self.channel.allocator.buffer(capacity: 10)
            size.writeString(String(buffer.readableBytes, radix: 16))
            size.writeStaticString("\r\n")
            self.channel.write(size, promise: nil)
            self.channel.write(buffer, promise: nil)
            write = self.channel.writeAndFlush(Self.crlf)
        } else {
            write = self.channel.writeAndFlush(buffer)
        }
        self.bytesWritten += buffer.readableBytes
        self.lastWrite = write
        if !self.channel.isWritable {
            try await write.get()
        }
    }

    /// Ends a chunked body.
    mutating func finish() {
        if self.chunked {
            self.lastWrite = self.channel.writeAndFlush(Self.lastChunk)
        }
    }
}
