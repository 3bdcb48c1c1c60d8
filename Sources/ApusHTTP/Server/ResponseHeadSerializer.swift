import HTTPTypes
import NIOCore

/// Writes an HTTP/1.1 status line and header block straight into a buffer.
///
/// Written by hand instead of converting to NIOHTTP1's `HTTPResponseHead` and its encoder: serialising
/// `HTTPFields` directly saves a header-array copy per response and lets a small body go out in the same buffer
/// (one write, one syscall) as the head.
enum ResponseHeadSerializer {
    /// How the body's length is framed on the wire.
    enum Framing {
        /// `content-length: n`, then exactly n bytes.
        case length(Int)
        /// `transfer-encoding: chunked`.
        case chunked
        /// Neither (HEAD responses to streamed bodies of unknown length, and statuses that forbid a body).
        case none
    }

    static func write(
        status: HTTPResponse.Status,
        headers: HTTPFields,
        framing: Framing,
        connectionHeader: String?,
        serverHeader: String?,
        dateHeader: Bool,
        into buffer: inout ByteBuffer
    ) {
        buffer.writeStaticString("HTTP/1.1 ")
        buffer.writeString(String(status.code))
        buffer.writeStaticString(" ")
        buffer.writeString(status.standardPhrase)
        buffer.writeStaticString("\r\n")
        if dateHeader {
            buffer.writeStaticString("date: ")
            buffer.writeString(DateHeaderCache.current())
            buffer.writeStaticString("\r\n")
        }
        if let serverHeader {
            buffer.writeStaticString("server: ")
            buffer.writeString(serverHeader)
            buffer.writeStaticString("\r\n")
        }
        var wroteFraming = false
        for field in headers {
            switch field.name {
            case .contentLength:
                // Rewritten in place so its position matches what the application built, with the real length.
                guard !wroteFraming else { continue }
                wroteFraming = true
                Self.writeFraming(framing, into: &buffer)
            case .transferEncoding, .connection:
                continue
            default:
                buffer.writeString(field.name.canonicalName)
                buffer.writeStaticString(": ")
                buffer.writeString(field.value)
                buffer.writeStaticString("\r\n")
            }
        }
        if !wroteFraming {
            Self.writeFraming(framing, into: &buffer)
        }
        if let connectionHeader {
            buffer.writeStaticString("connection: ")
            buffer.writeString(connectionHeader)
            buffer.writeStaticString("\r\n")
        }
        buffer.writeStaticString("\r\n")
    }

    private static func writeFraming(_ framing: Framing, into buffer: inout ByteBuffer) {
        switch framing {
        case .length(let length):
            buffer.writeStaticString("content-length: ")
            buffer.writeString(String(length))
            buffer.writeStaticString("\r\n")
        case .chunked:
            buffer.writeStaticString("transfer-encoding: chunked\r\n")
        case .none:
            break
        }
    }
}
