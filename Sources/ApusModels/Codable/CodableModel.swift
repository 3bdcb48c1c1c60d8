import ApusWireFormats
import Foundation

/// A plain `Codable` type used where a ``SchemaValue`` is expected, validated by an error-collecting
/// `Decoder` instead of `@Schema`-generated code.
///
/// What works: every missing key and every wrong-typed leaf is reported at once with Pydantic's types, messages
/// and locations (`decodeIfPresent` makes a key optional); leaves that are ``SchemaValue``s (`String`, numbers,
/// `Bool`, `Date`, `UUID`, `URL`, ``ExactDecimal``, `Decimal`, `Data`) follow the same lax rules as `@Schema` models.
///
/// Limits, because `Codable` does not expose them:
/// - no defaults (synthesised `init(from:)` requires every non-optional key even when the property has a default),
///   no constraints, no descriptions; the JSON Schema is only `{"type":"object","title":<type name>}`;
/// - after a failure the decoder continues with placeholder values (`""`, `0`, `false`, empty containers); a type
///   whose `init(from:)` rejects a placeholder (a raw-value enum, a validating initializer) stops decoding there,
///   and its error is reported as `value_error` at its coding path, after the errors found before it;
/// - keys are the `CodingKeys` strings; no naming strategy or populate-by-name;
/// - encoding goes through a shared `JSONEncoder` and is re-spelled as Python would (slower than `@Schema`).
public struct CodableModel<Value: Codable & Sendable>: SchemaValue {
    /// The decoded value.
    public var value: Value

    /// Wraps a value.
    public init(_ value: Value) { self.value = value }

    /// Parses the JSON value at the reader and decodes `Value` from it, collecting every error.
    public static func decode(from decoder: inout ValidatingDecoder) throws(JSONSyntaxError) -> CodableModel<Value>? {
        decoder.reader.skipWhitespace()
        let start = decoder.reader.position
        try decoder.reader.skipValue()
        let json = decoder.reader.value(at: start)
        let state = CollectingDecoderState(location: decoder.location)
        do {
            let value = try Value(from: CollectingDecoder(state: state, value: json, codingPath: [], location: decoder.location))
            decoder.errors += state.errors
            return state.errors.isEmpty ? CodableModel(value) : nil
        } catch {
            decoder.errors += state.errors
            decoder.errors.append(
                ValidationFailure.valueError(CollectingDecoder.describe(error)).item(
                    at: decoder.location + CollectingDecoder.location(of: error), input: json))
            return nil
        }
    }

    /// The value through `JSONEncoder`, re-written with Python's spelling.
    public func encode(to writer: inout JSONWriter) {
        guard let data = try? CodableEncoding.encoder.encode(value), let json = try? JSONValue(parsing: [UInt8](data)) else {
            writer.writeNull()
            return
        }
        writer.write(json)
    }

    /// `{"type":"object","title":<type name>}`: Codable does not reveal its fields.
    public static func jsonSchema(in generator: inout JSONSchemaGenerator) -> JSONObject {
        ["type": "object", "title": .string(String(describing: Value.self))]
    }
}

enum CodableEncoding {
    /// One shared encoder: `JSONEncoder` is `Sendable` and not mutated after this setup. Dates are written by the
    /// one date formatter (`DateTimeText`), as `Date`'s own `encode(to:)` writes them.
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            if let text = DateTimeText.format(secondsSince1970: date.timeIntervalSince1970) {
                try container.encode(text)
            } else {
                try container.encodeNil()
            }
        }
        return encoder
    }()
}
