public import ApusModels

/// A JSON body value (FastAPI's `Body()`, and a model parameter), validated as `Value` with every error
/// reported at `["body", ...]`.
///
/// A lone body field that is not embedded is the whole body (a model, a list, or even a scalar: JSON `5` for a
/// `Body<Int>`). With several body fields in the route (its dependencies' included), or with `embed: true`, the
/// body is an object keyed by field name: `{"item": {...}, "user": {...}}`.
///
/// The body is parsed as JSON only when `content-type` is `application/json` or `application/*+json`; with another
/// type (or none, while the app's ``App/strictContentType`` is on) validation sees the raw text, as in FastAPI. An
/// empty body is a missing value; a JSON `null` is validated (`nil` for an optional `Value`, an error otherwise).
public struct Body<Value: SchemaValue>: Extractor {
    /// The field name (the key when the body is embedded).
    public let name: String
    /// Whether the value is under its name even when it is the only body field.
    public let embed: Bool
    let spec: FieldSpec<Value>?
    let fallback: Value?
    let explicitDefault: Value?

    /// Reads body field `name`.
    ///
    /// - Parameters:
    ///   - name: the field's name (its key when embedded; the docs name the lone body after it).
    ///   - embed: expect `{"<name>": value}` even when this is the only body field.
    ///   - default: the value when the field (or the whole body) is absent.
    ///   - spec: constraints and documentation.
    public init(_ name: String, embed: Bool = false, default: Value? = nil, spec: FieldSpec<Value>? = nil) {
        self.name = name
        self.embed = embed
        self.spec = spec
        self.explicitDefault = `default`
        self.fallback = `default` ?? ((Value.self as? any OptionalParameterValue.Type)?.noneValue as? Value)
    }

    public func register(in plan: inout EndpointPlan) {
        let defaultJSON = self.explicitDefault?.jsonValue
        plan.addJSONBodyField(
            RequestBodyDocumentation.Field(
                name: self.name, isRequired: self.fallback == nil, embed: self.embed, description: self.spec?.description,
                schema: DocumentedSchema(of: Value.self),
                propertySchema: DocumentedSchema(field: Value.self, name: self.name, spec: self.spec, defaultValue: defaultJSON)
            )
        )
        let spec = self.spec
        plan.loneBodyDecoder = LoneBodyDecoder { bytes, errors throws(JSONParseError) in
            DecodedBody(value: try Value.validate(json: bytes, at: ["body"], spec: spec, errors: &errors))
        }
    }

    public func extract(from context: inout ExtractionContext) async throws -> Value? {
        if case .notRead = context.body {
            // Only an override can read a body the route did not plan for.
            try await context.prepareBody(loneBodyDecoder: nil)
        }
        let embedded = context.bodyMode == .embedded
        switch context.body {
        case .notRead, .missing:
            return self.missing(at: embedded ? ["body", .key(self.name)] : ["body"], in: &context)
        case .lone(let decoded, let errors):
            context.record(errors, from: .body)
            // The lone decoder registered by this extractor stored a `DecodedBody<Value>`.
            return (decoded as? DecodedBody<Value>)?.value
        case .json(let document):
            guard embedded else { return self.validate(document, at: ["body"], in: &context) }
            guard case .object(let object) = document, let member = object[self.name], member != .null else {
                return self.missing(at: ["body", .key(self.name)], in: &context)
            }
            return self.validate(member, at: ["body", .key(self.name)], in: &context)
        case .text(let text):
            guard embedded else { return self.validate(.string(text), at: ["body"], in: &context) }
            return self.missing(at: ["body", .key(self.name)], in: &context)
        case .form:
            // A JSON field in a form route: FastAPI reads it from the form, where it is never a JSON value.
            return self.missing(at: ["body", .key(self.name)], in: &context)
        }
    }

    private func validate(_ value: JSONValue, at location: [LocationElement], in context: inout ExtractionContext) -> Value? {
        var errors: [ValidationErrorItem] = []
        let result = Value.validate(jsonValue: value, at: location, spec: self.spec, errors: &errors)
        context.record(errors, from: .body)
        return result
    }

    private func missing(at location: [LocationElement], in context: inout ExtractionContext) -> Value? {
        if let fallback = self.fallback { return fallback }
        context.record(ValidationErrorItem(type: "missing", location: location, message: "Field required", input: nil), from: .body)
        return nil
    }
}

/// A lone body's decoded value, boxed so that an optional `Value` survives the trip through `any Sendable`.
struct DecodedBody<Value: Sendable>: Sendable {
    let value: Value?
}
