/// A header value of the form `main; key=value; key="quoted value"`, as `Content-Type` and
/// `Content-Disposition` are written, split the way python-multipart's `parse_options_header` does it:
/// the main value and keys are lowercased, quoted values lose their quotes and their `\"` / `\\` escapes.
struct HeaderValueParameters: Sendable {
    /// The part before the first `;`, trimmed and lowercased (`multipart/form-data`, `form-data`).
    let value: String
    /// The parameters in order, keys lowercased.
    let parameters: [(key: String, value: String)]

    init(_ header: String) {
        var segments: [String] = []
        var current = ""
        var inQuotes = false
        var escaped = false
        for character in header {
            if escaped {
                current.append(character)
                escaped = false
            } else if inQuotes && character == "\\" {
                current.append(character)
                escaped = true
            } else if character == "\"" {
                current.append(character)
                inQuotes.toggle()
            } else if character == ";" && !inQuotes {
                segments.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        segments.append(current)

        self.value = Self.trimmed(segments[0]).lowercased()
        self.parameters = segments.dropFirst().compactMap { segment in
            guard let equals = segment.firstIndex(of: "=") else { return nil }
            let key = Self.trimmed(segment[..<equals]).lowercased()
            guard !key.isEmpty else { return nil }
            return (key, Self.unquoted(Self.trimmed(segment[segment.index(after: equals)...]), key: key))
        }
    }

    /// The last value given for `key` (lowercase), as Python's dict built from the pairs keeps it.
    subscript(key: String) -> String? {
        self.parameters.last(where: { $0.key == key })?.value
    }

    private static func trimmed(_ text: some StringProtocol) -> String {
        let whitespace: Set<Character> = [" ", "\t"]
        guard let start = text.firstIndex(where: { !whitespace.contains($0) }),
            let end = text.lastIndex(where: { !whitespace.contains($0) })
        else { return "" }
        return String(text[start...end])
    }

    /// python-multipart's `parse_options_header`: strips the quotes, applies its fix for old Internet Explorer
    /// (which sent the whole client path as the filename: `C:\Users\me\a.txt` and `\\server\a.txt` become
    /// `a.txt`), then unescapes only `\\` and `\"`, in that order.
    private static func unquoted(_ text: String, key: String) -> String {
        guard text.count >= 2, text.first == "\"", text.last == "\"" else { return text }
        var value = String(text.dropFirst().dropLast())
        if key == "filename" {
            let utf8 = Array(value.utf8)
            let isDrivePath = utf8.count >= 3 && utf8[1] == UInt8(ascii: ":") && utf8[2] == UInt8(ascii: "\\")
            let isSharePath = utf8.count >= 2 && utf8[0] == UInt8(ascii: "\\") && utf8[1] == UInt8(ascii: "\\")
            if isDrivePath || isSharePath, let last = value.split(separator: "\\", omittingEmptySubsequences: false).last {
                value = String(last)
            }
        }
        return value.replacing("\\\\", with: "\\").replacing("\\\"", with: "\"")
    }
}
