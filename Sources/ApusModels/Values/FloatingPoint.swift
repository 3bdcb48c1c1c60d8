import ApusWireFormats

/// Decoding shared by `Double` and `Float`: Pydantic's lax `float` rules.
///
/// Numbers (including Python's `NaN`/`Infinity`) and booleans are accepted; strings go through
/// ``LaxNumberParsing/double(_:)`` (`"1e3"`, `" 1.5 "`, `"inf"`); anything else is `float_type`.
enum FloatingPointDecoding {
    static func decode(from decoder: inout ValidatingDecoder) throws(JSONSyntaxError) -> Double? {
        let start = decoder.reader.position
        switch decoder.reader.peek() {
        case .number:
            let token = try decoder.reader.readNumberToken()
            if token.isInteger, let integer = token.integerValue(in: decoder.reader.bytes) { return Double(integer) }
            return token.doubleValue(in: decoder.reader.bytes)
        case .nonFiniteNumber:
            return try decoder.reader.readNonFiniteNumber()
        case .string:
            let text = try decoder.reader.readString()
            guard let value = LaxNumberParsing.double(Substring(text)) else {
                decoder.record(.floatParsing, inputAt: start)
                return nil
            }
            return value
        case .true:
            try decoder.reader.readLiteral("true")
            return 1
        case .false:
            try decoder.reader.readLiteral("false")
            return 0
        case .invalid: throw JSONSyntaxError()
        default:
            try decoder.rejectValue(.floatType)
            return nil
        }
    }

    /// pydantic-core's float `multiple_of`: the remainder must be within `|multiple| / 1e9` of 0 or of the multiple.
    static func isMultiple(_ value: Double, of multiple: Double) -> Bool {
        let remainder = value.truncatingRemainder(dividingBy: multiple)
        let threshold = multiple.magnitude / 1e9
        return remainder.magnitude <= threshold || (remainder - multiple).magnitude <= threshold
            || (remainder + multiple).magnitude <= threshold
    }
}

extension Double: SchemaValue {
    /// The bound type of `gt`/`ge`/`lt`/`le`/`multipleOf`.
    public typealias NumericConstraint = Double

    /// Pydantic's lax `float` decoding.
    public static func decode(from decoder: inout ValidatingDecoder) throws(JSONSyntaxError) -> Double? {
        try FloatingPointDecoding.decode(from: &decoder)
    }
    /// Python's `repr`; non-finite values as `null` (Pydantic's typed output).
    public func encode(to writer: inout JSONWriter) { writer.writeDouble(self) }
    /// `{"type":"number"}`.
    public static func jsonSchema(in generator: inout JSONSchemaGenerator) -> JSONObject { ["type": "number"] }
    /// `gt`, `ge`, `lt`, `le`, `multipleOf`; bounds show as floats in `ctx` (`0.0`) and as Rust prints them
    /// in messages (`0`), as Pydantic does.
    public static func constraintChecks(for spec: FieldSpec<Double>) -> [ConstraintCheck<Double>] {
        NumericConstraints.checks(
            for: spec, json: { .double($0) }, display: { PythonNumberText.rustDisplay($0) },
            isMultiple: { FloatingPointDecoding.isMultiple($0, of: $1) })
    }
    /// The numeric schema keywords.
    public static func addConstraints(of spec: FieldSpec<Double>, to schema: inout JSONObject) {
        NumericConstraints.addKeywords(of: spec, to: &schema) { .double($0) }
    }
}

extension Float: SchemaValue {
    /// The bound type of `gt`/`ge`/`lt`/`le`/`multipleOf`.
    public typealias NumericConstraint = Float

    /// Pydantic's lax `float` decoding, rounded to `Float`.
    public static func decode(from decoder: inout ValidatingDecoder) throws(JSONSyntaxError) -> Float? {
        try FloatingPointDecoding.decode(from: &decoder).map(Float.init)
    }
    /// The shortest `Double` spelling of the `Float`'s shortest decimal form (`0.1`, not `0.10000000149011612`).
    public func encode(to writer: inout JSONWriter) { writer.writeFloat(self) }
    /// `{"type":"number"}`.
    public static func jsonSchema(in generator: inout JSONSchemaGenerator) -> JSONObject { ["type": "number"] }
    /// `gt`, `ge`, `lt`, `le`, `multipleOf`.
    public static func constraintChecks(for spec: FieldSpec<Float>) -> [ConstraintCheck<Float>] {
        NumericConstraints.checks(
            for: spec, json: { .double(Double($0)) }, display: { PythonNumberText.rustDisplay(Double($0)) },
            isMultiple: { FloatingPointDecoding.isMultiple(Double($0), of: Double($1)) })
    }
    /// The numeric schema keywords.
    public static func addConstraints(of spec: FieldSpec<Float>, to schema: inout JSONObject) {
        NumericConstraints.addKeywords(of: spec, to: &schema) { .double(Double($0)) }
    }
}
