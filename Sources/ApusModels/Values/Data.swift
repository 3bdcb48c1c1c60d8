public import FoundationEssentials
import Foundation

extension Data: SchemaValue {
    /// Base64 text (standard or URL-safe alphabet, padding optional). Pydantic's default for `bytes` is the
    /// UTF-8 text itself; Apus chooses base64 so that any bytes round-trip, as Pydantic's
    /// `ser_json_bytes="base64"` / `val_json_bytes="base64"` do. `bytes_invalid_encoding` for bad base64,
    /// `bytes_type` for non-strings.
    public static func decode(from decoder: inout ValidatingDecoder) throws(JSONSyntaxError) -> Data? {
        let start = decoder.reader.position
        switch decoder.reader.peek() {
        case .string:
            var text = try decoder.reader.readString()
            text = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            let remainder = text.utf8.count % 4
            if remainder != 0 { text += String(repeating: "=", count: 4 - remainder) }
            guard let data = Data(base64Encoded: text) else {
                decoder.record(.bytesInvalidEncoding("Invalid symbol or length"), inputAt: start)
                return nil
            }
            return data
        case .invalid: throw JSONSyntaxError()
        default:
            try decoder.rejectValue(.bytesType)
            return nil
        }
    }

    /// Standard base64 with padding.
    public func encode(to writer: inout JSONWriter) { writer.writeString(base64EncodedString()) }
    /// `{"type":"string","contentEncoding":"base64"}`.
    public static func jsonSchema(in generator: inout JSONSchemaGenerator) -> JSONObject {
        ["type": "string", "contentEncoding": "base64"]
    }
}
