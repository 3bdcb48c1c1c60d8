public import ApusModels

/// A JSON Schema that is built when the OpenAPI document is built, so that model components are registered in
/// the document's ``JSONSchemaGenerator`` (and referenced with `$ref`).
public struct DocumentedSchema: Sendable {
    private let build: @Sendable (inout JSONSchemaGenerator) -> JSONObject

    /// A schema built by `build`.
    public init(_ build: @escaping @Sendable (inout JSONSchemaGenerator) -> JSONObject) {
        self.build = build
    }

    /// The schema of `type` as it appears as a response or a lone body (`$ref` for models).
    public init<Value: SchemaValue>(of type: Value.Type) {
        self.build = { generator in generator.schema(for: Value.self) }
    }

    /// The schema of a parameter or body field of `type`: constraints, title (from `name` unless the spec has
    /// one), description, default and examples, as Pydantic writes a field.
    public init<Value: SchemaValue>(field type: Value.Type, name: String, spec: FieldSpec<Value>?, defaultValue: JSONValue?) {
        self.build = { generator in
            generator.fieldSchema(for: Value.self, spec: spec, wireName: name, defaultValue: defaultValue)
        }
    }

    /// The schema, registering the components it needs in `generator`.
    public func schema(in generator: inout JSONSchemaGenerator) -> JSONObject {
        self.build(&generator)
    }
}
