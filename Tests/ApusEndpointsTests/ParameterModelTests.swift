import Apus
import ApusTesting
import Testing

/// FastAPI's docs example for query parameter models, forbidding extra keys.
@Schema(extraKeys: .forbid)
struct FilterParams {
    @Field(description: "How many", gt: 0, le: 100)
    var limit: Int = 100
    @Field(ge: 0)
    var offset: Int = 0
    var order_by: String = "created_at"
    var tags: [String] = []
}

/// A header model: `x_token` reads `x-token`.
@Schema
struct CommonHeaders {
    var x_token: String
    var save_data: Bool = false
    var x_tag: [String] = []
}

/// A cookie model.
@Schema
struct SessionCookies {
    var session_id: String
    var tracker: String? = nil
}

/// The models through the route macros' markers.
@Routes
struct ParameterModelAPI {
    @GET("/search")
    func search(@From.Query filter: FilterParams, @From.Header headers: CommonHeaders, @From.Cookie cookies: SessionCookies) -> [String] {
        [String(filter.limit), headers.x_token, cookies.session_id]
    }
}

@Suite("Parameter models")
struct ParameterModelTests {
    static func app() -> App {
        let app = App()
        app.get("/items", QueryModel<FilterParams>()) { filter in filter }
        app.get("/headers", HeaderModel<CommonHeaders>()) { headers in headers }
        app.get("/cookies", CookieModel<SessionCookies>()) { cookies in cookies }
        app.enableDocs()
        return app
    }

    // The bodies below are FastAPI 0.163.2's, from the same requests.

    @Test func queryModelReadsEveryFieldAndCollectsArrays() async throws {
        try await Self.app().test(.inProcess) { client in
            let response = try await client.get("/items?limit=5&tags=a&tags=b")
            let single = try await client.get("/items?tags=a")
            #expect(response.text == #"{"limit":5,"offset":0,"order_by":"created_at","tags":["a","b"]}"#)
            #expect(single.text == #"{"limit":100,"offset":0,"order_by":"created_at","tags":["a"]}"#)
        }
    }

    @Test func queryModelReportsEveryFieldAndExtraKey() async throws {
        try await Self.app().test(.inProcess) { client in
            let invalid = try await client.get("/items?limit=0&offset=-1&foo=1")
            let unparsable = try await client.get("/items?limit=x")
            #expect(invalid.status == .unprocessableContent)
            #expect(
                invalid.text
                    == #"{"detail":[{"type":"greater_than","loc":["query","limit"],"msg":"Input should be greater than 0","input":"0","ctx":{"gt":0}},{"type":"greater_than_equal","loc":["query","offset"],"msg":"Input should be greater than or equal to 0","input":"-1","ctx":{"ge":0}},{"type":"extra_forbidden","loc":["query","foo"],"msg":"Extra inputs are not permitted","input":"1"}]}"#
            )
            #expect(
                unparsable.text
                    == #"{"detail":[{"type":"int_parsing","loc":["query","limit"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"}]}"#
            )
        }
    }

    @Test func headerModelHyphenatesFieldNames() async throws {
        try await Self.app().test(.inProcess) { client in
            let response = try await client.get(
                "/headers", headers: [HTTPField.Name("x-token")!: "t", HTTPField.Name("save-data")!: "yes", HTTPField.Name("x-tag")!: "a"]
            )
            #expect(response.text == #"{"x_token":"t","save_data":true,"x_tag":["a"]}"#)
            var underscored = HTTPFields()
            underscored.append(HTTPField(name: HTTPField.Name("x_token")!, value: "t"))
            let missing = try await client.get("/headers", headers: underscored)
            #expect(missing.status == .unprocessableContent)
            #expect(missing.text.hasPrefix(#"{"detail":[{"type":"missing","loc":["header","x-token"],"msg":"Field required","input":{"#))
        }
    }

    @Test func cookieModelReadsTheCookies() async throws {
        try await Self.app().test(.inProcess) { client in
            let response = try await client.get("/cookies", headers: [.cookie: "session_id=s"])
            let missing = try await client.get("/cookies")
            #expect(response.text == #"{"session_id":"s","tracker":null}"#)
            #expect(missing.text == #"{"detail":[{"type":"missing","loc":["cookie","session_id"],"msg":"Field required","input":{}}]}"#)
        }
    }

    @Test func documentFlattensEachModelIntoParametersAsFastAPIDoes() async throws {
        try await Self.app().test(.inProcess) { client in
            let document = try JSONValue(parsing: try await client.get("/openapi.json").text)
            // Compared as FastAPI's proofs compare documents: by content, whatever the order of keys.
            func parameters(_ path: String) throws -> JSONValue {
                let operation = try #require(document.objectValue?["paths"]?.objectValue?[path]?.objectValue?["get"]?.objectValue)
                return Self.sortingKeys(try #require(operation["parameters"]))
            }
            let items = try parameters("/items")
            let fastAPIItems = Self.sortingKeys(
                try JSONValue(
                    parsing:
                        #"[{"name":"limit","in":"query","required":false,"schema":{"type":"integer","maximum":100,"exclusiveMinimum":0,"description":"How many","default":100,"title":"Limit"},"description":"How many"},{"name":"offset","in":"query","required":false,"schema":{"type":"integer","minimum":0,"default":0,"title":"Offset"}},{"name":"order_by","in":"query","required":false,"schema":{"type":"string","default":"created_at","title":"Order By"}},{"name":"tags","in":"query","required":false,"schema":{"type":"array","items":{"type":"string"},"default":[],"title":"Tags"}}]"#
                ))
            #expect(items == fastAPIItems)
            let headers = try parameters("/headers")
            let fastAPIHeaders = Self.sortingKeys(
                try JSONValue(
                    parsing:
                        #"[{"name":"x-token","in":"header","required":true,"schema":{"type":"string","title":"X Token"}},{"name":"save-data","in":"header","required":false,"schema":{"type":"boolean","default":false,"title":"Save Data"}},{"name":"x-tag","in":"header","required":false,"schema":{"type":"array","items":{"type":"string"},"default":[],"title":"X Tag"}}]"#
                ))
            #expect(headers == fastAPIHeaders)
            let cookies = try parameters("/cookies")
            let fastAPICookies = Self.sortingKeys(
                try JSONValue(
                    parsing:
                        #"[{"name":"session_id","in":"cookie","required":true,"schema":{"type":"string","title":"Session Id"}},{"name":"tracker","in":"cookie","required":false,"schema":{"anyOf":[{"type":"string"},{"type":"null"}],"title":"Tracker"}}]"#
                ))
            #expect(cookies == fastAPICookies)
        }
    }

    static func sortingKeys(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            .object(JSONObject(object.map { ($0.key, sortingKeys($0.value)) }.sorted { $0.0 < $1.0 }))
        case .array(let array):
            .array(array.map(sortingKeys))
        default:
            value
        }
    }

    @Test func routeMacroMarkersReadModels() async throws {
        let app = App()
        app.include(ParameterModelAPI())
        try await app.test(.inProcess) { client in
            let response = try await client.get("/search?limit=3", headers: [HTTPField.Name("x-token")!: "t", .cookie: "session_id=s"])
            #expect(response.text == #"["3","t","s"]"#)
        }
    }

    @Test func manyUnknownKeysAreEachReportedOnce() async throws {
        let query = (0..<100_000).map { "k\($0)=v" }.joined(separator: "&")
        try await Self.app().test(.inProcess) { client in
            let response = try await client.get("/items?" + query)
            #expect(response.status == .unprocessableContent)
            let errors = try JSONValue(parsing: response.text).objectValue?["detail"]?.arrayValue
            #expect(errors?.count == 100_000)
            #expect(
                errors?.last == [
                    "type": "extra_forbidden", "loc": ["query", "k99999"], "msg": "Extra inputs are not permitted", "input": "v",
                ])
        }
    }

    @Test func megabyteValueIsValidatedAsOneString() async throws {
        let value = String(repeating: "x", count: 1 << 20)
        try await Self.app().test(.inProcess) { client in
            let response = try await client.get("/items?limit=" + value)
            #expect(response.status == .unprocessableContent)
            #expect(response.text.hasPrefix(#"{"detail":[{"type":"int_parsing","loc":["query","limit"]"#))
        }
    }

    @Test func manyRepeatedKeysAreCollectedInOnePass() async throws {
        let query = Array(repeating: "tags=a", count: 100_000).joined(separator: "&")
        try await Self.app().test(.inProcess) { client in
            let response = try await client.get("/items?" + query)
            #expect(response.status == .ok)
            #expect(response.text.utf8.count == #"{"limit":100,"offset":0,"order_by":"created_at","tags":[]}"#.utf8.count + 100_000 * 4 - 1)
        }
    }
}
