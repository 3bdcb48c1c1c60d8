public import FoundationEssentials
import Foundation

extension Decimal: SchemaValue {
    /// The bound type of `gt`/`ge`/`lt`/`le`/`multipleOf`.
    public typealias NumericConstraint = Decimal

    /// JSON numbers (read from their text, so no binary rounding) and numeric strings; `NaN`/`Infinity` are
    /// `finite_number`, other text `decimal_parsing`, booleans and other values `decimal_type`.
    public static func decode(from decoder: inout ValidatingDecoder) throws(JSONSyntaxError) -> Decimal? {
        let start = decoder.reader.position
        switch decoder.reader.peek() {
        case .number:
            let token = try decoder.reader.readNumberToken()
            let text = String(decoding: UnsafeBufferPointer(rebasing: decoder.reader.bytes[token.start..<token.end]), as: UTF8.self)
            return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
        case .string:
            let text = try decoder.reader.readString()
            let trimmed = LaxNumberParsing.trimmed(Substring(text))
            if let value = LaxNumberParsing.double(trimmed), !value.isFinite {
                decoder.record(.finiteNumber, inputAt: start)
                return nil
            }
            guard LaxNumberParsing.double(trimmed) != nil, !trimmed.contains("_"),
                let value = Decimal(string: String(trimmed), locale: Locale(identifier: "en_US_POSIX"))
            else {
                decoder.record(.decimalParsing, inputAt: start)
                return nil
            }
            return value
        case .nonFiniteNumber:
            _ = try decoder.reader.readNonFiniteNumber()
            decoder.record(.finiteNumber, inputAt: start)
            return nil
        case .invalid: throw JSONSyntaxError()
        default:
            try decoder.rejectValue(.decimalType)
            return nil
        }
    }

    /// A JSON string, as Pydantic writes `Decimal` in typed output (`"1.1"`). Foundation's `Decimal` does not
    /// keep trailing zeros, so `Decimal("1.10")` is written `"1.1"` where Python writes `"1.10"`.
    public func encode(to writer: inout JSONWriter) { writer.writeString(description) }

    /// Pydantic's validation-mode schema: a number, or a string of decimal digits.
    public static func jsonSchema(in generator: inout JSONSchemaGenerator) -> JSONObject {
        ["anyOf": [["type": "number"], ["type": "string", "pattern": #"^(?!^[-+.]*$)[+-]?0*\d*\.?\d*$"#]]]
    }

    /// `gt`, `ge`, `lt`, `le`, `multipleOf`.
    public static func constraintChecks(for spec: FieldSpec<Decimal>) -> [ConstraintCheck<Decimal>] {
        NumericConstraints.checks(
            for: spec, json: { decimalJSON($0) }, display: { $0.description },
            isMultiple: { value, multiple in
                guard multiple != 0 else { return true }
                var quotient = value / multiple
                var rounded = Decimal()
                NSDecimalRound(&rounded, &quotient, 0, .plain)
                return rounded == quotient
            })
    }

    /// The numeric schema keywords.
    public static func addConstraints(of spec: FieldSpec<Decimal>, to schema: inout JSONObject) {
        NumericConstraints.addKeywords(of: spec, to: &schema) { decimalJSON($0) }
    }

    static func decimalJSON(_ value: Decimal) -> JSONValue {
        if let int = Int(value.description) { return .int(int) }
        return .double(Double(value.description) ?? 0)
    }
}
