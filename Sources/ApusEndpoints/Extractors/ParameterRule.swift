import ApusModels

/// Marks `Optional`: a parameter of such a type is not required, and its absence means `nil`.
protocol OptionalParameterValue {
    static var noneValue: Self { get }
}

extension Optional: OptionalParameterValue {
    static var noneValue: Wrapped? { nil }
}

/// Marks arrays and sets (and optionals of them): such a query or header parameter collects every repeated value.
protocol SequenceParameterValue {}

extension Array: SequenceParameterValue {}
extension Set: SequenceParameterValue {}
extension Optional: SequenceParameterValue where Wrapped: SequenceParameterValue {}

/// How a string parameter (path, query, header, cookie, form field) is validated: its wire name, constraints,
/// default, and whether it collects repeated values. Computed once, when the extractor is made.
struct ParameterRule<Value: SchemaValue>: Sendable {
    let name: String
    let source: ParameterSource
    let spec: FieldSpec<Value>?
    /// The value used when the parameter is absent: the explicit default, or `nil` for an optional type.
    let fallback: Value?
    /// The declared default, for the documentation.
    let explicitDefault: Value?
    let collectsRepeatedValues: Bool
    let location: [LocationElement]

    init(name: String, source: ParameterSource, spec: FieldSpec<Value>?, default explicitDefault: Value?) {
        self.name = name
        self.source = source
        self.spec = spec
        self.explicitDefault = explicitDefault
        self.fallback = explicitDefault ?? ((Value.self as? any OptionalParameterValue.Type)?.noneValue as? Value)
        self.collectsRepeatedValues = Value.self is any SequenceParameterValue.Type
        self.location = [.key(source.locationName), .key(name)]
    }

    var isRequired: Bool { self.fallback == nil }

    /// The parameter's OpenAPI description.
    var documentation: ParameterDocumentation {
        let defaultJSON = self.explicitDefault?.jsonValue
        return ParameterDocumentation(
            name: self.name, source: self.source, isRequired: self.isRequired, description: self.spec?.description,
            deprecated: self.spec?.deprecated ?? false, defaultValue: defaultJSON, examples: self.spec?.examples,
            schema: DocumentedSchema(field: Value.self, name: self.name, spec: self.spec, defaultValue: defaultJSON)
        )
    }

    /// Validates one value (`nil`: absent), recording errors in `context`.
    func validate(_ raw: String?, in context: inout ExtractionContext) -> Value? {
        guard let raw else { return self.missing(in: &context) }
        var errors: [ValidationErrorItem] = []
        let value = Value.validate(parameter: raw, at: self.location, spec: self.spec, errors: &errors)
        if !errors.isEmpty { context.record(errors, from: self.source) }
        return value
    }

    /// Validates repeated values (empty: absent), recording errors in `context`.
    func validate(_ raws: [String], in context: inout ExtractionContext) -> Value? {
        guard !raws.isEmpty else { return self.missing(in: &context) }
        var errors: [ValidationErrorItem] = []
        let value = Value.validate(parameters: raws, at: self.location, spec: self.spec, errors: &errors)
        if !errors.isEmpty { context.record(errors, from: self.source) }
        return value
    }

    /// The fallback, or a `missing` error (input `null`, as FastAPI reports absent parameters).
    func missing(in context: inout ExtractionContext) -> Value? {
        if let fallback = self.fallback { return fallback }
        context.record(
            ValidationErrorItem(type: "missing", location: self.location, message: "Field required", input: nil), from: self.source)
        return nil
    }
}
