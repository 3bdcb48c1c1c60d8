extension String: SchemaValue {
    /// The type of `minLength`/`maxLength`.
    public typealias LengthConstraint = Int
    /// The type of `pattern`.
    public typealias PatternConstraint = String
    /// The type of `format`.
    public typealias FormatConstraint = StringFormat

    /// Only JSON strings are strings: Pydantic v2 does not turn numbers into strings (`string_type`).
    public static func decode(from decoder: inout ValidatingDecoder) throws(JSONSyntaxError) -> String? {
        switch decoder.reader.peek() {
        case .string: return try decoder.reader.readString()
        case .invalid: throw JSONSyntaxError()
        default:
            try decoder.rejectValue(.stringType)
            return nil
        }
    }

    /// A JSON string.
    public func encode(to writer: inout JSONWriter) { writer.writeString(self) }
    /// `{"type":"string"}`.
    public static func jsonSchema(in generator: inout JSONSchemaGenerator) -> JSONObject { ["type": "string"] }

    /// `minLength`, `maxLength` (in Unicode scalars, as Python's `len`), `pattern`, then `format`.
    public static func constraintChecks(for spec: FieldSpec<String>) -> [ConstraintCheck<String>] {
        var checks: [ConstraintCheck<String>] = []
        if let minimum = spec.minLength {
            let failure = ValidationFailure.stringTooShort(minLength: minimum)
            checks.append { value in scalarCount(value, atLeast: minimum) ? nil : failure }
        }
        if let maximum = spec.maxLength {
            let failure = ValidationFailure.stringTooLong(maxLength: maximum)
            checks.append { value in scalarCount(value, atLeast: maximum + 1) ? failure : nil }
        }
        if let pattern = spec.pattern {
            let compiled = CompiledPattern(pattern)
            let failure = ValidationFailure.stringPatternMismatch(pattern)
            checks.append { value in compiled.matches(value) ? nil : failure }
        }
        if let format = spec.format { checks.append { value in format.check(value) } }
        return checks
    }

    /// `minLength`, `maxLength`, `pattern` and `format`, in the order FastAPI writes them.
    public static func addConstraints(of spec: FieldSpec<String>, to schema: inout JSONObject) {
        if let maximum = spec.maxLength { schema["maxLength"] = .int(maximum) }
        if let minimum = spec.minLength { schema["minLength"] = .int(minimum) }
        if let pattern = spec.pattern { schema["pattern"] = .string(pattern) }
        if let format = spec.format { schema["format"] = .string(format.rawValue) }
    }

    /// Whether the string has at least `count` Unicode scalars, stopping early; ASCII needs no scalar walk.
    static func scalarCount(_ value: String, atLeast count: Int) -> Bool {
        let utf8Count = value.utf8.count
        if utf8Count < count { return false }
        var seen = 0
        for _ in value.unicodeScalars {
            seen += 1
            if seen >= count { return true }
        }
        return seen >= count
    }
}
