extension Optional: SchemaValue where Wrapped: SchemaValue {
    // generated-begin: constraint types, from FieldSpecArgument.Constraint in Sources/ApusMacros/Schema/FieldSpecArgument.swift
    /// Constraints apply to the wrapped value.
    public typealias NumericConstraint = Wrapped.NumericConstraint
    /// Constraints apply to the wrapped value.
    public typealias LengthConstraint = Wrapped.LengthConstraint
    /// Constraints apply to the wrapped value.
    public typealias PatternConstraint = Wrapped.PatternConstraint
    /// Constraints apply to the wrapped value.
    public typealias FormatConstraint = Wrapped.FormatConstraint
    /// Constraints apply to the wrapped value.
    public typealias ItemCountConstraint = Wrapped.ItemCountConstraint
    /// Constraints apply to the wrapped value.
    public typealias UniqueItemsConstraint = Wrapped.UniqueItemsConstraint
    // generated-end: constraint types

    /// `null` is `nil`; anything else is decoded as `Wrapped`.
    public static func decode(from decoder: inout ValidatingDecoder) throws(JSONSyntaxError) -> Wrapped?? {
        if case .null = decoder.reader.peek() {
            try decoder.reader.readLiteral("null")
            return .some(nil)
        }
        guard let value = try Wrapped.decode(from: &decoder) else { return nil }
        return .some(value)
    }

    /// `null` or the wrapped value.
    public func encode(to writer: inout JSONWriter) {
        if let self { self.encode(to: &writer) } else { writer.writeNull() }
    }

    /// `{"anyOf":[<wrapped>,{"type":"null"}]}`, as Pydantic writes `T | None`.
    public static func jsonSchema(in generator: inout JSONSchemaGenerator) -> JSONObject {
        ["anyOf": [.object(Wrapped.jsonSchema(in: &generator)), ["type": "null"]]]
    }

    /// The wrapped type's checks, skipped for `nil`.
    public static func constraintChecks(for spec: FieldSpec<Wrapped?>) -> [ConstraintCheck<Wrapped?>] {
        Wrapped.constraintChecks(for: spec.converted(to: Wrapped.self)).map { check in
            { value in value.flatMap(check) }
        }
    }

    /// The wrapped type's keywords, inside the non-null branch (as Pydantic puts them).
    public static func addConstraints(of spec: FieldSpec<Wrapped?>, to schema: inout JSONObject) {
        guard case .array(var branches) = schema["anyOf"], case .object(var inner) = branches.first else { return }
        Wrapped.addConstraints(of: spec.converted(to: Wrapped.self), to: &inner)
        branches[0] = .object(inner)
        schema["anyOf"] = .array(branches)
    }

    /// Optional fields are not required.
    public static var isOptional: Bool { true }
    /// A `$ref` stays a `$ref` inside `anyOf`, without a title.
    public static var isReferenced: Bool { Wrapped.isReferenced }
    /// `true` for `nil`.
    public var isNil: Bool { self == nil }
}
