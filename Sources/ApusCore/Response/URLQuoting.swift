/// Percent-encoding for URLs the app sends back, as Python's `urllib.parse.quote`.
package enum URLQuoting {
    /// Starlette's `RedirectResponse`: `quote(url, safe=":/%#?=@[]!$&'()*+,;")`, letters, digits and `_.-~`
    /// also left alone.
    package static func quoteLocation(_ url: String) -> String {
        self.quote(url, alsoKeeping: ":/%#?=@[]!$&'()*+,;")
    }

    /// Python's `quote(text)` with its default `safe="/"`: letters, digits, `_.-~` and `/` are left alone.
    package static func quotePathComponent(_ text: String) -> String {
        self.quote(text, alsoKeeping: "/")
    }

    /// Python's `quote(text, safe="")`: letters, digits and `_.-~` are left alone (a `/` is encoded), for one path
    /// segment.
    package static func quoteSegment(_ text: String) -> String {
        self.quote(text, alsoKeeping: "")
    }

    /// `text` with every byte percent-encoded except letters, digits, `_.-~` (which `quote` never encodes) and
    /// the ASCII characters of `safe`.
    private static func quote(_ text: String, alsoKeeping safe: String) -> String {
        let extra = Array(safe.utf8)
        return self.quote(text) { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || "_.-~".utf8.contains(byte) || extra.contains(byte)
        }
    }

    private static func quote(_ text: String, keeping isSafe: (UInt8) -> Bool) -> String {
        guard !text.utf8.allSatisfy(isSafe) else { return text }
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 8)
        for byte in text.utf8 {
            if isSafe(byte) {
                bytes.append(byte)
            } else {
                bytes.append(UInt8(ascii: "%"))
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
