import ApusModels

/// Makes a struct a ``SchemaModel``: from its stored properties, their types, defaults, `@Field` markers and
/// `///` comments it generates the error-collecting decoder, the JSON encoder and the JSON Schema.
///
/// ```swift
/// /// An item for sale.
/// @Schema
/// struct Item {
///     @Field(minLength: 1, maxLength: 50)
///     var name: String
///     @Field(gt: 0)
///     var price: Double
///     var tags: [String] = []        // a default: not required, "default": [] in the schema
///     /// Free-form text.
///     var description: String?       // optional: not required
/// }
/// ```
/// - Parameters:
///   - naming: How property names become wire names (`.snakeCase`, `.camelCase`); `@Field(alias:)` overrides.
///   - extraKeys: `.forbid` reports unknown keys as `extra_forbidden`.
///   - acceptsPropertyNames: Also accept the Swift property name on input (Pydantic's `populate_by_name`).
@attached(extension, conformances: SchemaModel, names: arbitrary)
public macro Schema(naming: NamingStrategy = .asWritten, extraKeys: ExtraKeys = .ignore, acceptsPropertyNames: Bool = false) =
    #externalMacro(module: "ApusMacros", type: "SchemaMacro")

/// Declares a field's metadata and constraints for `@Schema` (Pydantic's `Field(...)`). The arguments are
/// ``FieldSpec``'s, in the same order; `validator` takes a function `(Value) throws -> Value`, such as a static method.
@attached(peer)
public macro Field(
    // generated-begin: @Field parameters, from FieldSpecArgument.all in Sources/ApusMacros/Schema/FieldSpecArgument.swift
    alias: String? = nil, title: String? = nil, description: String? = nil, examples: [JSONValue]? = nil,
    deprecated: Bool = false, gt: Double? = nil, ge: Double? = nil, lt: Double? = nil, le: Double? = nil,
    multipleOf: Double? = nil, minLength: Int? = nil, maxLength: Int? = nil, pattern: String? = nil, format: StringFormat? = nil,
    minItems: Int? = nil, maxItems: Int? = nil, uniqueItems: Bool? = nil, validator: (any Sendable)? = nil
        // generated-end: @Field parameters
) = #externalMacro(module: "ApusMacros", type: "FieldMacro")
