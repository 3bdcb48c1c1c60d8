/// Parses a `Cookie` header the way Starlette's `cookie_parser` does: pairs split on `;`, name and value on the
/// first `=` (a chunk without one is a value with an empty name), both trimmed, quoted values unquoted as Python's
/// `http.cookies` does; a later pair with the same name wins.
enum CookieParsing {
    static func parse(_ header: String) -> [String: String] {
        var cookies: [String: String] = [:]
        for chunk in header.split(separator: ";", omittingEmptySubsequences: false) {
            let name: Substring
            let value: Substring
            if let equals = chunk.firstIndex(of: "=") {
                name = chunk[..<equals]
                value = chunk[chunk.index(after: equals)...]
            } else {
                name = ""
                value = chunk
            }
            let trimmedName = Self.trimmed(name)
            let trimmedValue = Self.trimmed(value)
            if !trimmedName.isEmpty || !trimmedValue.isEmpty {
                cookies[String(trimmedName)] = Self.unquoted(trimmedValue)
            }
        }
        return cookies
    }

    private static func trimmed(_ text: Substring) -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return text[first...last]
    }

    /// Python's `http.cookies._unquote`: a value in double quotes loses them, and `\"`, `\\` and `\ooo` (octal)
    /// escapes inside are resolved.
    static func unquoted(_ value: Substring) -> String {
        let utf8 = Array(value.utf8)
        guard utf8.count >= 2, utf8.first == UInt8(ascii: "\""), utf8.last == UInt8(ascii: "\"") else {
            return String(value)
        }
        var bytes: [UInt8] = []
        var index = 1
        let end = utf8.count - 1
        while index < end {
            let byte = utf8[index]
            if byte == UInt8(ascii: "\\"), index + 1 < end {
                if index + 3 < end + 1, let octal = Self.octal(utf8[(index + 1)..<min(index + 4, end)]) {
                    bytes.append(octal)
                    index += 4
                } else {
                    bytes.append(utf8[index + 1])
                    index += 2
                }
            } else {
                bytes.append(byte)
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func octal(_ digits: ArraySlice<UInt8>) -> UInt8? {
        guard digits.count == 3, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "7") }) else {
            return nil
        }
        let value = digits.reduce(0) { $0 * 8 + Int($1 - UInt8(ascii: "0")) }
        return value <= 255 ? UInt8(value) : nil
    }
}
