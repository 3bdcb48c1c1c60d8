/// The few `str` operations Starlette applies to request header values (`strip`, `split`, `lower`, `int`), on the
/// value's bytes read as Latin-1, which is how Starlette decodes headers. Header parsing here must agree with
/// Starlette's on every input, odd ones included (`bytes= 1_0 -`, `+5`, tabs), so the rules are Python's, not
/// RFC 9110's.
enum PythonHeaderText {
    /// `str.isspace()` for a Latin-1 character: ASCII whitespace, the information separators 0x1C to 0x1F, NEL and
    /// NBSP.
    static func isSpace(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0: true
        default: false
        }
    }

    /// `str.strip()`.
    static func strip(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        guard let first = bytes.firstIndex(where: { !Self.isSpace($0) }),
            let last = bytes.lastIndex(where: { !Self.isSpace($0) })
        else { return bytes[bytes.endIndex...] }
        return bytes[first...last]
    }

    /// `str.split(separator)`: every piece, empty ones included.
    static func split(_ bytes: ArraySlice<UInt8>, on separator: UInt8) -> [ArraySlice<UInt8>] {
        bytes.split(separator: separator, omittingEmptySubsequences: false)
    }

    /// `str.split()` without a separator: runs of whitespace separate, and no piece is empty.
    static func splitOnWhitespace(_ bytes: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        bytes.split(whereSeparator: Self.isSpace)
    }

    /// `str.lower()` as far as it matters here: the result is only compared with ASCII words, and no Latin-1
    /// letter outside ASCII lowers to ASCII.
    static func lower(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        bytes.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 32 : $0 }
    }

    /// `int(text)`: surrounding whitespace, an optional sign, ASCII digits with single underscores between them.
    /// Python's integers have no bound; a value beyond `Int` saturates, which keeps every comparison these
    /// headers make (with file sizes and dates) as Python's.
    static func int(_ bytes: ArraySlice<UInt8>) -> Int? {
        var digits = Self.strip(bytes)
        var negative = false
        if let sign = digits.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            negative = sign == UInt8(ascii: "-")
            digits = digits.dropFirst()
        }
        guard let first = digits.first, Self.isDigit(first), let last = digits.last, Self.isDigit(last) else { return nil }
        var value = 0
        var saturated = false
        var previousWasUnderscore = false
        for byte in digits {
            if byte == UInt8(ascii: "_") {
                guard !previousWasUnderscore else { return nil }
                previousWasUnderscore = true
                continue
            }
            guard Self.isDigit(byte) else { return nil }
            previousWasUnderscore = false
            if !saturated {
                let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times10.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
                if overflow1 || overflow2 { saturated = true } else { value = sum }
            }
        }
        if saturated { return negative ? Int.min : Int.max }
        return negative ? -value : value
    }

    /// An ASCII digit.
    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// `str.isdigit()` of one Latin-1 character: ASCII digits and the superscripts ¹ ² ³.
    static func isDigitCharacter(_ byte: UInt8) -> Bool {
        Self.isDigit(byte) || byte == 0xB2 || byte == 0xB3 || byte == 0xB9
    }
}
