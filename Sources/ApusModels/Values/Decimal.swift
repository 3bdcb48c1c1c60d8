public import FoundationEssentials
import Foundation

/// Pydantic's lax `Decimal` rules, shared by ``ExactDecimal`` and Foundation's `Decimal`.
///
/// FastAPI reads a body with `json.loads` before Pydantic sees it, so a JSON integer arrives as a Python `int`
/// (kept exactly) and a JSON number with a fraction or an exponent as a `float` (`Decimal(str(float))`: `1.10` is
/// `1.1`, `5.0` stays `5.0`). A string, whether in a JSON body or a query, path, header, cookie or form value, is
/// read by `Decimal(str)` with every digit (`"1.10"` stays `1.10`). `NaN` and infinities are `finite_number`, other
/// text `decimal_parsing`, booleans and other values `decimal_type`.
enum DecimalDecoding {
    static func decode(from decoder: inout ValidatingDecoder) throws(JSONSyntaxError) -> ExactDecimal? {
        let start = decoder.reader.position
        switch decoder.reader.peek() {
        case .number:
            let token = try decoder.reader.readNumberToken()
            let bytes = decoder.reader.bytes
            if token.isInteger {
                // JSON has no leading zeros, so the token's digits are the coefficient; Python's `int` has no `-0`.
                let negative = bytes[token.start] == UInt8(ascii: "-")
                let digits = Array(bytes[(token.start + (negative ? 1 : 0))..<token.end])
                return ExactDecimal(isNegative: negative && digits != [UInt8(ascii: "0")], digits: digits, exponent: 0)
            }
            guard let value = ExactDecimal(token.doubleValue(in: bytes)) else {
                decoder.record(.finiteNumber, inputAt: start)
                return nil
            }
            return value
        case .string:
            switch ExactDecimal.parse(Substring(try decoder.reader.readString())) {
            case .finite(let value): return value
            case .nonFinite: decoder.record(.finiteNumber, inputAt: start)
            case .invalid: decoder.record(.decimalParsing, inputAt: start)
            }
            return nil
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

    /// Pydantic's validation-mode schema: a number, or a string of decimal digits.
    static let schema: JSONObject = ["anyOf": [["type": "number"], ["type": "string", "pattern": #"^(?!^[-+.]*$)[+-]?0*\d*\.?\d*$"#]]]

    /// The numeric keywords, in the number branch as floats (Pydantic converts each bound with `float()`).
    static func addKeywords<T: SchemaValue>(of spec: FieldSpec<T>, to schema: inout JSONObject) where T.NumericConstraint == ExactDecimal {
        guard case .array(var branches) = schema["anyOf"], case .object(var number) = branches.first else { return }
        NumericConstraints.addKeywords(of: spec, to: &number) { .double(Double($0.description) ?? 0) }
        branches[0] = .object(number)
        schema["anyOf"] = .array(branches)
    }

    /// A bound in `ctx`: an integer when written as one (`ge: 1` gives `1`), a float otherwise (`0.5`), as Python
    /// keeps the bound's own type.
    static func contextValue(_ bound: ExactDecimal) -> JSONValue {
        if bound.exponent == 0, let integer = Int(bound.description) { return .int(integer) }
        return .double(Double(bound.description) ?? 0)
    }
}

extension ExactDecimal: SchemaValue {
    /// The bound type of `gt`/`ge`/`lt`/`le`/`multipleOf`.
    public typealias NumericConstraint = ExactDecimal

    /// Pydantic's lax `Decimal` decoding, every digit kept (see ``ExactDecimal``).
    public static func decode(from decoder: inout ValidatingDecoder) throws(JSONSyntaxError) -> ExactDecimal? {
        try DecimalDecoding.decode(from: &decoder)
    }

    /// A JSON string with Python's `str(Decimal)`, as Pydantic writes `Decimal` in typed output (`"1.10"`, `"1E+3"`).
    public func encode(to writer: inout JSONWriter) { writer.writeString(description) }

    /// Pydantic's validation-mode schema: a number, or a string of decimal digits.
    public static func jsonSchema(in generator: inout JSONSchemaGenerator) -> JSONObject { DecimalDecoding.schema }

    /// `gt`, `ge`, `lt`, `le`, `multipleOf`, compared exactly.
    public static func constraintChecks(for spec: FieldSpec<ExactDecimal>) -> [ConstraintCheck<ExactDecimal>] {
        if let multiple = spec.multipleOf {
            precondition(UInt128(multiple.coefficient) != nil, "multipleOf \(multiple) has too many digits")
        }
        return NumericConstraints.checks(
            for: spec, json: { DecimalDecoding.contextValue($0) }, display: { $0.description },
            isMultiple: { value, multiple in value.isMultiple(of: multiple) })
    }

    /// The numeric schema keywords, in the number branch.
    public static func addConstraints(of spec: FieldSpec<ExactDecimal>, to schema: inout JSONObject) {
        DecimalDecoding.addKeywords(of: spec, to: &schema)
    }
}

extension Decimal: SchemaValue {
    /// The bound type of `gt`/`ge`/`lt`/`le`/`multipleOf`: an ``ExactDecimal``, so that a literal bound keeps its
    /// digits (`le: 123.456` is 123.456, where a `Decimal` literal goes through `Double` to 123.45599999999997952).
    public typealias NumericConstraint = ExactDecimal

    /// Pydantic's lax `Decimal` decoding (see ``ExactDecimal``), then Foundation's `Decimal`, which drops trailing
    /// zeros. A value Foundation cannot hold exactly (more than 38 significant digits, or an exponent past its
    /// range) is `decimal_max_digits` with `max_digits` 38 rather than rounded.
    public static func decode(from decoder: inout ValidatingDecoder) throws(JSONSyntaxError) -> Decimal? {
        let start = decoder.reader.position
        guard let exact = try DecimalDecoding.decode(from: &decoder) else { return nil }
        guard let value = exact.decimal else {
            decoder.record(.decimalMaxDigits(ExactDecimal.foundationDigits), inputAt: start)
            return nil
        }
        return value
    }

    /// A JSON string with Python's `str(Decimal)` of the value, as Pydantic writes `Decimal` in typed output
    /// (`"1.1"` for what was `"1.10"`: Foundation kept no trailing zero; ``ExactDecimal`` keeps them).
    public func encode(to writer: inout JSONWriter) { writer.writeString(ExactDecimal(self)?.description ?? "NaN") }

    /// Pydantic's validation-mode schema: a number, or a string of decimal digits.
    public static func jsonSchema(in generator: inout JSONSchemaGenerator) -> JSONObject { DecimalDecoding.schema }

    /// `gt`, `ge`, `lt`, `le`, `multipleOf`; the bounds are converted to `Decimal` once, `multipleOf` is exact.
    public static func constraintChecks(for spec: FieldSpec<Decimal>) -> [ConstraintCheck<Decimal>] {
        if let multiple = spec.multipleOf {
            precondition(UInt128(multiple.coefficient) != nil, "multipleOf \(multiple) has too many digits")
        }
        return NumericConstraints.checks(
            for: spec,
            limit: { bound in
                guard let limit = bound.decimal else { preconditionFailure("the bound \(bound) does not fit in a Foundation Decimal") }
                return limit
            },
            json: { DecimalDecoding.contextValue($0) }, display: { $0.description },
            isMultiple: { value, multiple in ExactDecimal(value)?.isMultiple(of: multiple) ?? false })
    }

    /// The numeric schema keywords, in the number branch.
    public static func addConstraints(of spec: FieldSpec<Decimal>, to schema: inout JSONObject) {
        DecimalDecoding.addKeywords(of: spec, to: &schema)
    }
}
