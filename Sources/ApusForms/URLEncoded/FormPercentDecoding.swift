/// `unquote_plus` for form bodies: `+` becomes a space, `%XX` becomes the byte, and a `%` not followed by two hex
/// digits stays as it is (Python's `urllib.parse.unquote`, which Starlette's form parser calls).
///
/// ApusCore's `PercentDecoding` does the same for query strings on `Substring`s; ApusForms must not depend on
/// ApusCore (the layering runs HTTP → forms → endpoints), and this one works on the raw body bytes a streaming
/// parser collects, so it is kept apart on purpose.
enum FormPercentDecoding {
    /// Decodes `bytes` as a form name or value. Invalid UTF-8 after decoding becomes U+FFFD, as Python's
    /// `errors="replace"`.
    ///
    /// Starlette first reads the raw bytes as Latin-1, so a raw (unescaped) UTF-8 `é` arrives as `Ã©`; browsers
    /// always escape non-ASCII bytes, and Apus reads raw bytes as UTF-8 instead.
    static func decode(_ bytes: [UInt8]) -> String {
        guard bytes.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) else {
            return String(decoding: bytes, as: UTF8.self)
        }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%"), index + 2 < bytes.count,
                let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
            {
                decoded.append(high << 4 | low)
                index += 3
                continue
            }
            decoded.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
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
