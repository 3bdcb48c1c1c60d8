import ApusCore
import NIOCore
import NIOFileSystem

/// Response bodies read from disk as they are sent, `chunkSize` bytes at a time, on NIO's file-system thread pool:
/// a whole file or one range of it, and the `multipart/byteranges` body of several ranges.
enum FileBody {
    /// The bytes of `range` in the file at `path`.
    static func range(_ range: Range<Int64>, ofFileAt path: String, chunkSize: Int) -> ResponseBody {
        ResponseBody(contentLength: Int(range.count)) { writer in
            guard !range.isEmpty else { return }
            try await FileSystem.shared.withFileHandle(forReadingAt: FilePath(path)) { handle in
                for try await chunk in handle.readChunks(in: range, chunkLength: .bytes(Int64(chunkSize))) {
                    try await writer.write(chunk)
                }
            }
        }
    }

    /// Starlette's `multipart/byteranges` layout: for each range `--boundary`, its `Content-Type` and
    /// `Content-Range`, a blank line, the bytes and CRLF; then `--boundary--` (no CRLF after it).
    static func multipartRanges(
        _ ranges: [Range<Int64>],
        ofFileAt path: String,
        size: Int64,
        contentType: String,
        boundary: String,
        chunkSize: Int
    ) -> ResponseBody {
        let partHeads = ranges.map { range in
            ByteBuffer(
                string: "--\(boundary)\r\nContent-Type: \(contentType)\r\n"
                    + "Content-Range: bytes \(range.lowerBound)-\(range.upperBound - 1)/\(size)\r\n\r\n"
            )
        }
        let closing = ByteBuffer(string: "--\(boundary)--")
        let crlf = ByteBuffer(string: "\r\n")
        let length = zip(ranges, partHeads).reduce(closing.readableBytes) { total, part in
            total + part.1.readableBytes + Int(part.0.count) + crlf.readableBytes
        }
        return ResponseBody(contentLength: length) { writer in
            try await FileSystem.shared.withFileHandle(forReadingAt: FilePath(path)) { handle in
                for (range, head) in zip(ranges, partHeads) {
                    try await writer.write(head)
                    for try await chunk in handle.readChunks(in: range, chunkLength: .bytes(Int64(chunkSize))) {
                        try await writer.write(chunk)
                    }
                    try await writer.write(crlf)
                }
                try await writer.write(closing)
            }
        }
    }
}
