/// Decoding shared by every integer width: Pydantic's lax `int` rules.
///
/// JSON integers are taken as they are; floats only when integral (`5.0`; `5.5` is `int_from_float`);
/// strings with ``LaxNumberParsing/integer(_:as:)``; `true`/`false` as 1/0; anything else is `int_type`.
/// A value outside the Swift type's range is reported as a bound failure (`less_than_equal` with the type's
/// maximum), since Python's `int` has no range and Pydantic has no error for it.
enum IntegerDecoding {
    static func decode<T: FixedWidthInteger & SchemaValue>(
        _ type: T.Type, from decoder: inout ValidatingDecoder
    ) throws(JSONSyntaxError) -> T? {
        let start = decoder.reader.position
        switch decoder.reader.peek() {
        case .number:
            let token = try decoder.reader.readNumberToken()
            if token.isInteger {
                if T.self == Int.self, let value = token.integerValue(in: decoder.reader.bytes) { return T(value) }
                let digits = decoder.reader.bytes[token.start..<token.end]
                let text = Substring(String(decoding: UnsafeBufferPointer(rebasing: digits), as: UTF8.self))
                return resolve(LaxNumberParsing.integer(text, as: T.self), decoder: &decoder, start: start)
            }
            return fromDouble(token.doubleValue(in: decoder.reader.bytes), decoder: &decoder, start: start)
        case .string:
            let text = try decoder.reader.readString()
            switch LaxNumberParsing.integer(Substring(text), as: T.self) {
            case .value(let value): return value
            case .outOfRange(let negative):
                decoder.record(rangeFailure(T.self, negative: negative), inputAt: start)
                return nil
            case .invalid:
                decoder.record(.intParsing, inputAt: start)
                return nil
            }
        case .true:
            try decoder.reader.readLiteral("true")
            return 1
        case .false:
            try decoder.reader.readLiteral("false")
            return 0
        case .nonFiniteNumber:
            _ = try decoder.reader.readNonFiniteNumber()
            decoder.record(.finiteNumber, inputAt: start)
            return nil
        case .invalid: throw JSONSyntaxError()
        default:
            try decoder.rejectValue(.intType)
            return nil
        }
    }

    static func resolve<T: FixedWidthInteger>(
        _ result: LaxNumberParsing.IntegerResult<T>, decoder: inout ValidatingDecoder, start: Int
    ) -> T? {
        switch result {
        case .value(let value): return value
        case .outOfRange(let negative):
            decoder.record(rangeFailure(T.self, negative: negative), inputAt: start)
        case .invalid:
            decoder.record(.intParsing, inputAt: start)
        }
        return nil
    }

    static func fromDouble<T: FixedWidthInteger>(_ value: Double, decoder: inout ValidatingDecoder, start: Int) -> T? {
        guard value.isFinite else {
            decoder.record(.finiteNumber, inputAt: start)
            return nil
        }
        guard value.rounded(.towardZero) == value else {
            decoder.record(.intFromFloat, inputAt: start)
            return nil
        }
        guard let exact = T(exactly: value) else {
            decoder.record(rangeFailure(T.self, negative: value < 0), inputAt: start)
            return nil
        }
        return exact
    }

    static func rangeFailure<T: FixedWidthInteger>(_ type: T.Type, negative: Bool) -> ValidationFailure {
        if negative {
            let minimum = String(T.min)
            return .numericBound(.greaterThanOrEqual, bound: json(T.min), display: minimum)
        }
        return .numericBound(.lessThanOrEqual, bound: json(T.max), display: String(T.max))
    }

    static func json<T: FixedWidthInteger>(_ value: T) -> JSONValue {
        if let int = Int(exactly: value) { return .int(int) }
        return .bigInteger(String(value))
    }

    static func checks<T: FixedWidthInteger & SchemaValue>(for spec: FieldSpec<T>) -> [ConstraintCheck<T>] where T.NumericConstraint == T {
        NumericConstraints.checks(
            for: spec, json: { json($0) }, display: { String($0) }, isMultiple: { value, bound in bound == 0 || value % bound == 0 })
    }

    static func schema<T: FixedWidthInteger & SchemaValue>(_ spec: FieldSpec<T>, _ schema: inout JSONObject)
    where T.NumericConstraint == T {
        NumericConstraints.addKeywords(of: spec, to: &schema) { json($0) }
    }
}

/// The conformance every integer width shares.
public protocol SchemaInteger: FixedWidthInteger, SchemaValue where NumericConstraint == Self {}

extension SchemaInteger {
    /// Pydantic's lax `int` decoding (see `IntegerDecoding`).
    public static func decode(from decoder: inout ValidatingDecoder) throws(JSONSyntaxError) -> Self? {
        try IntegerDecoding.decode(Self.self, from: &decoder)
    }
    /// A decimal integer.
    public func encode(to writer: inout JSONWriter) { writer.writeInteger(self) }
    /// `{"type":"integer"}`.
    public static func jsonSchema(in generator: inout JSONSchemaGenerator) -> JSONObject { ["type": "integer"] }
    /// `gt`, `ge`, `lt`, `le`, `multipleOf`.
    public static func constraintChecks(for spec: FieldSpec<Self>) -> [ConstraintCheck<Self>] { IntegerDecoding.checks(for: spec) }
    /// `exclusiveMinimum`, `minimum`, `exclusiveMaximum`, `maximum`, `multipleOf`.
    public static func addConstraints(of spec: FieldSpec<Self>, to schema: inout JSONObject) { IntegerDecoding.schema(spec, &schema) }
}

extension Int: SchemaInteger { public typealias NumericConstraint = Int }
extension Int8: SchemaInteger { public typealias NumericConstraint = Int8 }
extension Int16: SchemaInteger { public typealias NumericConstraint = Int16 }
extension Int32: SchemaInteger { public typealias NumericConstraint = Int32 }
extension Int64: SchemaInteger { public typealias NumericConstraint = Int64 }
extension UInt: SchemaInteger { public typealias NumericConstraint = UInt }
extension UInt8: SchemaInteger { public typealias NumericConstraint = UInt8 }
extension UInt16: SchemaInteger { public typealias NumericConstraint = UInt16 }
extension UInt32: SchemaInteger { public typealias NumericConstraint = UInt32 }
extension UInt64: SchemaInteger { public typealias NumericConstraint = UInt64 }
