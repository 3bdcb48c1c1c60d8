import Foundation

/// What is read of a token before any key is tried: its shape and its header's `alg` and `kid`.
///
/// Checked here, in this order, each in time linear in the token and with bounded stack: the length limit;
/// three segments of the base64url alphabet, each of a length base64 can have; a header that decodes to a JSON
/// object (Foundation's decoder refuses nesting deeper than 512 levels without recursing further) naming no
/// critical extension (`crit`, RFC 7515 §4.1.11: none is understood here).
struct TokenHeader {
    let algorithm: String
    let keyID: String?

    init(token: String, maxLength: Int) throws(JWTVerificationError) {
        let bytes = token.utf8
        guard bytes.count <= maxLength else { throw .tokenTooLong(length: bytes.count, limit: maxLength) }
        var segmentLengths = [0]
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "."):
                guard segmentLengths.count < 3 else { throw .malformed("more than three segments") }
                segmentLengths.append(0)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"):
                segmentLengths[segmentLengths.count - 1] += 1
            default:
                throw .malformed("a byte outside the base64url alphabet")
            }
        }
        guard segmentLengths.count == 3 else { throw .malformed("\(segmentLengths.count) segments instead of three") }
        // Unpadded base64 never leaves one character over; an empty signature is left for the signature check.
        guard segmentLengths[0] > 0, segmentLengths[1] > 0, segmentLengths.allSatisfy({ $0 % 4 != 1 }) else {
            throw .malformed("a segment of a length base64url cannot have")
        }
        let headerText = token.utf8.prefix(segmentLengths[0])
        guard let headerJSON = Self.base64URLDecoded(headerText) else { throw .malformed("the header is not base64url") }
        let fields: HeaderFields
        do {
            fields = try headerDecoder.decode(HeaderFields.self, from: headerJSON)
        } catch {
            throw .malformed("the header is not a JSON object of the expected shape: \(error)")
        }
        guard !fields.hasCritical else { throw .malformed("the header names critical extensions (crit)") }
        self.algorithm = fields.alg ?? ""
        self.keyID = fields.kid
    }

    private static func base64URLDecoded(_ text: Substring.UTF8View) -> Data? {
        var base64 = Data(capacity: text.count + 3)
        for byte in text {
            base64.append(byte == UInt8(ascii: "-") ? UInt8(ascii: "+") : byte == UInt8(ascii: "_") ? UInt8(ascii: "/") : byte)
        }
        base64.append(contentsOf: repeatElement(UInt8(ascii: "="), count: (4 - base64.count % 4) % 4))
        return Data(base64Encoded: base64)
    }
}

/// One decoder for every header; JSONDecoder is thread-safe and costly to create.
private let headerDecoder = JSONDecoder()

private struct HeaderFields: Decodable {
    let alg: String?
    let kid: String?
    let hasCritical: Bool

    private enum CodingKeys: String, CodingKey { case alg, kid, crit }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.alg = try container.decodeIfPresent(String.self, forKey: .alg)
        self.kid = try container.decodeIfPresent(String.self, forKey: .kid)
        self.hasCritical = container.contains(.crit)
    }
}
