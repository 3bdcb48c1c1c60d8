import ApusWireFormats
import NIOCore

/// Parses an `application/x-www-form-urlencoded` body as it streams in, with python-multipart's
/// `QuerystringParser` rules as Starlette uses them:
/// - pairs are separated by `&`; empty pairs (`a=1&&b=2`) are skipped;
/// - a pair without `=` is a field with an empty value (`flag` → `("flag", "")`);
/// - names and values are decoded as `unquote_plus` does (ApusWireFormats' `PercentDecoding`: `+` is a space,
///   bad escapes stay raw, invalid UTF-8 becomes U+FFFD).
///
/// python-multipart also splits on `;` when no `&` follows in the same network chunk, which makes the result
/// depend on how the body was chunked; Apus follows the WHATWG URL standard and splits on `&` only.
struct URLEncodedFormParser {
    private let limits: FormLimits
    private var name: [UInt8] = []
    private var value: [UInt8] = []
    private var inValue = false
    private var inPair = false
    private(set) var form = FormData()

    init(limits: FormLimits) {
        self.limits = limits
    }

    /// Feeds the next buffer of the body.
    mutating func consume(_ buffer: ByteBuffer) throws(FormParsingError) {
        for byte in buffer.readableBytesView {
            switch byte {
            case UInt8(ascii: "&"):
                try self.finishPair()
            case UInt8(ascii: "=") where !self.inValue:
                self.inPair = true
                self.inValue = true
            default:
                self.inPair = true
                if self.inValue {
                    self.value.append(byte)
                } else {
                    self.name.append(byte)
                }
            }
        }
    }

    /// Ends the body, emitting the last pair.
    mutating func finish() throws(FormParsingError) -> FormData {
        try self.finishPair()
        return self.form
    }

    private mutating func finishPair() throws(FormParsingError) {
        defer {
            self.name.removeAll(keepingCapacity: true)
            self.value.removeAll(keepingCapacity: true)
            self.inValue = false
            self.inPair = false
        }
        guard self.inPair else { return }
        guard self.form.fieldCount < self.limits.maxFields else {
            throw FormParsingError(.tooManyFields(limit: self.limits.maxFields))
        }
        self.form.append(
            name: PercentDecoding.decode(self.name, plusAsSpace: true),
            value: .text(PercentDecoding.decode(self.value, plusAsSpace: true))
        )
    }
}
