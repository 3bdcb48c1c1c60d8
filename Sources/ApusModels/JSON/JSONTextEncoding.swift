/// How `json.loads` turns bytes into text before parsing: it detects the encoding as
/// `json.detect_encoding` does (a UTF-8, UTF-16 or UTF-32 byte order mark, or the pattern of zero bytes that
/// ASCII JSON has in UTF-16/32) and decodes with `surrogatepass`. Apus parses UTF-8, so a body in another
/// encoding is transcoded and a UTF-8 byte order mark is skipped; character offsets in errors then count the
/// decoded text, as Python's do. Lone UTF-16 surrogates, which Python keeps, become U+FFFD (a Swift `String`
/// cannot hold them), as lone `\u` escapes already do.
enum JSONTextEncoding {
    /// The UTF-8 text of a body.
    enum UTF8Text {
        /// The bytes themselves, after a byte order mark of `prefixLength` bytes (0 when there is none).
        case original(prefixLength: Int)
        /// The body was UTF-16 or UTF-32; these are its UTF-8 bytes.
        case transcoded([UInt8])
        /// The body is not valid in the encoding it was detected as (Python's `UnicodeDecodeError`).
        case undecodable
    }

    /// The text of `bytes` as `json.loads(bytes)` would decode it.
    static func utf8Text(of bytes: UnsafeBufferPointer<UInt8>) -> UTF8Text {
        let count = bytes.count
        // The byte order marks, longest first: UTF-32 LE's starts with UTF-16 LE's.
        if count >= 4, bytes[0] == 0x00, bytes[1] == 0x00, bytes[2] == 0xFE, bytes[3] == 0xFF {
            return utf32(bytes, from: 4, bigEndian: true)
        }
        if count >= 4, bytes[0] == 0xFF, bytes[1] == 0xFE, bytes[2] == 0x00, bytes[3] == 0x00 {
            return utf32(bytes, from: 4, bigEndian: false)
        }
        if count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF { return utf16(bytes, from: 2, bigEndian: true) }
        if count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE { return utf16(bytes, from: 2, bigEndian: false) }
        if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { return .original(prefixLength: 3) }
        // Without a mark, JSON text starts with an ASCII character, so its zero bytes tell the encoding.
        if count >= 4 {
            if bytes[0] == 0 { return bytes[1] != 0 ? utf16(bytes, from: 0, bigEndian: true) : utf32(bytes, from: 0, bigEndian: true) }
            if bytes[1] == 0 {
                return bytes[2] != 0 || bytes[3] != 0 ? utf16(bytes, from: 0, bigEndian: false) : utf32(bytes, from: 0, bigEndian: false)
            }
        } else if count == 2 {
            if bytes[0] == 0 { return utf16(bytes, from: 0, bigEndian: true) }
            if bytes[1] == 0 { return utf16(bytes, from: 0, bigEndian: false) }
        }
        return .original(prefixLength: 0)
    }

    private static func utf16(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, bigEndian: Bool) -> UTF8Text {
        guard (bytes.count - start) % 2 == 0 else { return .undecodable }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count - start)
        var index = start
        func unit(at offset: Int) -> UInt32 {
            bigEndian ? UInt32(bytes[offset]) << 8 | UInt32(bytes[offset + 1]) : UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset])
        }
        while index < bytes.count {
            let first = unit(at: index)
            index += 2
            var scalar = first
            if (0xD800..<0xDC00).contains(first), index < bytes.count {
                let second = unit(at: index)
                if (0xDC00..<0xE000).contains(second) {
                    scalar = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                    index += 2
                }
            }
            append(scalar, to: &output)
        }
        return .transcoded(output)
    }

    private static func utf32(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, bigEndian: Bool) -> UTF8Text {
        guard (bytes.count - start) % 4 == 0 else { return .undecodable }
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count - start) / 4)
        var index = start
        while index < bytes.count {
            let b0 = UInt32(bytes[index]), b1 = UInt32(bytes[index + 1]), b2 = UInt32(bytes[index + 2]), b3 = UInt32(bytes[index + 3])
            let scalar = bigEndian ? b0 << 24 | b1 << 16 | b2 << 8 | b3 : b3 << 24 | b2 << 16 | b1 << 8 | b0
            guard scalar <= 0x10FFFF else { return .undecodable }
            append(scalar, to: &output)
            index += 4
        }
        return .transcoded(output)
    }

    /// Appends a code point as UTF-8; a surrogate (kept by `surrogatepass`) becomes U+FFFD.
    private static func append(_ codePoint: UInt32, to output: inout [UInt8]) {
        let scalar = Unicode.Scalar(codePoint) ?? "\u{FFFD}"
        UTF8.encode(scalar) { output.append($0) }
    }
}
