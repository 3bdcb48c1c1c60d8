import MultipartKit
import NIOCore

/// Parses a `multipart/form-data` body as it streams in: multipart-kit's `MultipartParser` splits each buffer
/// into header, body and part-end events, and ``MultipartPartAssembler`` turns them into fields and spooled
/// uploads before the next buffer is read, so memory holds at most one network buffer, one text part and the
/// in-memory head of the current upload.
struct MultipartFormParser {
    private let boundary: String
    private let limits: FormLimits

    init(boundary: String, limits: FormLimits) {
        self.boundary = boundary
        self.limits = limits
    }

    func parse<Body: AsyncSequence>(_ body: Body) async throws -> FormData where Body.Element == ByteBuffer {
        let parser = MultipartParser(boundary: self.boundary)
        let collector = MultipartEventCollector()
        parser.onHeader = { collector.header(name: $0, value: $1) }
        parser.onBody = { collector.body(&$0) }
        parser.onPartComplete = { collector.partComplete() }

        var opening = MultipartOpeningCheck(boundary: self.boundary)
        var assembler = MultipartPartAssembler(limits: self.limits)
        do {
            for try await buffer in body {
                try opening.check(buffer)
                do {
                    try parser.execute(buffer)
                } catch {
                    throw FormParsingError(.malformedBody)
                }
                for event in collector.drain() {
                    try await assembler.handle(event)
                }
            }
            await assembler.discardIncompletePart()
            return assembler.form
        } catch {
            await assembler.discardIncompletePart()
            await assembler.form.close()
            throw error
        }
    }
}

/// python-multipart requires the body to open with `--boundary` (after any blank lines) and rejects anything
/// else, which FastAPI answers with "There was an error parsing the body"; multipart-kit would skip it as a
/// preamble, so the opening bytes are checked here. A body that ends before the boundary is complete is not an
/// error: it parses to an empty form, as in Starlette.
private struct MultipartOpeningCheck {
    private let expected: [UInt8]
    private var matched = 0
    private var done = false

    init(boundary: String) {
        self.expected = Array("--\(boundary)".utf8)
    }

    mutating func check(_ buffer: ByteBuffer) throws(FormParsingError) {
        guard !self.done else { return }
        for byte in buffer.readableBytesView {
            if self.matched == 0 && (byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n")) {
                continue
            }
            guard byte == self.expected[self.matched] else { throw FormParsingError(.malformedBody) }
            self.matched += 1
            if self.matched == self.expected.count {
                self.done = true
                return
            }
        }
    }
}
