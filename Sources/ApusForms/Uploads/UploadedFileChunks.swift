public import NIOCore

/// The contents of an ``UploadedFile`` as an async sequence of buffers, read from disk one chunk at a time.
public struct UploadedFileChunks: AsyncSequence, Sendable {
    /// A chunk of the file.
    public typealias Element = ByteBuffer

    let file: UploadedFile
    let chunkSize: Int

    /// Reads the next chunk each time it is asked for.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let file: UploadedFile
        let chunkSize: Int
        var offset = 0

        /// The next chunk, or `nil` at the end of the file.
        public mutating func next() async throws -> ByteBuffer? {
            let chunk = try await self.file.readChunk(at: self.offset, maxLength: self.chunkSize)
            guard chunk.readableBytes > 0 else { return nil }
            self.offset += chunk.readableBytes
            return chunk
        }
    }

    /// Starts reading from the beginning of the file.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(file: self.file, chunkSize: Swift.max(1, self.chunkSize))
    }
}
