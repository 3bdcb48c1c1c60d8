import ApusModels
import Foundation
import Testing

/// JSON Schemas of hand-written models, in the key order FastAPI's `/openapi.json` uses.
@Suite struct HandWrittenSchemaTests {
    @Test func constrainedFieldsShowTheirKeywordsAndDefault() {
        var generator = JSONSchemaGenerator()
        #expect(compact(generator.schema(for: WireItem.self)) == ##"{"$ref":"#/components/schemas/Item"}"##)
        #expect(
            compact(generator.components)
                == #"{"Item":{"properties":{"name":{"type":"string","minLength":3,"title":"Name"},"price":{"type":"number","exclusiveMinimum":0.0,"title":"Price"},"code":{"type":"string","pattern":"^[A-Z]{2}\\d$","title":"Code","default":"AB1"}},"type":"object","required":["name","price"],"title":"Item"}}"#
        )
    }

    @Test func nestedModelsBecomeReferencedComponents() {
        var generator = JSONSchemaGenerator()
        _ = generator.schema(for: User.self)
        let names: [String] = generator.sortedComponents.keys
        #expect(names == ["Address", "User"])
        #expect(
            generator.components["User"]?.jsonString
                == ##"{"properties":{"name":{"type":"string","title":"Name"},"age":{"type":"integer","title":"Age"},"address":{"$ref":"#/components/schemas/Address"}},"type":"object","required":["name","age","address"],"title":"User"}"##
        )
    }

    @Test func enumsAreComponentsWithTheirValues() {  // openapi_features_app.json "Color"
        var generator = JSONSchemaGenerator()
        _ = generator.schema(for: Color.self)
        #expect(generator.components["Color"]?.jsonString == #"{"type":"string","enum":["red","green"],"title":"Color"}"#)
    }

    @Test func optionalConstraintsGoInsideTheNonNullBranch() {  // openapi_small_app.json parameter q
        var generator = JSONSchemaGenerator()
        let schema = generator.fieldSchema(for: String?.self, spec: FieldSpec(maxLength: 10), wireName: "q")
        #expect(compact(schema) == #"{"anyOf":[{"type":"string","maxLength":10},{"type":"null"}],"title":"Q"}"#)
    }

    @Test func scalarTypesHaveTheirFormats() {
        var generator = JSONSchemaGenerator()
        #expect(compact(generator.schema(for: UUID.self)) == #"{"type":"string","format":"uuid"}"#)
        #expect(compact(generator.schema(for: Date.self)) == #"{"type":"string","format":"date-time"}"#)
        #expect(compact(generator.schema(for: URL.self)) == #"{"type":"string","minLength":1,"format":"uri"}"#)
        #expect(compact(generator.schema(for: Set<String>.self)) == #"{"items":{"type":"string"},"type":"array","uniqueItems":true}"#)
        #expect(compact(generator.schema(for: [String: Int].self)) == #"{"additionalProperties":{"type":"integer"},"type":"object"}"#)
    }

    @Test func titlesFollowPythonsTitleCase() {
        var generator = JSONSchemaGenerator()
        #expect(generator.fieldSchema(for: Int.self, spec: nil, wireName: "item_id")["title"] == "Item Id")
        #expect(generator.fieldSchema(for: Int.self, spec: nil, wireName: "firstName")["title"] == "Firstname")
        #expect(generator.fieldSchema(for: Int.self, spec: nil, wireName: "password2x")["title"] == "Password2X")
    }

    @Test func numericBoundsKeepTheFieldsNumberType() {  // openapi_features_app.json ItemIn.price
        var generator = JSONSchemaGenerator()
        let schema = generator.fieldSchema(for: Double.self, spec: FieldSpec(gt: 0, le: 1000), wireName: "price")
        #expect(compact(schema) == #"{"type":"number","maximum":1000.0,"exclusiveMinimum":0.0,"title":"Price"}"#)
    }
}
