import HTTPTypes
import NIOHTTP1

/// Why a parsed request head is refused before the application sees it. Each is the client's fault: the server
/// answers it itself, logs it at debug level, and closes the connection.
enum RequestHeadRejection: Error, Equatable {
    /// 400 "Invalid HTTP request received.": bad framing (RFC 9112 §6), a missing, repeated or malformed `Host`
    /// (§3.2), or a method swift-http-types cannot hold.
    case invalid
    /// 501: a transfer coding that is known but not decoded (`gzip`, `deflate`...), RFC 9112 §6.1.
    case unsupportedTransferCoding
    /// 431: the request line and headers are larger than ``ServerConfiguration/maxHeadSize``.
    case headTooLarge
}

/// A request head that passed ``RequestHeadValidation``, with what the connection needs to know about its body,
/// read in the same pass over the fields.
struct ValidatedRequestHead {
    /// The head as the application sees it.
    var request: HTTPRequest
    /// The `Content-Length`, when the body is framed by one.
    var declaredLength: Int?
    /// Whether the body is chunked.
    var isChunked: Bool
    /// Whether llhttp treats the request as a protocol upgrade and stops parsing after it: an `Upgrade` header
    /// with `upgrade` among the `Connection` tokens.
    var isUpgrade: Bool
    /// Whether the client sent `Expect: 100-continue`.
    var expectsContinue: Bool
}

/// Checks a request head the HTTP parser accepted against what the server can serve safely, and converts it to
/// swift-http-types' `HTTPRequest` without Foundation URL parsing.
///
/// llhttp is lenient in ways that matter for smuggling and for the URLs the application builds: it accepts an
/// empty `Transfer-Encoding`, codings other than `chunked`, a `Content-Length` beyond `Int`, and any bytes in
/// `Host`. This is where those are refused.
enum RequestHeadValidation {
    /// Transfer codings registered with IANA that this server does not decode; a request using one is answered
    /// 501 rather than 400, as RFC 9112 §6.1 asks.
    private static let knownCodings: Set<String> = ["gzip", "x-gzip", "deflate", "compress", "x-compress", "br", "zstd"]

    /// The most header fields a request may carry, whatever ``ServerConfiguration/maxHeadSize`` allows:
    /// swift-http-types' `HTTPFields` holds at most 65,535 and traps beyond (so 431 well before that).
    static let maximumFieldCount = 10_000

    /// The request to hand to the application, or why there is none.
    ///
    /// - Parameters:
    ///   - head: what the parser produced.
    ///   - maxHeadSize: the limit on the request line and headers. The connection's byte guard enforces it while
    ///     a head arrives over several reads; a head that arrives in one read is only seen whole, here.
    static func validate(_ head: HTTPRequestHead, maxHeadSize: Int) -> Result<ValidatedRequestHead, RequestHeadRejection> {
        guard let method = HTTPRequest.Method(head.method.rawValue) else { return .failure(.invalid) }
        // The head's size as sent, give or take the optional whitespace around values: method, target, version
        // and CRLFs, plus each field's name, `: ` and CRLF. Measured before anything is built from the fields:
        // `HTTPFields` traps past 65,535 fields, which a raised `maxHeadSize` could otherwise let through.
        var headSize = head.method.rawValue.utf8.count + head.uri.utf8.count + 12
        for (name, value) in head.headers {
            headSize += name.utf8.count + value.utf8.count + 4
        }
        if headSize > maxHeadSize || head.headers.count > Self.maximumFieldCount { return .failure(.headTooLarge) }
        var hostCount = 0
        var hostHeader: String?
        var transferCodings: [Substring] = []
        var hasTransferEncoding = false
        var contentLength: Substring?
        var hasUpgradeHeader = false
        var connectionUpgrade = false
        var expectsContinue = false
        var fields = HTTPFields()
        fields.reserveCapacity(head.headers.count)
        for (name, value) in head.headers {
            guard let fieldName = HTTPField.Name(name) else { continue }
            switch fieldName.canonicalName {
            case "host":
                hostCount += 1
                hostHeader = value
            case "transfer-encoding":
                hasTransferEncoding = true
                transferCodings += value.split(separator: ",", omittingEmptySubsequences: false)
            case "upgrade":
                hasUpgradeHeader = true
            case "connection":
                connectionUpgrade = connectionUpgrade || Self.listsUpgrade(value)
            case "expect":
                expectsContinue = value.lowercased() == "100-continue"
            case "content-length":
                // Repeated identical values are one length (RFC 9110 §8.6); different values are refused.
                for item in value.split(separator: ",", omittingEmptySubsequences: false) {
                    let length = item.trimmingSpaces()
                    if let contentLength, contentLength != length { return .failure(.invalid) }
                    contentLength = length
                }
            default:
                break
            }
            fields.append(HTTPField(name: fieldName, value: value))
        }

        if hasTransferEncoding {
            let codings = transferCodings.map { $0.trimmingSpaces().lowercased() }
            if codings.contains(where: \.isEmpty) { return .failure(.invalid) }
            if codings != ["chunked"] {
                if codings.last == "chunked" || codings.contains(where: Self.knownCodings.contains) {
                    return .failure(.unsupportedTransferCoding)
                }
                return .failure(.invalid)
            }
            if contentLength != nil { return .failure(.invalid) }
        }
        var declaredLength: Int?
        if let contentLength {
            guard !contentLength.isEmpty, contentLength.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                let length = Int(contentLength)
            else { return .failure(.invalid) }
            declaredLength = length
        }

        var path = head.uri
        var authority = hostHeader
        if !path.hasPrefix("/"), path != "*" {
            // absolute-form (RFC 9112 §3.2.2): the target's authority wins over Host; keep only path and query.
            let utf8 = Array(path.utf8)
            guard let colon = utf8.firstIndex(of: UInt8(ascii: ":")), utf8[colon...].starts(with: "://".utf8) else {
                return .failure(.invalid)
            }
            let authorityStart = colon + 3
            let pathStart = utf8[authorityStart...].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") }
            authority = String(decoding: utf8[authorityStart..<(pathStart ?? utf8.endIndex)], as: UTF8.self)
            path = pathStart.map { String(decoding: utf8[$0...], as: UTF8.self) } ?? "/"
            if path.hasPrefix("?") { path = "/" + path }
        }
        // RFC 9112 §3.2: a 1.1 request without Host, with more than one, or with an invalid one is a 400.
        if hostCount > 1 || (hostCount == 0 && head.version.minor >= 1 && head.version.major == 1) {
            return .failure(.invalid)
        }
        if let hostHeader, !Self.isValidAuthority(hostHeader) { return .failure(.invalid) }
        if let authority, !Self.isValidAuthority(authority) { return .failure(.invalid) }
        return .success(
            ValidatedRequestHead(
                request: HTTPRequest(method: method, scheme: nil, authority: authority, path: path, headerFields: fields),
                declaredLength: declaredLength,
                isChunked: hasTransferEncoding,
                isUpgrade: hasUpgradeHeader && connectionUpgrade,
                expectsContinue: expectsContinue && head.version.minor >= 1
            )
        )
    }

    /// Whether a `Connection` value lists the `upgrade` option.
    private static func listsUpgrade(_ value: String) -> Bool {
        value.split(separator: ",").contains { $0.trimmingSpaces().lowercased() == "upgrade" }
    }

    /// Whether NIO's parser stops after this request, leaving what follows unparsed: llhttp's rule, an `Upgrade`
    /// field with `Connection: upgrade` (``ValidatedRequestHead/isUpgrade``), or CONNECT.
    static func stopsTheParser(_ head: HTTPRequestHead) -> Bool {
        head.method == .CONNECT || (head.headers.contains(name: "upgrade") && head.headers["connection"].contains(where: Self.listsUpgrade))
    }

    /// `uri-host [ ":" port ]` (RFC 3986 §3.2.2): an IP literal in brackets or a reg-name of unreserved,
    /// percent-encoded and sub-delimiter characters, then an optional numeric port. Empty is allowed (a target
    /// without an authority). Userinfo (`a@b`), paths and queries are not part of a Host.
    static func isValidAuthority(_ authority: String) -> Bool {
        var bytes = Substring(authority).utf8[...]
        if bytes.isEmpty { return true }
        if bytes.first == UInt8(ascii: "[") {
            guard let close = bytes.firstIndex(of: UInt8(ascii: "]")) else { return false }
            let literal = bytes[bytes.index(after: bytes.startIndex)..<close]
            guard !literal.isEmpty, literal.allSatisfy(Self.isIPLiteralByte) else { return false }
            bytes = bytes[bytes.index(after: close)...]
        } else {
            let end = bytes.firstIndex(of: UInt8(ascii: ":")) ?? bytes.endIndex
            guard bytes[..<end].allSatisfy(Self.isRegNameByte) else { return false }
            bytes = bytes[end...]
        }
        guard let colon = bytes.first else { return true }
        guard colon == UInt8(ascii: ":") else { return false }
        let port = bytes.dropFirst()
        return port.count <= 5 && port.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    private static func isRegNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "%"),
            UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("),
            UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"),
            UInt8(ascii: "="):
            return true
        default:
            return false
        }
    }

    private static func isIPLiteralByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: ":"), UInt8(ascii: "."):
            return true
        default:
            return false
        }
    }
}

extension Substring {
    func trimmingSpaces() -> Substring {
        var slice = self
        while slice.first == " " || slice.first == "\t" { slice.removeFirst() }
        while slice.last == " " || slice.last == "\t" { slice.removeLast() }
        return slice
    }
}
