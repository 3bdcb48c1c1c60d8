/// Finds the end of a JSON string and decodes it, with the checks and messages of CPython's `scanstring`.
struct JSONStringScanner {
    struct Token {
        /// Offset of the first content byte (after the opening quote).
        var contentStart: Int
        /// Offset just past the closing quote.
        var end: Int
        var hasEscapes: Bool
        var hasNonASCII: Bool

        /// The decoded string, or `nil` when its bytes are not UTF-8.
        func decode(in bytes: UnsafeBufferPointer<UInt8>) -> String? {
            let content = UnsafeBufferPointer(rebasing: bytes[contentStart..<(end - 1)])
            if !hasEscapes {
                if !hasNonASCII { return String(decoding: content, as: UTF8.self) }
                return String(validating: content, as: UTF8.self)
            }
            var output: [UInt8] = []
            output.reserveCapacity(content.count)
            var index = 0
            while index < content.count {
                let byte = content[index]
                guard byte == UInt8(ascii: "\\") else {
                    output.append(byte)
                    index += 1
                    continue
                }
                let escaped = content[index + 1]
                index += 2
                switch escaped {
                case UInt8(ascii: "b"): output.append(0x08)
                case UInt8(ascii: "f"): output.append(0x0C)
                case UInt8(ascii: "n"): output.append(0x0A)
                case UInt8(ascii: "r"): output.append(0x0D)
                case UInt8(ascii: "t"): output.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = JSONStringScanner.hexValue(content, index)
                    index += 4
                    if (0xD800..<0xDC00).contains(scalar), index + 5 < content.count,
                        content[index] == UInt8(ascii: "\\"), content[index + 1] == UInt8(ascii: "u")
                    {
                        let low = JSONStringScanner.hexValue(content, index + 2)
                        if (0xDC00..<0xE000).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                            index += 6
                        }
                    }
                    let unicodeScalar = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                    UTF8.encode(unicodeScalar) { output.append($0) }
                default: output.append(escaped)
                }
            }
            return hasNonASCII ? String(validating: output, as: UTF8.self) : String(decoding: output, as: UTF8.self)
        }
    }

    struct Failure: Error {
        var message: String
        var byteOffset: Int
    }

    let bytes: UnsafeBufferPointer<UInt8>
    /// Offset of the opening quote.
    let position: Int

    /// Scans the string whose opening quote is at ``position``.
    func scan() -> Result<Token, Failure> {
        var index = position + 1
        var hasEscapes = false
        var hasNonASCII = false
        let count = bytes.count
        while true {
            guard index < count else { return .failure(Failure(message: "Unterminated string starting at", byteOffset: position)) }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                return .success(Token(contentStart: position + 1, end: index + 1, hasEscapes: hasEscapes, hasNonASCII: hasNonASCII))
            }
            if byte < 0x20 { return .failure(Failure(message: "Invalid control character at", byteOffset: index)) }
            if byte >= 0x80 { hasNonASCII = true }
            if byte == UInt8(ascii: "\\") {
                hasEscapes = true
                guard index + 1 < count else {
                    return .failure(Failure(message: "Unterminated string starting at", byteOffset: position))
                }
                let escaped = bytes[index + 1]
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    index += 2
                case UInt8(ascii: "u"):
                    // CPython: `end = next + 4; if (end >= len) error at next - 1`, with `next` after the `u`.
                    guard index + 6 < count else {
                        return .failure(Failure(message: "Invalid \\uXXXX escape", byteOffset: index + 1))
                    }
                    for offset in 2..<6 where Self.hexDigit(bytes[index + offset]) == nil {
                        return .failure(Failure(message: "Invalid \\uXXXX escape", byteOffset: index + 1))
                    }
                    index += 6
                default:
                    return .failure(Failure(message: "Invalid \\escape", byteOffset: index))
                }
                continue
            }
            index += 1
        }
    }

    static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    static func hexValue(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> UInt32 {
        var value: UInt32 = 0
        for offset in 0..<4 { value = value << 4 | (hexDigit(bytes[start + offset]) ?? 0) }
        return value
    }
}
