/// The numeric constraint checks and schema keywords shared by integers, floats and `Decimal`.
enum NumericConstraints {
    /// The five bounds of `spec`, in Pydantic's check order (`multiple_of` first, then `le`, `lt`, `ge`, `gt`
    /// as pydantic-core's constrained validators run them).
    static func bounds<T: SchemaValue>(of spec: FieldSpec<T>) -> [(NumericBoundKind, T.NumericConstraint)] {
        var bounds: [(NumericBoundKind, T.NumericConstraint)] = []
        if let bound = spec.multipleOf { bounds.append((.multipleOf, bound)) }
        if let bound = spec.lessThanOrEqual { bounds.append((.lessThanOrEqual, bound)) }
        if let bound = spec.lessThan { bounds.append((.lessThan, bound)) }
        if let bound = spec.greaterThanOrEqual { bounds.append((.greaterThanOrEqual, bound)) }
        if let bound = spec.greaterThan { bounds.append((.greaterThan, bound)) }
        return bounds
    }

    /// Compiles the bounds of `spec` for a number type whose bounds are of its own type; `json` renders a bound for
    /// `ctx` and the schema, `display` for the message, `isMultiple` decides `multiple_of`.
    static func checks<T: SchemaValue & Comparable>(
        for spec: FieldSpec<T>, json: @escaping @Sendable (T) -> JSONValue, display: @escaping @Sendable (T) -> String,
        isMultiple: @escaping @Sendable (T, T) -> Bool
    ) -> [ConstraintCheck<T>] where T.NumericConstraint == T {
        checks(for: spec, limit: { $0 }, json: json, display: display, isMultiple: isMultiple)
    }

    /// Compiles the bounds of `spec`, each converted once by `limit` to the value type for the comparisons.
    static func checks<T: SchemaValue & Comparable>(
        for spec: FieldSpec<T>, limit: (T.NumericConstraint) -> T, json: @escaping @Sendable (T.NumericConstraint) -> JSONValue,
        display: @escaping @Sendable (T.NumericConstraint) -> String, isMultiple: @escaping @Sendable (T, T.NumericConstraint) -> Bool
    ) -> [ConstraintCheck<T>] {
        bounds(of: spec).map { kind, bound in
            let failure = ValidationFailure.numericBound(kind, bound: json(bound), display: display(bound))
            let limit = limit(bound)
            switch kind {
            case .greaterThan: return { value in value > limit ? nil : failure }
            case .greaterThanOrEqual: return { value in value >= limit ? nil : failure }
            case .lessThan: return { value in value < limit ? nil : failure }
            case .lessThanOrEqual: return { value in value <= limit ? nil : failure }
            case .multipleOf: return { value in isMultiple(value, bound) ? nil : failure }
            }
        }
    }

    /// Adds the schema keywords in the order FastAPI's schema model writes them.
    static func addKeywords<T: SchemaValue>(of spec: FieldSpec<T>, to schema: inout JSONObject, json: (T.NumericConstraint) -> JSONValue) {
        if let bound = spec.multipleOf { schema["multipleOf"] = json(bound) }
        if let bound = spec.lessThanOrEqual { schema["maximum"] = json(bound) }
        if let bound = spec.lessThan { schema["exclusiveMaximum"] = json(bound) }
        if let bound = spec.greaterThanOrEqual { schema["minimum"] = json(bound) }
        if let bound = spec.greaterThan { schema["exclusiveMinimum"] = json(bound) }
    }
}
