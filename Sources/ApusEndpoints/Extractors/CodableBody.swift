import ApusModels

/// A JSON body of a plain `Codable` type (not a ``SchemaValue``), decoded through ``CodableModel`` with its
/// limits (no defaults, constraints or descriptions in the schema) and handed to the handler unwrapped.
///
/// The route macros choose it for a `Codable` parameter that is not a ``SchemaValue``; `@Schema` models go through
/// ``Body``.
public struct CodableBody<Value: Codable & Sendable>: Extractor {
    let body: Body<CodableModel<Value>>

    /// Reads body field `name` (see ``Body/init(_:embed:default:spec:)``).
    public init(_ name: String, embed: Bool = false, default: Value? = nil, description: String? = nil) {
        self.body = Body(
            name, embed: embed, default: `default`.map(CodableModel.init), spec: description.map { FieldSpec(description: $0) })
    }

    public func register(in plan: inout EndpointPlan) {
        self.body.register(in: &plan)
    }

    public func extract(from context: inout ExtractionContext) async throws -> Value? {
        try await self.body.extract(from: &context)?.value
    }
}
