import Apus
import ApusTesting
import Testing

@Suite("Responses")
struct ResponseTests {
    @Test func explicitStatusIsUsed() async throws {
        let app = App()
        app.post("/items/", Body<WireItem>("item"), status: .created) { item in item }
        try await app.test(.inProcess) { client in
            let response = try await client.post("/items/", headers: jsonHeaders, body: bytes(#"{"name":"abcd","price":2}"#))
            #expect(response.status == .created)
            #expect(response.header("content-type") == "application/json")
        }
    }

    @Test func encodingOptionsDropNilFields() async throws {
        let app = App()
        app.get("/note", encoding: EncodingOptions(dropNilFields: true)) { Note(title: "t") }
        app.get("/full") { Note(title: "t") }
        try await app.test(.inProcess) { client in
            let dropped = try await client.get("/note")
            let full = try await client.get("/full")
            #expect(dropped.text == #"{"title":"t"}"#)
            #expect(full.text == #"{"title":"t","body":null}"#)
        }
    }

    @Test func returnedResponseIsSentAsItIs() async throws {
        let app = App()
        app.get("/raw", Query<String>("q", default: "x"), status: .created) { q in Response.text(q, status: .accepted) }
        try await app.test(.inProcess) { client in
            let response = try await client.get("/raw")
            #expect(response.status == .accepted)
            #expect(response.text == "x")
        }
    }

    @Test func plainEncodableUsesTheCoreEncoder() async throws {
        struct Plain: Encodable, Sendable {
            let a: Int
        }
        let app = App()
        app.get("/plain") { Plain(a: 1) }
        try await app.test(.inProcess) { client in
            let response = try await client.get("/plain")
            #expect(response.text == #"{"a":1}"#)
        }
    }

    /// json_encoding.txt "NaN/inf /typed": FastAPI writes `null` for a typed return; Apus has one rule for both of
    /// its encoders, so a `SchemaValue` and a plain `Encodable` both answer 200 with `null`.
    @Test func nonFiniteFloatsAreNullForSchemaValuesAndPlainEncodables() async throws {
        struct PlainMeasurement: Encodable, Sendable {
            let f: Double
            let g: Float
        }
        let app = App()
        app.get("/typed") { Measurement(f: .nan, g: .infinity) }
        app.get("/plain") { PlainMeasurement(f: .nan, g: -.infinity) }
        try await app.test(.inProcess) { client in
            for path in ["/typed", "/plain"] {
                let response = try await client.get(path)
                #expect(response.status == .ok)
                #expect(response.text == #"{"f":null,"g":null}"#)
            }
        }
    }

    @Test func handlerHTTPErrorAnswersTheRequest() async throws {
        let app = App()
        app.get("/items/{item_id}", Path<Int>("item_id")) { itemID -> [String: Int] in
            guard itemID <= 100 else { throw HTTPError(.notFound, detail: "Item not found") }
            return ["item_id": itemID]
        }
        try await app.test(.inProcess) { client in
            let response = try await client.get("/items/101")
            #expect(response.status == .notFound)
            #expect(response.text == #"{"detail":"Item not found"}"#)
        }
    }

    @Test func validationErrorCanBeHandledByTheApp() async throws {
        let app = App()
        app.get("/q", Query<Int>("n")) { n in n }
        app.onError(RequestValidationError.self) { error, _ in .text("\(error.errors.count) errors", status: .badRequest) }
        try await app.test(.inProcess) { client in
            let response = try await client.get("/q")
            #expect(response.status == .badRequest)
            #expect(response.text == "1 errors")
        }
    }
}

/// A model with float fields, for the non-finite float rule.
@Schema
struct Measurement {
    var f: Double
    var g: Float
}
