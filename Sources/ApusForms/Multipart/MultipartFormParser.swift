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

        var framing = MultipartFraming(boundary: self.boundary, limits: self.limits)
        var assembler = MultipartPartAssembler(limits: self.limits)
        do {
            for try await buffer in body {
                try framing.check(buffer)
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
