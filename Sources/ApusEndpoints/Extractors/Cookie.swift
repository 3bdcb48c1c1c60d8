import ApusCore
public import ApusModels

/// A cookie from the `Cookie` header, validated as `Value`; errors at `["cookie", name]` (FastAPI's `Cookie()`).
/// The cookie a response sets is a ``ResponseCookie``.
public struct Cookie<Value: SchemaValue>: Extractor {
    let rule: ParameterRule<Value>

    /// Reads cookie `name`.
    public init(_ name: String, default: Value? = nil, spec: FieldSpec<Value>? = nil) {
        self.rule = ParameterRule(name: name, source: .cookie, spec: spec, default: `default`)
    }

    public func register(in plan: inout EndpointPlan) {
        plan.addParameter(self.rule.documentation)
    }

    public func extract(from context: inout ExtractionContext) async throws -> Value? {
        self.rule.validate(try context.cookie(self.rule.name, for: "cookie \"\(self.rule.name)\""), in: &context)
    }
}
