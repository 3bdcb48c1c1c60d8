import ApusCore
import ApusForms
public import ApusModels

/// A form field (FastAPI's `Form()`), from an `application/x-www-form-urlencoded` or `multipart/form-data` body,
/// validated as `Value` like a query parameter (an array collects repeated fields). Errors are at
/// `["body", name]`; a missing field's input is `null`. Another content type (JSON) leaves every field missing.
///
/// Forms are parsed with Starlette's limits: 1000 fields, 1000 files, 1 MB per non-file part (400 with its
/// messages); files past 1 MiB are spooled to disk (see ``File``).
public struct Form<Value: SchemaValue>: Extractor {
    let rule: ParameterRule<Value>

    /// Reads form field `name`.
    public init(_ name: String, default: Value? = nil, spec: FieldSpec<Value>? = nil) {
        self.rule = ParameterRule(name: name, source: .body, spec: spec, default: `default`)
    }

    public func register(in plan: inout EndpointPlan) {
        let documentation = self.rule.documentation
        plan.addFormField(
            RequestBodyDocumentation.Field(
                name: self.rule.name, isRequired: self.rule.isRequired, description: documentation.description,
                schema: documentation.schema, propertySchema: documentation.schema
            ),
            multipart: false
        )
    }

    public func extract(from context: inout ExtractionContext) async throws -> Value? {
        guard case .form(let form) = context.body else { return self.rule.missing(in: &context) }
        if self.rule.collectsRepeatedValues {
            return self.rule.validate(form.fields(named: self.rule.name), in: &context)
        }
        return self.rule.validate(form.field(named: self.rule.name), in: &context)
    }
}
