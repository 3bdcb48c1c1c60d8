import ApusModels
import Testing

/// Body errors compared byte for byte with the raw 422 dumps in `reference/fastapi-wire/raw/`.
@Suite struct ReferenceBodyErrorTests {
    @Test func missingBodyFieldReportsTheEnclosingObjectAsInput() throws {  // raw/a_missing_body_field.txt
        let result = try validateBody(WireItem.self, #"{"price": 2}"#)
        #expect(result.value == nil)
        #expect(result.detail == #"{"detail":[{"type":"missing","loc":["body","name"],"msg":"Field required","input":{"price":2}}]}"#)
    }

    @Test func nestedWrongTypesAreAllReportedWithFullLocations() throws {  // raw/b_nested_wrong_type.txt
        let result = try validateBody(User.self, #"{"name":"x","age":"old","address":{"street":"s","zip":"abc"}}"#)
        #expect(
            result.detail
                == #"{"detail":[{"type":"int_parsing","loc":["body","age"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"old"},{"type":"int_parsing","loc":["body","address","zip"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"abc"}]}"#
        )
    }

    @Test func everyConstraintViolationOfABodyIsReported() throws {  // raw/d_body_constraints_all.txt
        let result = try validateBody(WireItem.self, #"{"name":"ab","price":0,"code":"zz"}"#)
        #expect(
            result.detail
                == #"{"detail":[{"type":"string_too_short","loc":["body","name"],"msg":"String should have at least 3 characters","input":"ab","ctx":{"min_length":3}},{"type":"greater_than","loc":["body","price"],"msg":"Input should be greater than 0","input":0,"ctx":{"gt":0.0}},{"type":"string_pattern_mismatch","loc":["body","code"],"msg":"String should match pattern '^[A-Z]{2}\\d$'","input":"zz","ctx":{"pattern":"^[A-Z]{2}\\d$"}}]}"#
        )
    }

    @Test func invalidJSONGivesJSONInvalidAtTheCharacterOffset() throws {  // raw/e_invalid_json.txt
        let result = try validateBody(WireItem.self, #"{"name": "abc", "price": }"#)
        #expect(
            result.detail
                == #"{"detail":[{"type":"json_invalid","loc":["body",25],"msg":"JSON decode error","input":{},"ctx":{"error":"Expecting value"}}]}"#
        )
    }

    @Test func arrayWhereAModelIsExpectedIsModelAttributesType() throws {  // raw/e2_json_not_object.txt
        let result = try validateBody(WireItem.self, "[1,2]")
        #expect(
            result.detail
                == #"{"detail":[{"type":"model_attributes_type","loc":["body"],"msg":"Input should be a valid dictionary or object to extract fields from","input":[1,2]}]}"#
        )
    }

    @Test func unparsedTextBodyIsModelAttributesTypeWithTheTextAsInput() {  // raw/a3_body_no_content_type.txt
        var errors: [ValidationErrorItem] = []
        let item = WireItem.validate(jsonValue: .string(#"{"name":"abcd","price":2}"#), at: ["body"], errors: &errors)
        #expect(item == nil)
        #expect(
            String(decoding: errors.validationErrorBody, as: UTF8.self)
                == #"{"detail":[{"type":"model_attributes_type","loc":["body"],"msg":"Input should be a valid dictionary or object to extract fields from","input":"{\"name\":\"abcd\",\"price\":2}"}]}"#
        )
    }

    @Test func missingWholeBodyItemRendersNullInput() {  // raw/a2_missing_whole_body.txt, q_embed_missing.txt
        let body = [ValidationFailure.missing.item(at: ["body"], input: nil)].validationErrorBody
        #expect(
            String(decoding: body, as: UTF8.self) == #"{"detail":[{"type":"missing","loc":["body"],"msg":"Field required","input":null}]}"#)
    }

    @Test func validBodyDecodesWithDefaults() throws {
        let result = try validateBody(WireItem.self, #"{"name":"abcd","price":2}"#)
        #expect(result.value == WireItem(name: "abcd", price: 2, code: "AB1"))
        #expect(result.detail == #"{"detail":[]}"#)
    }

    @Test func intCoercionInBodiesFollowsPydantic() throws {  // pydantic_models.txt "int coercion in JSON body"
        #expect(try validateBody(Address.self, #"{"street":"s","zip":"5"}"#).value?.zip == 5)
        #expect(try validateBody(Address.self, #"{"street":"s","zip":5.0}"#).value?.zip == 5)
        #expect(try validateBody(Address.self, #"{"street":"s","zip":true}"#).value?.zip == 1)
        #expect(
            try validateBody(Address.self, #"{"street":"s","zip":5.5}"#).detail
                == #"{"detail":[{"type":"int_from_float","loc":["body","zip"],"msg":"Input should be a valid integer, got a number with a fractional part","input":5.5}]}"#
        )
        #expect(
            try validateBody(Address.self, #"{"street":"s","zip":null}"#).detail
                == #"{"detail":[{"type":"int_type","loc":["body","zip"],"msg":"Input should be a valid integer","input":null}]}"#)
    }

    @Test func scalarBodyGivenAnObjectIsIntType() throws {  // pydantic_models.txt "scalar body"
        #expect(try validateBody(Int.self, "5").value == 5)
        #expect(
            try validateBody(Int.self, #"{"n":5}"#).detail
                == #"{"detail":[{"type":"int_type","loc":["body"],"msg":"Input should be a valid integer","input":{"n":5}}]}"#)
    }

    @Test func listBodyReportsTheElementIndex() throws {  // pydantic_models.txt "list body"
        #expect(
            try validateBody([Int].self, #"[1, "2", "x"]"#).detail
                == #"{"detail":[{"type":"int_parsing","loc":["body",2],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"}]}"#
        )
    }

    @Test func dictionaryBodyReportsABadIntegerKey() throws {  // pydantic_models.txt "dict body" (dict[int, float])
        #expect(
            try validateBody([Int: Double].self, #"{"1": 1.5, "x": 2}"#).detail
                == #"{"detail":[{"type":"int_parsing","loc":["body","x","[key]"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"}]}"#
        )
        #expect(try validateBody([Int: Double].self, #"{"1": 1.5}"#).value == [1: 1.5])
    }

    @Test func invalidUTF8IsThrownForA400() {
        var errors: [ValidationErrorItem] = []
        #expect(throws: JSONParseError.invalidUTF8) {
            _ = try WireItem.validate(json: [0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D], errors: &errors)
        }
        #expect(errors.isEmpty)
    }

    @Test func trailingDataIsInvalidJSON() throws {
        #expect(
            try validateBody(Int.self, "5 6").detail
                == #"{"detail":[{"type":"json_invalid","loc":["body",2],"msg":"JSON decode error","input":{},"ctx":{"error":"Extra data"}}]}"#
        )
    }

    @Test func errorsComeOutInFieldOrderWhateverTheKeyOrder() throws {
        let result = try validateBody(User.self, #"{"address":{"zip":"z"},"age":"x"}"#)
        let locations = try #require(JSONValue(parsing: result.detail).objectValue?["detail"]?.arrayValue).map { $0.objectValue?["loc"] }
        #expect(
            locations == [
                ["body", "name"], ["body", "age"], ["body", "address", "street"], ["body", "address", "zip"],
            ])
    }
}
