import ApusCore
public import ApusModels

/// A query parameter, validated as `Value`: a scalar, a `String`/`Int` ``SchemaEnum``, or an array of them
/// collected from repeated keys (`?tag=a&tag=b`; commas are not split, as in FastAPI). A repeated key for a
/// scalar keeps the last value.
///
/// Required unless it has a `default` or `Value` is optional (absent means `nil`); `?q=` is the empty string.
///
/// ```swift
/// Query<String?>("q")
/// Query<Int>("limit", default: 10, spec: FieldSpec(ge: 1, le: 100))
/// Query<[String]>("tag", default: [])
/// ```
public struct Query<Value: SchemaValue>: Extractor {
    let rule: ParameterRule<Value>

    /// Reads query parameter `name`.
    ///
    /// - Parameters:
    ///   - name: the wire name (FastAPI's alias, when it differs from the Swift name).
    ///   - default: the value when the parameter is absent; shown in the docs.
    ///   - spec: constraints, description, examples, deprecation.
    public init(_ name: String, default: Value? = nil, spec: FieldSpec<Value>? = nil) {
        self.rule = ParameterRule(name: name, source: .query, spec: spec, default: `default`)
    }

    public func register(in plan: inout EndpointPlan) {
        plan.addParameter(self.rule.documentation)
    }

    public func extract(from context: inout ExtractionContext) async throws -> Value? {
        let request = try context.requiredRequest(for: "query parameter \"\(self.rule.name)\"")
        if self.rule.collectsRepeatedValues {
            return self.rule.validate(request.query.values(self.rule.name), in: &context)
        }
        return self.rule.validate(request.query[self.rule.name], in: &context)
    }
}
