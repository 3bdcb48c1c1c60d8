public import FoundationEssentials
import Foundation

extension URL: SchemaValue {
    /// An absolute URL (`url_parsing` with the `url` crate's reasons: `input is empty`, `relative URL
    /// without a base`, `empty host`); `url_type` for non-strings. Pydantic normalises URLs (`http://x` →
    /// `http://x/`); Foundation's `URL` keeps the text as given.
    public static func decode(from decoder: inout ValidatingDecoder) throws(JSONSyntaxError) -> URL? {
        let start = decoder.reader.position
        switch decoder.reader.peek() {
        case .string:
            let text = try decoder.reader.readString()
            if let problem = URLText.problem(in: text) {
                decoder.record(.urlParsing(problem), inputAt: start)
                return nil
            }
            guard let url = URL(string: String(LaxNumberParsing.trimmed(Substring(text)))) else {
                decoder.record(.urlParsing("invalid international domain name"), inputAt: start)
                return nil
            }
            return url
        case .invalid: throw JSONSyntaxError()
        default:
            try decoder.rejectValue(.urlType)
            return nil
        }
    }

    /// The URL's text.
    public func encode(to writer: inout JSONWriter) { writer.writeString(absoluteString) }
    /// `{"type":"string","format":"uri","minLength":1}`, Pydantic's order rearranged as FastAPI writes it.
    public static func jsonSchema(in generator: inout JSONSchemaGenerator) -> JSONObject {
        ["type": "string", "minLength": 1, "format": "uri"]
    }
}
