/// A struct with named fields, decoded from a JSON object, encoded as one and documented as an `object`
/// component: Pydantic's `BaseModel`.
///
/// `@Schema` generates the conformance. By hand, a model provides its ``fieldTable``, a
/// ``SchemaValue/decode(from:)`` that walks the object with ``ValidatingDecoder/beginModel(_:)``,
/// ``ValidatingDecoder/nextField(_:_:)`` and ``ValidatingDecoder/endModel(_:_:)``, an
/// ``SchemaValue/encode(to:)`` that uses ``JSONWriter/writeField(_:_:_:_:)``, and ``modelSchema(in:)``
/// built with ``ModelSchemaBuilder``:
///
/// ```swift
/// struct Address: SchemaModel {
///     var street: String
///     var zip: Int
///
///     static let fieldTable = ModelFieldTable([.init(name: "street", isRequired: true), .init(name: "zip", isRequired: true)])
///
///     static func decode(from decoder: inout ValidatingDecoder) throws(JSONSyntaxError) -> Address? {
///         guard var state = try decoder.beginModel(fieldTable) else { return nil }
///         var street: String?, zip: Int?
///         while let field = try decoder.nextField(&state, fieldTable) {
///             switch field {
///             case 0: street = try decoder.decodeValue(String.self, spec: nil)
///             default: zip = try decoder.decodeValue(Int.self, spec: nil)
///             }
///         }
///         guard decoder.endModel(&state, fieldTable), let street, let zip else { return nil }
///         return decoder.validateModel(Address(street: street, zip: zip), state)
///     }
///
///     func encode(to writer: inout JSONWriter) {
///         var state = writer.beginModel()
///         writer.writeField(&state, Self.fieldTable, 0, street)
///         writer.writeField(&state, Self.fieldTable, 1, zip)
///         writer.endModel(state)
///     }
///
///     static func modelSchema(in generator: inout JSONSchemaGenerator) -> JSONObject {
///         var builder = ModelSchemaBuilder(table: fieldTable)
///         builder.addField(0, String.self, spec: nil, in: &generator)
///         builder.addField(1, Int.self, spec: nil, in: &generator)
///         return builder.build(title: schemaName)
///     }
/// }
/// ```
public protocol SchemaModel: SchemaValue {
    /// The field names, wire names and model options.
    static var fieldTable: ModelFieldTable { get }
    /// The component name (`#/components/schemas/<schemaName>`); the type's name by default.
    static var schemaName: String { get }
    /// The model's own schema (`properties`, `required`, ...); ``SchemaValue/jsonSchema(in:)`` registers it
    /// as a component and returns a `$ref`.
    static func modelSchema(in generator: inout JSONSchemaGenerator) -> JSONObject
    /// Checks across fields, run after every field passed (Pydantic's `@model_validator(mode="after")`).
    /// Throw ``ValueError`` to report `value_error` at the model's location. The default accepts everything.
    func validateModel() throws
}

extension SchemaModel {
    /// The type's name.
    public static var schemaName: String { String(describing: Self.self) }
    /// Accepts everything.
    public func validateModel() throws {}
    /// Models are components.
    public static var isReferenced: Bool { true }
    /// A `$ref` to the model's component, registering it (once) in `generator`.
    public static func jsonSchema(in generator: inout JSONSchemaGenerator) -> JSONObject {
        generator.reference(named: schemaName) { generator in modelSchema(in: &generator) }
    }
}
