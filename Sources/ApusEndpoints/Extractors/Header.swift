import ApusCore
public import ApusModels

/// A header field, looked up case-insensitively and validated as `Value`; an array type collects every field
/// with that name (`[String]`), a scalar takes the first.
///
/// The name is the wire name: turning a Swift name `xToken` into `x-token` (FastAPI's `convert_underscores`) is
/// the route macro's job. Errors are reported at `["header", name]`.
///
/// ```swift
/// Header<String>("x-api-key")
/// ```
public struct Header<Value: SchemaValue>: Extractor {
    let rule: ParameterRule<Value>
    let fieldName: HTTPField.Name

    /// Reads header `name`.
    ///
    /// - Precondition: `name` is a valid header field name.
    public init(_ name: String, default: Value? = nil, spec: FieldSpec<Value>? = nil) {
        guard let fieldName = HTTPField.Name(name) else {
            preconditionFailure("\"\(name)\" is not a valid header field name")
        }
        self.fieldName = fieldName
        self.rule = ParameterRule(name: name, source: .header, spec: spec, default: `default`)
    }

    public func register(in plan: inout EndpointPlan) {
        plan.addParameter(self.rule.documentation)
    }

    public func extract(from context: inout ExtractionContext) async throws -> Value? {
        let request = try context.requiredRequest(for: "header \"\(self.rule.name)\"")
        let values = request.headers[values: self.fieldName]
        if self.rule.collectsRepeatedValues {
            return self.rule.validate(values, in: &context)
        }
        return self.rule.validate(values.first, in: &context)
    }
}
