/// Collects JSON Schemas and the components they refer to.
///
/// ```swift
/// var generator = JSONSchemaGenerator()
/// let schema = generator.schema(for: Item.self)      // {"$ref":"#/components/schemas/Item"}
/// let components = generator.components             // "Item" and every model/enum it uses
/// ```
/// Components are stored once each, with keys in the order FastAPI's `/openapi.json` writes them.
public struct JSONSchemaGenerator: Sendable {
    /// The prefix of `$ref`s; OpenAPI's by default.
    public var referencePrefix: String
    /// The registered components, in registration order; ``sortedComponents`` orders them like FastAPI.
    public private(set) var components: JSONObject = [:]
    var inProgress: Set<String> = []

    /// A generator whose references start with `referencePrefix`.
    public init(referencePrefix: String = "#/components/schemas/") {
        self.referencePrefix = referencePrefix
    }

    /// The components sorted by name, as FastAPI lists them.
    public var sortedComponents: JSONObject {
        JSONObject(components.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }

    /// The schema of `type`, with keys in FastAPI's order; components it needs are registered.
    public mutating func schema<T: SchemaValue>(for type: T.Type) -> JSONObject {
        JSONSchemaKeyOrder.fastAPIOrdered(T.jsonSchema(in: &self))
    }

    /// The schema of a field or parameter of type `T`: the type's schema with `spec`'s constraints, title,
    /// description, default and examples, as Pydantic writes a model property.
    public mutating func fieldSchema<T: SchemaValue>(
        for type: T.Type, spec: FieldSpec<T>?, wireName: String, defaultValue: JSONValue? = nil
    ) -> JSONObject {
        var schema = T.jsonSchema(in: &self)
        if let spec { T.addConstraints(of: spec, to: &schema) }
        if !T.isReferenced {
            schema["title"] = .string(spec?.title ?? PythonTitle.title(wireName))
        } else if let title = spec?.title {
            schema["title"] = .string(title)
        }
        if let description = spec?.description { schema["description"] = .string(description) }
        // FastAPI writes its OpenAPI document with `exclude_none`, which drops `"default": null`.
        if let defaultValue, defaultValue != .null { schema["default"] = defaultValue }
        if spec?.deprecated == true { schema["deprecated"] = true }
        if let examples = spec?.examples { schema["examples"] = .array(examples) }
        return JSONSchemaKeyOrder.fastAPIOrdered(schema)
    }

    /// Registers the component `name` (built by `build` the first time) and returns `{"$ref": ...}`.
    /// Recursive types are fine: a component under construction is referenced without being rebuilt.
    public mutating func reference(named name: String, build: (inout JSONSchemaGenerator) -> JSONObject) -> JSONObject {
        if components[name] == nil, !inProgress.contains(name) {
            inProgress.insert(name)
            let schema = build(&self)
            inProgress.remove(name)
            components[name] = .object(JSONSchemaKeyOrder.fastAPIOrdered(schema))
        }
        return ["$ref": .string(referencePrefix + name)]
    }
}

/// Builds a model's component schema field by field.
public struct ModelSchemaBuilder: Sendable {
    let table: ModelFieldTable
    var properties = JSONObject()
    var required: [JSONValue] = []
    /// The model's description (its `///` comment).
    public var description: String?

    /// A builder for the model described by `table`.
    public init(table: ModelFieldTable, description: String? = nil) {
        self.table = table
        self.description = description
    }

    /// Adds the field at `index` of the table; `defaultValue` is its default as JSON, if it has one.
    public mutating func addField<T: SchemaValue>(
        _ index: Int, _ type: T.Type, spec: FieldSpec<T>?, defaultValue: JSONValue? = nil, in generator: inout JSONSchemaGenerator
    ) {
        let field = table.fields[index]
        properties[field.wireName] = .object(
            generator.fieldSchema(for: T.self, spec: spec, wireName: field.wireName, defaultValue: defaultValue))
        if field.isRequired { required.append(.string(field.wireName)) }
    }

    /// The component: `properties`, `type`, `required` (when any), `title`, `description`, and
    /// `additionalProperties: false` when the model forbids extra keys.
    public func build(title: String) -> JSONObject {
        var schema: JSONObject = ["properties": .object(properties), "type": "object"]
        if table.extraKeys == .forbid { schema["additionalProperties"] = false }
        if !required.isEmpty { schema["required"] = .array(required) }
        schema["title"] = .string(title)
        if let description { schema["description"] = .string(description) }
        return schema
    }
}

/// Pydantic's default titles: the wire name through Python's `str.title()`, underscores as spaces
/// (`item_id` → `Item Id`, `firstName` → `Firstname`, `password2x` → `Password2X`).
enum PythonTitle {
    static func title(_ name: String) -> String {
        var output = ""
        var previousIsCased = false
        for character in name {
            let isCased = character.isCased
            if isCased {
                output += previousIsCased ? character.lowercased() : character.uppercased()
            } else {
                output.append(character == "_" ? " " : character)
            }
            previousIsCased = isCased
        }
        return output.trimmingPythonSpaces()
    }
}

extension Character {
    var isCased: Bool { isUppercase || isLowercase }
}

extension String {
    func trimmingPythonSpaces() -> String {
        var text = Substring(self)
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}
