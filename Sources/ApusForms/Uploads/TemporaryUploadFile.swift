import NIOCore
import NIOPosix
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A temporary file holding an upload past its in-memory threshold, removed on ``close()`` or, as a fallback,
/// when the last reference goes away.
///
/// Every system call runs on `NIOThreadPool.singleton`, never on the caller's executor (which may be an event
/// loop). A plain descriptor is used instead of NIOFileSystem's handles because those must be closed
/// asynchronously before they are released, and a file dropped without `close()` must still be removed from a
/// synchronous `deinit`.
final class TemporaryUploadFile: Sendable {
    /// The file's path.
    let path: String
    private let descriptor: CInt
    private let isClosed = Atomic<Bool>(false)

    private init(path: String, descriptor: CInt) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit {
        guard !self.isClosed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        let descriptor = self.descriptor
        let path = self.path
        NIOThreadPool.singleton.submit { _ in
            _ = Self.closeAndRemove(descriptor: descriptor, path: path)
        }
    }

    /// Creates an empty file named `apus-upload-XXXXXX` in `directory`.
    static func create(in directory: String) async throws -> TemporaryUploadFile {
        try await NIOThreadPool.singleton.runIfActive {
            var template = Array("\(directory)/apus-upload-XXXXXX".utf8CString)
            let descriptor = template.withUnsafeMutableBufferPointer { buffer -> CInt in
                // Safe to unwrap: the array holds at least the template and its NUL, so it has a base address.
                mkstemp(buffer.baseAddress!)
            }
            guard descriptor >= 0 else { throw UploadedFileError.io(operation: "mkstemp", errno: errno) }
            let path = template.withUnsafeBufferPointer { buffer in
                // Same reasoning: non-empty and NUL-terminated.
                String(cString: buffer.baseAddress!)
            }
            return TemporaryUploadFile(path: path, descriptor: descriptor)
        }
    }

    /// The directory uploads go to when ``FormLimits/temporaryDirectory`` is `nil`.
    static var defaultDirectory: String {
        if let directory = getenv("TMPDIR").map({ String(cString: $0) }), !directory.isEmpty {
            return directory
        }
        return "/tmp"
    }

    /// Writes all of `buffer` at `offset`.
    func write(_ buffer: ByteBuffer, at offset: Int) async throws {
        try self.ensureOpen()
        let descriptor = self.descriptor
        try await NIOThreadPool.singleton.runIfActive {
            try buffer.withUnsafeReadableBytes { bytes in
                var written = 0
                while written < bytes.count {
                    let result = pwrite(
                        descriptor,
                        bytes.baseAddress.map { $0 + written },
                        bytes.count - written,
                        off_t(offset + written)
                    )
                    if result < 0 {
                        if errno == EINTR { continue }
                        throw UploadedFileError.io(operation: "pwrite", errno: errno)
                    }
                    written += result
                }
            }
        }
    }

    /// Reads up to `length` bytes at `offset`; fewer at the end of the file, none past it.
    func read(at offset: Int, length: Int) async throws -> ByteBuffer {
        try self.ensureOpen()
        let descriptor = self.descriptor
        return try await NIOThreadPool.singleton.runIfActive {
            var buffer = ByteBufferAllocator().buffer(capacity: length)
            while buffer.readableBytes < length {
                let alreadyRead = buffer.readableBytes
                let count = try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: length - alreadyRead) { bytes in
                    while true {
                        let result = pread(descriptor, bytes.baseAddress, length - alreadyRead, off_t(offset + alreadyRead))
                        if result < 0 {
                            if errno == EINTR { continue }
                            throw UploadedFileError.io(operation: "pread", errno: errno)
                        }
                        return result
                    }
                }
                if count == 0 { break }
            }
            return buffer
        }
    }

    /// Closes the descriptor and removes the file. Later calls do nothing.
    func close() async {
        guard !self.isClosed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        let descriptor = self.descriptor
        let path = self.path
        // `runIfActive` throws only when the pool is shut down, which the singleton never is; the file must go
        // all the same, so that case removes it here.
        do {
            _ = try await NIOThreadPool.singleton.runIfActive { Self.closeAndRemove(descriptor: descriptor, path: path) }
        } catch {
            _ = Self.closeAndRemove(descriptor: descriptor, path: path)
        }
    }

    private func ensureOpen() throws {
        if self.isClosed.load(ordering: .acquiring) { throw UploadedFileError.closed }
    }

    private static func closeAndRemove(descriptor: CInt, path: String) -> Bool {
        let closed = closeDescriptor(descriptor) == 0
        let removed = unlink(path) == 0
        return closed && removed
    }
}

/// `close(2)`, named apart so that `TemporaryUploadFile.close()` does not shadow it.
private func closeDescriptor(_ descriptor: CInt) -> CInt {
    close(descriptor)
}
