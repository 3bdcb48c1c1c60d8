import Apus
import ApusTesting
import Testing

@Suite("JSON bodies")
struct BodyTests {
    static func itemApp() -> App {
        let app = App()
        app.post("/items/", Body<WireItem>("item")) { item in item }
        return app
    }

    @Test func loneModelIsTheWholeBody() async throws {
        try await Self.itemApp().test(.inProcess) { client in
            let response = try await client.post("/items/", headers: jsonHeaders, body: bytes(#"{"name":"abcd","price":2}"#))
            #expect(response.status == .ok)
            #expect(response.text == #"{"name":"abcd","price":2.0,"code":"AB1"}"#)
        }
    }

    @Test func missingBodyFieldReportsTheEnclosingObject() async throws {
        try await Self.itemApp().test(.inProcess) { client in
            let response = try await client.post("/items/", headers: jsonHeaders, body: bytes(#"{"price": 2}"#))
            // raw/a_missing_body_field.txt
            #expect(response.text == #"{"detail":[{"type":"missing","loc":["body","name"],"msg":"Field required","input":{"price":2}}]}"#)
        }
    }

    @Test func emptyBodyIsMissing() async throws {
        try await Self.itemApp().test(.inProcess) { client in
            let response = try await client.post("/items/", headers: jsonHeaders)
            // raw/a2_missing_whole_body.txt
            #expect(response.text == #"{"detail":[{"type":"missing","loc":["body"],"msg":"Field required","input":null}]}"#)
        }
    }

    @Test func jsonNullBodyIsValidatedAsNull() async throws {
        try await Self.itemApp().test(.inProcess) { client in
            let response = try await client.post("/items/", headers: jsonHeaders, body: bytes("null"))
            // Observed by the differential test (Tests/Differential/compare.py, "create item null").
            #expect(
                response.text
                    == #"{"detail":[{"type":"model_attributes_type","loc":["body"],"msg":"Input should be a valid dictionary or object to extract fields from","input":null}]}"#
            )
        }
    }

    @Test func everyConstraintViolationIsReported() async throws {
        try await Self.itemApp().test(.inProcess) { client in
            let response = try await client.post("/items/", headers: jsonHeaders, body: bytes(#"{"name":"ab","price":0,"code":"zz"}"#))
            // raw/d_body_constraints_all.txt
            #expect(
                response.text
                    == #"{"detail":[{"type":"string_too_short","loc":["body","name"],"msg":"String should have at least 3 characters","input":"ab","ctx":{"min_length":3}},{"type":"greater_than","loc":["body","price"],"msg":"Input should be greater than 0","input":0,"ctx":{"gt":0.0}},{"type":"string_pattern_mismatch","loc":["body","code"],"msg":"String should match pattern '^[A-Z]{2}\\d$'","input":"zz","ctx":{"pattern":"^[A-Z]{2}\\d$"}}]}"#
            )
        }
    }

    @Test func invalidJSONIsJSONInvalidAtTheCharacterOffset() async throws {
        try await Self.itemApp().test(.inProcess) { client in
            let response = try await client.post("/items/", headers: jsonHeaders, body: bytes(#"{"name": "abc", "price": }"#))
            // raw/e_invalid_json.txt
            #expect(response.status == .unprocessableContent)
            #expect(
                response.text
                    == #"{"detail":[{"type":"json_invalid","loc":["body",25],"msg":"JSON decode error","input":{},"ctx":{"error":"Expecting value"}}]}"#
            )
        }
    }

    @Test func invalidJSONHidesOtherParameterErrors() async throws {
        let app = App()
        app.post("/items/", Query<Int>("n"), Body<WireItem>("item")) { _, item in item }
        try await app.test(.inProcess) { client in
            let response = try await client.post("/items/?n=x", headers: jsonHeaders, body: bytes("{"))
            #expect(response.text.contains(#""type":"json_invalid""#))
            #expect(!response.text.contains(#""query""#))
        }
    }

    @Test func wrongShapeIsModelAttributesType() async throws {
        try await Self.itemApp().test(.inProcess) { client in
            let response = try await client.post("/items/", headers: jsonHeaders, body: bytes("[1,2]"))
            // raw/e2_json_not_object.txt
            #expect(
                response.text
                    == #"{"detail":[{"type":"model_attributes_type","loc":["body"],"msg":"Input should be a valid dictionary or object to extract fields from","input":[1,2]}]}"#
            )
        }
    }

    @Test(arguments: ["text/plain", "text/json", "application/x-json"])
    func nonJSONContentTypeIsValidatedAsText(contentType: String) async throws {
        try await Self.itemApp().test(.inProcess) { client in
            let response = try await client.post(
                "/items/", headers: [.contentType: contentType], body: bytes(#"{"name":"abcd","price":2}"#))
            // raw/w_wrong_content_type_body.txt, content_type_behaviour.txt
            #expect(
                response.text
                    == #"{"detail":[{"type":"model_attributes_type","loc":["body"],"msg":"Input should be a valid dictionary or object to extract fields from","input":"{\"name\":\"abcd\",\"price\":2}"}]}"#
            )
        }
    }

    @Test(arguments: ["application/json; charset=utf-8", "application/merge-patch+json", "application/vnd.api+json", "Application/JSON"])
    func jsonContentTypesAreParsed(contentType: String) async throws {
        try await Self.itemApp().test(.inProcess) { client in
            let response = try await client.post(
                "/items/", headers: [.contentType: contentType], body: bytes(#"{"name":"abcd","price":2}"#))
            #expect(response.status == .ok)
        }
    }

    @Test func missingContentTypeIsNotParsedInStrictMode() async throws {
        try await Self.itemApp().test(.inProcess) { client in
            let response = try await client.post("/items/", body: bytes(#"{"name":"abcd","price":2}"#))
            // raw/a3_body_no_content_type.txt
            #expect(response.text.hasPrefix(#"{"detail":[{"type":"model_attributes_type","loc":["body"]"#))
        }
    }

    @Test func missingContentTypeIsParsedWhenStrictModeIsOff() async throws {
        let app = Self.itemApp()
        app.strictContentType = false
        try await app.test(.inProcess) { client in
            let response = try await client.post("/items/", body: bytes(#"{"name":"abcd","price":2}"#))
            #expect(response.status == .ok)
        }
    }

    @Test func invalidUTF8IsA400() async throws {
        try await Self.itemApp().test(.inProcess) { client in
            let response = try await client.post("/items/", headers: jsonHeaders, body: ByteBuffer(bytes: [0x7B, 0xFF, 0xFE, 0x7D]))
            #expect(response.status == .badRequest)
            #expect(response.text == #"{"detail":"There was an error parsing the body"}"#)
        }
    }

    @Test func embeddedBodyMustBeKeyedByName() async throws {
        let app = App()
        app.post("/embed", Body<WireItem>("item", embed: true)) { item in item }
        try await app.test(.inProcess) { client in
            let bare = try await client.post("/embed", headers: jsonHeaders, body: bytes(#"{"name":"abcd","price":1}"#))
            // raw/q_embed_missing.txt
            #expect(bare.text == #"{"detail":[{"type":"missing","loc":["body","item"],"msg":"Field required","input":null}]}"#)
            let embedded = try await client.post("/embed", headers: jsonHeaders, body: bytes(#"{"item":{"name":"abcd","price":1}}"#))
            #expect(embedded.text == #"{"name":"abcd","price":1.0,"code":"AB1"}"#)
        }
    }

    @Test func severalBodiesReportEachMissingKey() async throws {
        let app = App()
        app.post("/multi", Body<WireItem>("item"), Body<WireUser>("user"), Body<Int>("importance")) { item, user, importance in
            [item.name, user.username, String(importance)]
        }
        try await app.test(.inProcess) { client in
            let response = try await client.post("/multi", headers: jsonHeaders, body: bytes(#"{"item":{"name":"abcd","price":1}}"#))
            // raw/r_multi_body_missing.txt
            #expect(
                response.text
                    == #"{"detail":[{"type":"missing","loc":["body","user"],"msg":"Field required","input":null},{"type":"missing","loc":["body","importance"],"msg":"Field required","input":null}]}"#
            )
        }
    }

    @Test func loneScalarBodyIsTheWholeBody() async throws {
        let app = App()
        app.post("/n", Body<Int>("n")) { n in n * 2 }
        try await app.test(.inProcess) { client in
            let ok = try await client.post("/n", headers: jsonHeaders, body: bytes("5"))
            #expect(ok.text == "10")
            let object = try await client.post("/n", headers: jsonHeaders, body: bytes(#"{"n":5}"#))
            #expect(
                object.text == #"{"detail":[{"type":"int_type","loc":["body"],"msg":"Input should be a valid integer","input":{"n":5}}]}"#)
        }
    }

    @Test func listBodyErrorsAreIndexed() async throws {
        let app = App()
        app.post("/l", Body<[Int]>("items")) { items in items }
        try await app.test(.inProcess) { client in
            let response = try await client.post("/l", headers: jsonHeaders, body: bytes(#"[1,2,"x"]"#))
            #expect(
                response.text
                    == #"{"detail":[{"type":"int_parsing","loc":["body",2],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"}]}"#
            )
        }
    }

    @Test func optionalBodyIsNilWhenEmptyOrNull() async throws {
        let app = App()
        app.post("/opt", Body<WireItem?>("item")) { item in ["x": item?.name] }
        try await app.test(.inProcess) { client in
            let empty = try await client.post("/opt", headers: jsonHeaders)
            let null = try await client.post("/opt", headers: jsonHeaders, body: bytes("null"))
            #expect(empty.text == #"{"x":null}"#)
            #expect(null.text == #"{"x":null}"#)
        }
    }
}
