import NIOCore

/// Collects one file part while it streams in: in memory up to the spool threshold, then in a temporary file.
///
/// Writes to disk are gathered into blocks of ``writeBlockSize`` so that a 200 MB upload costs a few hundred
/// thread-pool hops, not one per network read.
struct UploadSpooler {
    /// How many bytes are gathered before one write to the temporary file.
    static let writeBlockSize = 512 * 1024

    private let threshold: Int
    private let directory: String
    private var pending = ByteBuffer()
    private var file: TemporaryUploadFile?
    private var flushedSize = 0

    /// How many bytes the upload holds so far.
    private(set) var size = 0

    init(threshold: Int, directory: String) {
        self.threshold = threshold
        self.directory = directory
    }

    /// Appends the next bytes of the part.
    mutating func append(_ buffer: inout ByteBuffer) async throws {
        self.size += buffer.readableBytes
        self.pending.writeBuffer(&buffer)
        if self.file == nil {
            guard self.pending.readableBytes > self.threshold else { return }
            self.file = try await TemporaryUploadFile.create(in: self.directory)
        }
        if self.pending.readableBytes >= Self.writeBlockSize {
            try await self.flush()
        }
    }

    /// Ends the part and hands over its storage.
    mutating func finish() async throws -> UploadStorage {
        guard let file = self.file else { return .memory(self.pending) }
        try await self.flush()
        return .disk(file)
    }

    /// Drops the part, removing its temporary file (the body failed or ended early).
    mutating func discard() async {
        await self.file?.close()
        self.file = nil
        self.pending.clear()
    }

    private mutating func flush() async throws {
        guard let file = self.file, self.pending.readableBytes > 0 else { return }
        try await file.write(self.pending, at: self.flushedSize)
        self.flushedSize += self.pending.readableBytes
        // Reuses the block's memory when nothing else holds it.
        self.pending.clear()
    }
}
