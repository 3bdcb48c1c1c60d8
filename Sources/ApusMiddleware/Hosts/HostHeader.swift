import ApusCore
import NIOCore

/// A `Host` header split into host and port as Starlette's `parse_host_header` splits it: a reg-name of
/// unreserved, percent and sub-delimiter characters, or an IP literal in brackets (a valid IPv6 address, or
/// `v<hex>.<text>`), then an optional `:<digits>`. One pass over the bytes, no backtracking.
struct HostHeader: Sendable, Hashable {
    /// The host as received, brackets kept around an IP literal.
    var host: Substring
    /// The port digits as received, if any.
    var port: Substring?

    /// Parses `text`, or returns `nil` for anything Starlette's pattern rejects.
    init?(_ text: Substring) {
        let utf8 = text.utf8
        guard let first = utf8.first else { return nil }
        var rest: Substring.UTF8View.SubSequence
        if first == UInt8(ascii: "[") {
            guard let close = utf8.firstIndex(of: UInt8(ascii: "]")) else { return nil }
            let literal = utf8[utf8.index(after: utf8.startIndex)..<close]
            guard Self.isIPv6Literal(literal) || Self.isIPvFutureLiteral(literal) else { return nil }
            let end = utf8.index(after: close)
            self.host = text[..<end]
            rest = utf8[end...]
        } else {
            let end = utf8.firstIndex(where: { !Self.isRegNameByte($0) }) ?? utf8.endIndex
            guard end > utf8.startIndex else { return nil }
            self.host = text[..<end]
            rest = utf8[end...]
        }
        guard let colon = rest.first else {
            self.port = nil
            return
        }
        let digits = rest.dropFirst()
        guard colon == UInt8(ascii: ":"), !digits.isEmpty, digits.allSatisfy(Self.isDigit) else { return nil }
        self.port = Substring(digits)
    }

    /// `host[:port]`, as received.
    var authority: String {
        self.port.map { "\(self.host):\($0)" } ?? String(self.host)
    }

    /// The port's value when it is one (at most five digits once leading zeros are dropped, at most 65535);
    /// `nil` when there is no port; `.some(nil)` when it is out of range.
    var portNumber: Int?? {
        guard let port = self.port else { return .none }
        let significant = port.drop { $0 == "0" }
        guard significant.utf8.count <= 5 else { return .some(nil) }
        let value = Int(significant) ?? 0
        return .some(value <= 65535 ? value : nil)
    }

    /// Whether the port, if any, is in range (Starlette's `is_valid_port`).
    var hasValidPort: Bool {
        if case .some(.none) = self.portNumber { return false }
        return true
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func isHex(_ byte: UInt8) -> Bool {
        Self.isDigit(byte) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "f"))
    }

    private static func isLetter(_ byte: UInt8) -> Bool { byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z") }

    /// `[a-z0-9._~%!$&'()*+,;=-]`, case-insensitively.
    private static func isRegNameByte(_ byte: UInt8) -> Bool {
        Self.isLetter(byte) || Self.isDigit(byte) || "._~%!$&'()*+,;=-".utf8.contains(byte)
    }

    /// `[a-f0-9]*:[a-f0-9.:]+` that is also a valid IPv6 address.
    private static func isIPv6Literal(_ literal: Substring.UTF8View.SubSequence) -> Bool {
        guard let colon = literal.firstIndex(of: UInt8(ascii: ":")), literal[..<colon].allSatisfy(Self.isHex) else { return false }
        let tail = literal[literal.index(after: colon)...]
        guard !tail.isEmpty, tail.allSatisfy({ Self.isHex($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ":") }) else {
            return false
        }
        return (try? SocketAddress(ipAddress: String(decoding: literal, as: UTF8.self), port: 0)) != nil
    }

    /// `v[a-f0-9]+\.[a-z0-9._~!$&'()*+,;=:-]+` (the `v` lowercase only, as in Starlette's pattern).
    private static func isIPvFutureLiteral(_ literal: Substring.UTF8View.SubSequence) -> Bool {
        guard literal.first == UInt8(ascii: "v") else { return false }
        let afterV = literal.dropFirst()
        guard let dot = afterV.firstIndex(where: { !Self.isHex($0) }), dot > afterV.startIndex, afterV[dot] == UInt8(ascii: ".")
        else { return false }
        let tail = afterV[afterV.index(after: dot)...]
        return !tail.isEmpty
            && tail.allSatisfy { Self.isLetter($0) || Self.isDigit($0) || "._~!$&'()*+,;=:-".utf8.contains($0) }
    }
}

extension Request {
    /// The `Host` header as Starlette's URL sees it.
    var parsedHost: HostHeader? {
        self.host.flatMap { HostHeader($0[...]) }
    }

    /// Starlette's `URL(scope=...)` with `netloc` in place of the request's: scheme, the decoded path (root path
    /// first) with `?`, `#` and `\` escaped, and the query string as received.
    func url(scheme: String, netloc: String) -> String {
        var path = ""
        for character in self.rootPath + self.path {
            switch character {
            case "?": path += "%3F"
            case "#": path += "%23"
            case "\\": path += "%5C"
            default: path.append(character)
            }
        }
        let query = self.rawQuery.isEmpty ? "" : "?" + self.rawQuery
        return "\(scheme)://\(netloc)\(path)\(query)"
    }
}
