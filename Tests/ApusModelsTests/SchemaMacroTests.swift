import Apus
import Foundation
import Testing

/// `@Schema` models against the reference dumps: schemas, error lists and encodings.
@Suite struct SchemaMacroTests {
    @Test func itemSchemaMatchesTheSmallAppsComponentByteForByte() {  // openapi_small_app.json
        var generator = JSONSchemaGenerator()
        _ = generator.schema(for: Item.self)
        #expect(
            generator.components["Item"]?.jsonString
                == #"{"properties":{"name":{"type":"string","maxLength":50,"minLength":1,"title":"Name"},"price":{"type":"number","exclusiveMinimum":0.0,"title":"Price"},"tags":{"items":{"type":"string"},"type":"array","title":"Tags","default":[]},"description":{"anyOf":[{"type":"string"},{"type":"null"}],"title":"Description"}},"type":"object","required":["name","price"],"title":"Item"}"#
        )
    }

    @Test func itemInSchemaMatchesTheFeaturesAppByteForByte() {  // openapi_features_app.json
        var generator = JSONSchemaGenerator()
        _ = generator.schema(for: ItemIn.self)
        #expect(
            generator.components["ItemIn"]?.jsonString
                == ##"{"properties":{"name":{"type":"string","title":"Name","description":"The name","examples":["Foo"]},"price":{"type":"number","maximum":1000.0,"exclusiveMinimum":0.0,"title":"Price"},"color":{"$ref":"#/components/schemas/Color","default":"red"}},"type":"object","required":["name","price"],"title":"ItemIn"}"##
        )
        #expect(generator.components["Color"]?.jsonString == #"{"type":"string","enum":["red","blue"],"title":"Color"}"#)
    }

    @Test func signupSchemaUsesAliasesAndEmailFormat() {  // pydantic_models.txt "openapi schemas"
        var generator = JSONSchemaGenerator()
        _ = generator.schema(for: Signup.self)
        #expect(
            generator.components["Signup"]?.jsonString
                == #"{"properties":{"firstName":{"type":"string","title":"Firstname"},"email":{"type":"string","format":"email","title":"Email"},"password":{"type":"string","title":"Password"},"password2":{"type":"string","title":"Password2"}},"type":"object","required":["firstName","email","password","password2"],"title":"Signup"}"#
        )
    }

    @Test func queryModelFieldSchemasMatchTheParameterDump() throws {  // pydantic_models.txt parameters (key order differs there)
        var generator = JSONSchemaGenerator()
        _ = generator.schema(for: FilterParams.self)
        let properties = try #require(generator.components["FilterParams"]?.objectValue?["properties"]?.objectValue)
        #expect(
            unordered(properties["limit"])
                == unordered(#"{"type":"integer","maximum":100,"exclusiveMinimum":0,"default":100,"title":"Limit"}"#))
        #expect(unordered(properties["offset"]) == unordered(#"{"type":"integer","minimum":0,"default":0,"title":"Offset"}"#))
        #expect(unordered(properties["tags"]) == unordered(#"{"type":"array","items":{"type":"string"},"default":[],"title":"Tags"}"#))
        #expect(generator.components["FilterParams"]?.objectValue?["additionalProperties"] == false)
    }

    @Test func aliasesAreAcceptedAndTheValidatorTransforms() throws {  // pydantic_models.txt "signup: camelCase aliases ok"
        let body = #"{"firstName": "bob", "email": "b@example.com", "password": "a", "password2": "a"}"#
        let signup = try #require(try validateBody(Signup.self, body).value)
        #expect(
            String(decoding: signup.jsonBytes(), as: UTF8.self)
                == #"{"firstName":"Bob","email":"b@example.com","password":"a","password2":"a"}"#)
    }

    @Test func propertyNamesAreAcceptedWithPopulateByName() throws {  // pydantic_models.txt "populate_by_name"
        let body = #"{"first_name": "bob", "email": "b@example.com", "password": "a", "password2": "a"}"#
        #expect(try validateBody(Signup.self, body).value?.first_name == "Bob")
    }

    @Test func fieldValidatorAndEmailErrorsAreBothReported() throws {  // pydantic_models.txt "field_validator error + bad email"
        let body = #"{"firstName": "bo b", "email": "not-an-email", "password": "a", "password2": "a"}"#
        #expect(
            try validateBody(Signup.self, body).detail
                == #"{"detail":[{"type":"value_error","loc":["body","firstName"],"msg":"Value error, must not contain a space","input":"bo b","ctx":{"error":{}}},{"type":"value_error","loc":["body","email"],"msg":"value is not a valid email address: An email address must have an @-sign.","input":"not-an-email","ctx":{"reason":"An email address must have an @-sign."}}]}"#
        )
    }

    @Test func modelValidatorErrorIsAtTheModelWithTheWholeInput() throws {  // pydantic_models.txt "model_validator error"
        let body = #"{"firstName": "bob", "email": "b@example.com", "password": "a", "password2": "b"}"#
        #expect(
            try validateBody(Signup.self, body).detail
                == #"{"detail":[{"type":"value_error","loc":["body"],"msg":"Value error, passwords do not match","input":{"firstName":"bob","email":"b@example.com","password":"a","password2":"b"},"ctx":{"error":{}}}]}"#
        )
    }

    @Test func forbiddenExtraKeyIsReported() throws {  // pydantic_models.txt "extra=forbid"
        #expect(
            try validateBody(Strict.self, #"{"a": 1, "b": 2}"#).detail
                == #"{"detail":[{"type":"extra_forbidden","loc":["body","b"],"msg":"Extra inputs are not permitted","input":2}]}"#)
    }

    @Test func queryModelReportsConstraintThenExtraKey() {  // pydantic_models.txt "query model ... extra forbidden / constraint"
        var errors: [ValidationErrorItem] = []
        let query: JSONValue = ["limit": "500", "foo": "1"]
        #expect(FilterParams.validate(jsonValue: query, at: ["query"], errors: &errors) == nil)
        #expect(
            String(decoding: errors.validationErrorBody, as: UTF8.self)
                == #"{"detail":[{"type":"less_than_equal","loc":["query","limit"],"msg":"Input should be less than or equal to 100","input":"500","ctx":{"le":100}},{"type":"extra_forbidden","loc":["query","foo"],"msg":"Extra inputs are not permitted","input":"1"}]}"#
        )
    }

    @Test func queryModelDecodesStringsWithDefaults() throws {  // pydantic_models.txt "query model ok"
        var errors: [ValidationErrorItem] = []
        let query: JSONValue = ["limit": "5", "tags": ["a", "b"]]
        let filter = try #require(FilterParams.validate(jsonValue: query, at: ["query"], errors: &errors))
        #expect(String(decoding: filter.jsonBytes(), as: UTF8.self) == #"{"limit":5,"offset":0,"order_by":"created_at","tags":["a","b"]}"#)
    }

    @Test func formModelMissingFieldShowsTheFormAsInput() {  // pydantic_models.txt "form model"
        var errors: [ValidationErrorItem] = []
        _ = FormData.validate(jsonValue: ["username": "u"], at: ["body"], errors: &errors)
        #expect(
            String(decoding: errors.validationErrorBody, as: UTF8.self)
                == #"{"detail":[{"type":"missing","loc":["body","password"],"msg":"Field required","input":{"username":"u"}}]}"#)
    }

    @Test func typedOutputUsesPydanticSpellings() throws {  // json_encoding.txt "typed model"
        let value = TypedOutput(dtz: Date(timeIntervalSince1970: 1_704_164_645.123), dec: try #require(Decimal(string: "2")), f: 1e20)
        #expect(String(decoding: value.jsonBytes(), as: UTF8.self) == #"{"dtz":"2024-01-02T03:04:05.123000Z","dec":"2","f":1e+20}"#)
        let nan = TypedOutput(dtz: Date(timeIntervalSince1970: 0), dec: 0, f: .nan)
        #expect(String(decoding: nan.jsonBytes(), as: UTF8.self).hasSuffix(#""f":null}"#))
    }

    @Test func excludeOptionsMatchFastAPI() {  // fastapi.md §1.4 "exclude options"
        let plain = ExcludeOptions(a: 1)
        #expect(String(decoding: plain.jsonBytes(), as: UTF8.self) == #"{"a":1,"b":null,"c":[],"aliasField":"x"}"#)
        let withList = ExcludeOptions(a: 1, c: [1])
        #expect(
            String(decoding: withList.jsonBytes(options: EncodingOptions(dropNilFields: true)), as: UTF8.self)
                == #"{"a":1,"c":[1],"aliasField":"x"}"#)
        #expect(String(decoding: plain.jsonBytes(options: EncodingOptions(includedFields: ["a"])), as: UTF8.self) == #"{"a":1}"#)
    }

    @Test func everyTypeDecodesAndRoundTrips() throws {
        let body = #"""
            {"text":"t","small":-3,"ratio":0.5,"flag":"yes","amount":"1.25","id":"123e4567-e89b-12d3-a456-426614174000",
             "when":"2024-01-02T03:04:05Z","link":"https://example.com/a","blob":"YWI=","labels":["x"],"scores":{"k":1},
             "address":null,"items":[{"name":"n","price":1}],"even_counts":[2,4]}
            """#
        let value = try #require(try validateBody(EveryType.self, body).value)
        #expect(value.flag && value.blob == Data("ab".utf8) && value.small == -3 && value.items.first?.name == "n")
        let encoded = String(decoding: value.jsonBytes(), as: UTF8.self)
        #expect(
            encoded
                == #"{"text":"t","small":-3,"ratio":0.5,"flag":true,"amount":"1.25","id":"123e4567-e89b-12d3-a456-426614174000","when":"2024-01-02T03:04:05Z","link":"https://example.com/a","blob":"YWI=","labels":["x"],"scores":{"k":1},"address":null,"items":[{"name":"n","price":1.0,"tags":[],"description":null}],"even_counts":[2,4]}"#
        )
    }

    @Test func everyTypeSchemaHasDescriptionsAndReferences() throws {
        var generator = JSONSchemaGenerator()
        _ = generator.schema(for: EveryType.self)
        let schema = try #require(generator.components["EveryType"]?.objectValue)
        #expect(schema["description"] == "A model exercising every supported field type.\nIt has a second paragraph.")
        let properties = try #require(schema["properties"]?.objectValue)
        #expect(
            properties["even_counts"]?.jsonString
                == #"{"items":{"type":"integer"},"type":"array","minItems":1,"title":"Even Counts","description":"How many there are.","default":[2]}"#
        )
        #expect(properties["address"]?.jsonString == ##"{"anyOf":[{"$ref":"#/components/schemas/Address"},{"type":"null"}]}"##)
        #expect(generator.sortedComponents.keys == ["Address", "EveryType", "Item"])
    }

    @Test func collectionConstraintErrorsUsePydanticWording() throws {
        #expect(
            try validateBody(EveryTypeCounts.self, #"{"counts":[]}"#).detail
                == #"{"detail":[{"type":"too_short","loc":["body","counts"],"msg":"List should have at least 1 item after validation, not 0","input":[],"ctx":{"field_type":"List","min_length":1,"actual_length":0}}]}"#
        )
    }
}

@Schema
struct EveryTypeCounts {
    @Field(minItems: 1, uniqueItems: true)
    var counts: [Int]
}

/// A JSON value with object keys sorted, for comparisons where the reference's key order is not a promise.
func unordered(_ value: JSONValue?) -> JSONValue? {
    guard let value else { return nil }
    switch value {
    case .object(let object):
        return .object(JSONObject(object.sorted { $0.key < $1.key }.map { ($0.key, unordered($0.value) ?? .null) }))
    case .array(let array): return .array(array.map { unordered($0) ?? .null })
    default: return value
    }
}

func unordered(_ text: String) -> JSONValue? { unordered(try? JSONValue(parsing: text)) }
