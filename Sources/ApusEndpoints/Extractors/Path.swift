import ApusCore
public import ApusModels

/// A path parameter: the `{name}` segment of the route's template, validated as `Value` with Pydantic's lax
/// rules (`"5"` is an `Int`). Always required.
///
/// ```swift
/// app.get("/items/{item_id}", Path<Int>("item_id", spec: FieldSpec(ge: 1))) { itemID in ... }
/// ```
public struct Path<Value: SchemaValue>: Extractor {
    let rule: ParameterRule<Value>

    /// Reads placeholder `name`.
    ///
    /// - Parameters:
    ///   - name: the placeholder's name in the template.
    ///   - spec: constraints, description, examples (`FieldSpec(ge: 1, description: "...")`).
    public init(_ name: String, spec: FieldSpec<Value>? = nil) {
        precondition(!Value.isOptional, "Path parameter \"\(name)\" cannot be optional: a path always has it")
        self.rule = ParameterRule(name: name, source: .path, spec: spec, default: nil)
    }

    public func register(in plan: inout EndpointPlan) {
        plan.addParameter(self.rule.documentation)
    }

    public func extract(from context: inout ExtractionContext) async throws -> Value? {
        let request = try context.requiredRequest(for: "path parameter \"\(self.rule.name)\"")
        return self.rule.validate(request.pathParameters[self.rule.name], in: &context)
    }
}
