/// Percent-decoding as Python's `urllib.parse.unquote` does it (and, with `plusAsSpace`, `unquote_plus`): `%XX`
/// becomes the byte, a `%` not followed by two hex digits stays as it is, and bytes that are not valid UTF-8 after
/// decoding become U+FFFD (Python's `errors="replace"`).
///
/// The one decoder for paths (`unquote`), query strings and `application/x-www-form-urlencoded` bodies
/// (`unquote_plus`, which Starlette's form parser calls): one pass, linear in the input.
package enum PercentDecoding {
    /// Decodes `text`; with `plusAsSpace` (form encoding: query strings, urlencoded bodies) `+` is a space.
    package static func decode(_ text: Substring, plusAsSpace: Bool = false) -> String {
        let utf8 = text.utf8
        guard Self.needsDecoding(utf8, plusAsSpace: plusAsSpace) else { return String(text) }
        return utf8.withContiguousStorageIfAvailable { Self.decodeEscapes($0, plusAsSpace: plusAsSpace) }
            ?? Array(utf8).withUnsafeBufferPointer { Self.decodeEscapes($0, plusAsSpace: plusAsSpace) }
    }

    /// Decodes raw bytes (a form name or value as a streaming parser collects them); raw bytes that are not valid
    /// UTF-8 become U+FFFD as well.
    ///
    /// Starlette first reads the raw bytes as Latin-1, so a raw (unescaped) UTF-8 `é` arrives as `Ã©`; browsers
    /// always escape non-ASCII bytes, and Apus reads raw bytes as UTF-8 instead.
    package static func decode(_ bytes: [UInt8], plusAsSpace: Bool = false) -> String {
        guard Self.needsDecoding(bytes, plusAsSpace: plusAsSpace) else { return String(decoding: bytes, as: UTF8.self) }
        return bytes.withUnsafeBufferPointer { Self.decodeEscapes($0, plusAsSpace: plusAsSpace) }
    }

    private static func needsDecoding(_ bytes: some Sequence<UInt8>, plusAsSpace: Bool) -> Bool {
        bytes.contains { $0 == UInt8(ascii: "%") || (plusAsSpace && $0 == UInt8(ascii: "+")) }
    }

    private static func decodeEscapes(_ bytes: UnsafeBufferPointer<UInt8>, plusAsSpace: Bool) -> String {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%"), index + 2 < bytes.count,
                let high = Self.hexValue(bytes[index + 1]), let low = Self.hexValue(bytes[index + 2])
            {
                decoded.append(high << 4 | low)
                index += 3
                continue
            }
            decoded.append(plusAsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
            index += 1
        }
        return String(decoding: decoded, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
