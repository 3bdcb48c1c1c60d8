public import NIOCore

/// A file sent in a multipart form (FastAPI's `UploadFile`): its filename, content type and part headers, its
/// size, and async reads of its contents.
///
/// Contents up to ``FormLimits/spoolThreshold`` (1 MiB) stay in memory; larger uploads live in a temporary file,
/// so an upload is never held whole in memory. ``close()`` removes the temporary file; the form's owner (the
/// endpoints layer) closes every upload once the response is sent, and an upload dropped without `close()`
/// removes its file when the last reference goes away.
///
/// Reads share one position, as a Python file object does: ``read()`` returns the rest from it, ``seek(to:)``
/// moves it. ``chunks(ofSize:)`` reads from the start independently of the position.
public actor UploadedFile {
    /// The form field name the file was sent under.
    public nonisolated let fieldName: String
    /// The filename from `Content-Disposition` (may be empty: browsers send `filename=""` for an empty file input).
    public nonisolated let filename: String
    /// The part's `Content-Type` header, if it had one.
    public nonisolated let contentType: String?
    /// Every header of the part.
    public nonisolated let headers: FormPartHeaders
    /// The size in bytes.
    public nonisolated let size: Int
    /// The temporary file's path when the upload spilled to disk, `nil` when it is in memory. The file is removed
    /// by ``close()``; move or copy it before then to keep it.
    public nonisolated let temporaryFilePath: String?

    private var storage: UploadStorage?
    private var position = 0

    /// Creates an upload held in memory (for tests, or uploads made by hand).
    public init(fieldName: String, filename: String, contentType: String? = nil, headers: FormPartHeaders = .init(), contents: ByteBuffer) {
        self.init(
            fieldName: fieldName, filename: filename, contentType: contentType, headers: headers, size: contents.readableBytes,
            storage: .memory(contents))
    }

    init(fieldName: String, filename: String, contentType: String?, headers: FormPartHeaders, size: Int, storage: UploadStorage) {
        self.fieldName = fieldName
        self.filename = filename
        self.contentType = contentType
        self.headers = headers
        self.size = size
        self.storage = storage
        if case .disk(let file) = storage {
            self.temporaryFilePath = file.path
        } else {
            self.temporaryFilePath = nil
        }
    }

    /// Whether the upload is in a temporary file rather than in memory.
    public nonisolated var isOnDisk: Bool { self.temporaryFilePath != nil }

    /// Whether ``close()`` has been called.
    public var isClosed: Bool {
        if case .none = self.storage { true } else { false }
    }

    /// The position the next ``read()`` starts from.
    public var currentPosition: Int { self.position }

    /// Reads everything from the current position to the end and moves the position there.
    ///
    /// This holds the rest of the file in memory: prefer ``read(upTo:)`` or ``chunks(ofSize:)`` for large files.
    public func read() async throws -> ByteBuffer {
        try await self.read(upTo: self.size - self.position)
    }

    /// Reads at most `maxLength` bytes from the current position and moves the position past them; an empty
    /// buffer means the end of the file.
    public func read(upTo maxLength: Int) async throws -> ByteBuffer {
        let chunk = try await self.readChunk(at: self.position, maxLength: maxLength)
        self.position += chunk.readableBytes
        return chunk
    }

    /// Moves the position to `offset`, clamped to the file's bounds; `seek(to: 0)` rewinds.
    public func seek(to offset: Int) throws {
        guard !self.isClosed else { throw UploadedFileError.closed }
        self.position = min(max(offset, 0), self.size)
    }

    /// Reads at most `maxLength` bytes at `offset` without moving the position.
    public func readChunk(at offset: Int, maxLength: Int) async throws -> ByteBuffer {
        let offset = max(0, offset)
        let length = max(0, min(maxLength, self.size - offset))
        switch self.storage {
        case nil:
            throw UploadedFileError.closed
        case .memory(let buffer):
            guard length > 0 else { return ByteBuffer() }
            // Safe to unwrap: `offset + length <= size == buffer.readableBytes` and `length > 0`.
            return buffer.getSlice(at: buffer.readerIndex + offset, length: length)!
        case .disk(let file):
            guard length > 0 else { return ByteBuffer() }
            return try await file.read(at: offset, length: length)
        }
    }

    /// The contents from the start, as chunks of at most `chunkSize` bytes, independent of ``currentPosition``.
    public nonisolated func chunks(ofSize chunkSize: Int = 64 * 1024) -> UploadedFileChunks {
        UploadedFileChunks(file: self, chunkSize: chunkSize)
    }

    /// Releases the contents and removes the temporary file. Later reads throw ``UploadedFileError/closed``;
    /// closing again does nothing.
    public func close() async {
        guard let storage = self.storage else { return }
        self.storage = nil
        if case .disk(let file) = storage {
            await file.close()
        }
    }
}
