public import FoundationEssentials
import ApusWireFormats
import Foundation

extension Date: SchemaValue {
    /// ISO 8601 text or a Unix timestamp (ApusWireFormats' `DateTimeText`, speedate's rules);
    /// `datetime_from_date_parsing` on bad text, `datetime_type` for other JSON values.
    public static func decode(from decoder: inout ValidatingDecoder) throws(JSONSyntaxError) -> Date? {
        let start = decoder.reader.position
        switch decoder.reader.peek() {
        case .string:
            let text = try decoder.reader.readString()
            switch DateTimeText.parse(Array(text.utf8)) {
            case .parsed(let seconds): return Date(timeIntervalSince1970: seconds)
            case .invalid(let message):
                decoder.record(.datetimeParsing(message), inputAt: start)
                return nil
            }
        case .number:
            let token = try decoder.reader.readNumberToken()
            let timestamp = token.doubleValue(in: decoder.reader.bytes)
            return Date(timeIntervalSince1970: DateTimeText.seconds(fromTimestamp: timestamp))
        case .invalid: throw JSONSyntaxError()
        default:
            try decoder.rejectValue(.datetimeType)
            return nil
        }
    }

    /// `2024-01-02T03:04:05Z` / `2024-01-02T03:04:05.123000Z`; `null` outside years 1 to 9999.
    public func encode(to writer: inout JSONWriter) {
        if !DateTimeText.appendJSONString(secondsSince1970: timeIntervalSince1970, to: &writer.bytes) { writer.writeNull() }
    }
    /// `{"type":"string","format":"date-time"}`.
    public static func jsonSchema(in generator: inout JSONSchemaGenerator) -> JSONObject {
        ["type": "string", "format": "date-time"]
    }
}
