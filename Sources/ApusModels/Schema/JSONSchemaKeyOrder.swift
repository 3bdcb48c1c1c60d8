/// Orders schema keys as FastAPI's `/openapi.json` does.
///
/// FastAPI validates its OpenAPI document into its own `Schema` model and dumps it, so every schema's keys
/// come out in that model's field order (JSON Schema 2020-12 vocabularies, then OpenAPI's additions),
/// whatever order Pydantic generated them in. Unknown keys keep their relative order after the known ones.
public enum JSONSchemaKeyOrder {
    static let order: [String] = [
        "$schema", "$vocabulary", "$id", "$anchor", "$dynamicAnchor", "$ref", "$dynamicRef", "$defs", "$comment",
        "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas", "prefixItems", "items", "contains",
        "properties", "patternProperties", "additionalProperties", "propertyNames", "unevaluatedItems",
        "unevaluatedProperties", "type", "enum", "const", "multipleOf", "maximum", "exclusiveMaximum", "minimum",
        "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "maxContains",
        "minContains", "maxProperties", "minProperties", "required", "dependentRequired", "format", "contentEncoding",
        "contentMediaType", "contentSchema", "title", "description", "default", "deprecated", "readOnly", "writeOnly",
        "examples", "discriminator", "xml", "externalDocs", "example",
    ]
    static let rank: [String: Int] = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
    static let schemaValued: Set<String> = [
        "not", "if", "then", "else", "items", "contains", "additionalProperties", "propertyNames", "unevaluatedItems",
        "unevaluatedProperties", "contentSchema",
    ]
    static let schemaArrays: Set<String> = ["allOf", "anyOf", "oneOf", "prefixItems"]
    static let schemaMaps: Set<String> = ["$defs", "properties", "patternProperties", "dependentSchemas"]

    /// `schema` with its keys, and those of every sub-schema, in FastAPI's order.
    public static func fastAPIOrdered(_ schema: JSONObject) -> JSONObject {
        let members = schema.enumerated().sorted { lhs, rhs in
            let left = rank[lhs.element.key] ?? order.count
            let right = rank[rhs.element.key] ?? order.count
            return left != right ? left < right : lhs.offset < rhs.offset
        }
        var result = JSONObject()
        for (_, member) in members {
            result.appendUnchecked(member.key, reorderChild(key: member.key, value: member.value))
        }
        return result
    }

    static func reorderChild(key: String, value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object) where schemaValued.contains(key):
            return .object(fastAPIOrdered(object))
        case .object(let object) where schemaMaps.contains(key):
            var result = JSONObject()
            for member in object {
                if case .object(let child) = member.value {
                    result.appendUnchecked(member.key, .object(fastAPIOrdered(child)))
                } else {
                    result.appendUnchecked(member.key, member.value)
                }
            }
            return .object(result)
        case .array(let array) where schemaArrays.contains(key):
            return .array(
                array.map { element in
                    if case .object(let child) = element { return .object(fastAPIOrdered(child)) }
                    return element
                })
        default:
            return value
        }
    }
}
