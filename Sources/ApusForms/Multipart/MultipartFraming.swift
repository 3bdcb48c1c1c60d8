import NIOCore

/// Follows the structure of a multipart body byte by byte, beside multipart-kit's parser, to apply what that
/// parser does not check:
/// - python-multipart requires the body to open with `--boundary` (after any blank lines) and rejects anything
///   else; multipart-kit would skip it as a preamble. A body that ends before the boundary is complete is not an
///   error: it parses to an empty form, as in Starlette.
/// - python-multipart allows at most ``FormLimits/maxPartHeaderCount`` header lines per part and
///   ``FormLimits/maxPartHeaderSize`` bytes per line. Besides matching FastAPI, the limits keep the cost linear:
///   multipart-kit copies the header line it is collecting once per network buffer, so an unbounded line sent
///   in small buffers costs O(n²).
///
/// Any break of these rules is ``FormParsingError/Reason/malformedBody``, as python-multipart's parse errors are
/// for FastAPI. Syntax errors it does not track (a bad header character, a bare LF) are left to multipart-kit.
struct MultipartFraming {
    private enum State {
        /// Matching `--boundary` at the start of the body; CR and LF before it are skipped.
        case opening(matched: Int)
        /// A delimiter has been matched: `-` ends the body, CR starts a part's header lines.
        case afterDelimiter
        /// The LF after a CR; then `next`.
        case lineFeed(then: LineStart)
        /// Inside a header line of `length` bytes so far.
        case headerLine(length: Int)
        /// Matching the delimiter (`\r\n--boundary`) inside a part's contents.
        case contents(matched: Int)
        /// After the closing delimiter (or a syntax error multipart-kit reports): nothing more is checked.
        case epilogue
    }

    private enum LineStart {
        case header
        case contents
    }

    private let opening: [UInt8]
    private let delimiter: [UInt8]
    private let limits: FormLimits
    private var state = State.opening(matched: 0)
    private var headerCount = 0

    init(boundary: String, limits: FormLimits) {
        self.opening = Array("--\(boundary)".utf8)
        self.delimiter = Array("\r\n--\(boundary)".utf8)
        self.limits = limits
    }

    mutating func check(_ buffer: ByteBuffer) throws(FormParsingError) {
        let bytes = buffer.readableBytesView
        var index = bytes.startIndex
        while index != bytes.endIndex {
            switch self.state {
            case .contents(matched: 0):
                // The common case, an upload's bytes: jump to the next CR, where a delimiter may start.
                guard let carriageReturn = bytes[index...].firstIndex(of: UInt8(ascii: "\r")) else { return }
                index = carriageReturn
                self.state = .contents(matched: 1)
            default:
                try self.step(bytes[index])
            }
            index = bytes.index(after: index)
        }
    }

    private mutating func step(_ byte: UInt8) throws(FormParsingError) {
        switch self.state {
        case .opening(let matched):
            if matched == 0 && (byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n")) { return }
            guard byte == self.opening[matched] else { throw FormParsingError(.malformedBody) }
            self.state = matched + 1 == self.opening.count ? .afterDelimiter : .opening(matched: matched + 1)
        case .afterDelimiter:
            self.headerCount = 0
            self.state = byte == UInt8(ascii: "\r") ? .lineFeed(then: .header) : .epilogue
        case .lineFeed(.header):
            self.state = .headerLine(length: 0)
        case .lineFeed(.contents):
            self.state = .contents(matched: 0)
        case .headerLine(let length):
            if byte == UInt8(ascii: "\r") {
                // An empty line ends the headers.
                self.state = .lineFeed(then: length == 0 ? .contents : .header)
                return
            }
            if length == 0 {
                self.headerCount += 1
                guard self.headerCount <= self.limits.maxPartHeaderCount else { throw FormParsingError(.malformedBody) }
            }
            guard length < self.limits.maxPartHeaderSize else { throw FormParsingError(.malformedBody) }
            self.state = .headerLine(length: length + 1)
        case .contents(let matched):
            // multipart-kit's rule: a byte that breaks the match restarts it only if it is the delimiter's CR.
            if byte == self.delimiter[matched] {
                self.state = matched + 1 == self.delimiter.count ? .afterDelimiter : .contents(matched: matched + 1)
            } else {
                self.state = .contents(matched: byte == self.delimiter[0] ? 1 : 0)
            }
        case .epilogue:
            return
        }
    }
}
