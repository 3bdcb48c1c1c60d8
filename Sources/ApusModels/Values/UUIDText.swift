public import FoundationEssentials
import Foundation

/// Parses UUID text as Pydantic does (the Rust `uuid` crate): hyphenated, 32 hex digits, `{braced}` or
/// `urn:uuid:`; failures carry the crate's messages (`invalid character: found `n` at 0`, ...), with the
/// 0-based index that FastAPI 0.163.2 / pydantic-core 2.50 report.
enum UUIDText {
    static func parse(_ text: Substring) -> TextParseOutcome<UUID> {
        let bytes = Array(text.utf8)
        var body = bytes[...]
        var offset = 0
        var simpleAllowed = true
        if bytes.count >= 2, bytes.first == UInt8(ascii: "{"), bytes.last == UInt8(ascii: "}") {
            body = bytes[1..<(bytes.count - 1)]
            offset = 1
            simpleAllowed = false
        } else if bytes.starts(with: Array("urn:uuid:".utf8)) {
            body = bytes[9...]
            offset = 9
            simpleAllowed = false
        }
        let hex = Array(body).filter { $0 != UInt8(ascii: "-") }
        let isHyphenated =
            body.count == 36 && [8, 13, 18, 23].allSatisfy { body[body.startIndex + $0] == UInt8(ascii: "-") }
            && hex.count == 32
        if (body.count == 32 && hex.count == 32) || isHyphenated, hex.allSatisfy({ JSONStringScanner.hexDigit($0) != nil }) {
            var uuidBytes = [UInt8](repeating: 0, count: 16)
            for index in 0..<16 {
                let high = JSONStringScanner.hexDigit(hex[2 * index]) ?? 0
                let low = JSONStringScanner.hexDigit(hex[2 * index + 1]) ?? 0
                uuidBytes[index] = UInt8(high << 4 | low)
            }
            let tuple = (
                uuidBytes[0], uuidBytes[1], uuidBytes[2], uuidBytes[3], uuidBytes[4], uuidBytes[5], uuidBytes[6], uuidBytes[7],
                uuidBytes[8], uuidBytes[9], uuidBytes[10], uuidBytes[11], uuidBytes[12], uuidBytes[13], uuidBytes[14], uuidBytes[15]
            )
            return .parsed(UUID(uuid: tuple))
        }
        return .invalid(problem(in: String(decoding: body, as: UTF8.self), offset: offset, simpleAllowed: simpleAllowed))
    }

    /// The `uuid` crate's `InvalidUuid::into_err` diagnosis.
    static func problem(in body: String, offset: Int, simpleAllowed: Bool) -> String {
        var hyphenCount = 0
        var groupBounds = [0, 0, 0, 0]
        var index = 0
        for character in body.unicodeScalars {
            if !character.isASCII {
                return "invalid character: found `\(character)` at \(index + offset)"
            } else if character == "-" {
                if hyphenCount < 4 { groupBounds[hyphenCount] = index }
                hyphenCount += 1
            } else if JSONStringScanner.hexDigit(UInt8(character.value)) == nil {
                return "invalid character: found `\(character)` at \(index + offset)"
            }
            index += String(character).utf8.count
        }
        if hyphenCount == 0, simpleAllowed {
            return "invalid length: expected length 32 for simple format, found \(body.utf8.count)"
        }
        if hyphenCount != 4 { return "invalid group count: expected 5, found \(hyphenCount + 1)" }
        let blockStarts = [0, 9, 14, 19, 24]
        let expected = [8, 4, 4, 4, 12]
        for group in 0..<4 where groupBounds[group] != blockStarts[group + 1] - 1 {
            return "invalid group length in group \(group): expected \(expected[group]), found \(groupBounds[group] - blockStarts[group])"
        }
        return "invalid group length in group 4: expected 12, found \(body.utf8.count - blockStarts[4])"
    }
}

extension UUID: SchemaValue {
    /// The type of `format` is not settable: a UUID always has `format: uuid`.
    /// Decodes UUID text (`uuid_parsing` on bad text, `uuid_type` for non-strings).
    public static func decode(from decoder: inout ValidatingDecoder) throws(JSONSyntaxError) -> UUID? {
        let start = decoder.reader.position
        switch decoder.reader.peek() {
        case .string:
            let text = try decoder.reader.readString()
            switch UUIDText.parse(Substring(text)) {
            case .parsed(let uuid): return uuid
            case .invalid(let message):
                decoder.record(.uuidParsing(message), inputAt: start)
                return nil
            }
        case .invalid: throw JSONSyntaxError()
        default:
            try decoder.rejectValue(.uuidType)
            return nil
        }
    }

    /// Lower-case hyphenated text, as Python's `str(UUID)`.
    public func encode(to writer: inout JSONWriter) { writer.writeString(uuidString.lowercased()) }
    /// `{"type":"string","format":"uuid"}`.
    public static func jsonSchema(in generator: inout JSONSchemaGenerator) -> JSONObject { ["type": "string", "format": "uuid"] }
}
