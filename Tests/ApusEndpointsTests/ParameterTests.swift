import Apus
import ApusTesting
import Testing

@Suite("Path, query, header and cookie parameters")
struct ParameterTests {
    @Test func pathIntegerIsValidated() async throws {
        let app = App()
        app.get("/items/{item_id}", Path<Int>("item_id")) { itemID in ["item_id": itemID] }
        try await app.test(.inProcess) { client in
            let ok = try await client.get("/items/5")
            #expect(ok.text == #"{"item_id":5}"#)
            let bad = try await client.get("/items/abc")
            #expect(bad.status == .unprocessableContent)
            #expect(bad.header("content-type") == "application/json")
            // raw/h4_path_int_bad.txt
            #expect(
                bad.text
                    == #"{"detail":[{"type":"int_parsing","loc":["path","item_id"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"abc"}]}"#
            )
        }
    }

    @Test func enumPathParameterListsItsCases() async throws {
        let app = App()
        app.get("/color/{color}", Path<Color>("color")) { color in ["color": color.rawValue] }
        try await app.test(.inProcess) { client in
            let response1 = try await client.get("/color/red")
            #expect(response1.text == #"{"color":"red"}"#)
            // raw/l_enum_bad.txt
            let response2 = try await client.get("/color/blue")
            #expect(
                response2.text
                    == #"{"detail":[{"type":"enum","loc":["path","color"],"msg":"Input should be 'red' or 'green'","input":"blue","ctx":{"expected":"'red' or 'green'"}}]}"#
            )
        }
    }

    @Test func missingRequiredQueryIsReportedWithNullInput() async throws {
        let app = App()
        app.get("/q", Query<Int>("limit"), Query<Int>("skip", default: 0)) { limit, skip in [limit, skip] }
        try await app.test(.inProcess) { client in
            // raw/c2_missing_query.txt
            let response3 = try await client.get("/q")
            #expect(
                response3.text
                    == #"{"detail":[{"type":"missing","loc":["query","limit"],"msg":"Field required","input":null}]}"#
            )
            let response4 = try await client.get("/q?limit=3")
            #expect(response4.text == "[3,0]")
        }
    }

    @Test func badQueryIntegerIsReportedWithTheRawString() async throws {
        let app = App()
        app.get("/q", Query<Int>("limit")) { limit in limit }
        try await app.test(.inProcess) { client in
            // raw/c_bad_query_int.txt
            let response5 = try await client.get("/q?limit=abc")
            #expect(
                response5.text
                    == #"{"detail":[{"type":"int_parsing","loc":["query","limit"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"abc"}]}"#
            )
        }
    }

    @Test func optionalQueryIsNilWhenAbsentAndEmptyStringWhenBlank() async throws {
        let app = App()
        app.get("/s", Query<String?>("q")) { q in ["q": q] }
        try await app.test(.inProcess) { client in
            let response6 = try await client.get("/s")
            #expect(response6.text == #"{"q":null}"#)
            let response7 = try await client.get("/s?q=")
            #expect(response7.text == #"{"q":""}"#)
        }
    }

    @Test func blankOptionalIntegerIsAParsingError() async throws {
        let app = App()
        app.get("/n", Query<Int?>("n")) { n in ["n": n] }
        try await app.test(.inProcess) { client in
            let response8 = try await client.get("/n?n=")
            #expect(
                response8.text
                    == #"{"detail":[{"type":"int_parsing","loc":["query","n"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":""}]}"#
            )
        }
    }

    @Test func repeatedScalarQueryKeepsTheLastValue() async throws {
        let app = App()
        app.get("/s", Query<String>("q")) { q in q }
        try await app.test(.inProcess) { client in
            let response9 = try await client.get("/s?q=a&q=b")
            #expect(response9.text == #""b""#)
        }
    }

    @Test func arrayQueryCollectsRepeatedKeysAndIndexesErrors() async throws {
        let app = App()
        app.get("/list", Query<[Int]>("n", default: [])) { n in n }
        try await app.test(.inProcess) { client in
            let response10 = try await client.get("/list?n=1&n=2")
            #expect(response10.text == "[1,2]")
            let response11 = try await client.get("/list")
            #expect(response11.text == "[]")
            let response12 = try await client.get("/list?n=1&n=x")
            #expect(
                response12.text
                    == #"{"detail":[{"type":"int_parsing","loc":["query","n",1],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"}]}"#
            )
            // Commas are not split.
            let response13 = try await client.get("/list?n=1,2")
            #expect(
                response13.text
                    == #"{"detail":[{"type":"int_parsing","loc":["query","n",0],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"1,2"}]}"#
            )
        }
    }

    @Test func queryConstraintsUseTheSpec() async throws {
        let app = App()
        app.get("/c", Query<Int>("n", spec: FieldSpec(gt: 0, le: 100))) { n in n }
        try await app.test(.inProcess) { client in
            // raw/d_gt_violation.txt and d_le_violation.txt
            let response14 = try await client.get("/c?n=0")
            #expect(
                response14.text
                    == #"{"detail":[{"type":"greater_than","loc":["query","n"],"msg":"Input should be greater than 0","input":"0","ctx":{"gt":0}}]}"#
            )
            let response15 = try await client.get("/c?n=101")
            #expect(
                response15.text
                    == #"{"detail":[{"type":"less_than_equal","loc":["query","n"],"msg":"Input should be less than or equal to 100","input":"101","ctx":{"le":100}}]}"#
            )
        }
    }

    @Test func aliasIsTheOnlyAcceptedName() async throws {
        let app = App()
        app.get("/a", Query<String>("item-query")) { q in q }
        try await app.test(.inProcess) { client in
            let response16 = try await client.get("/a?item-query=x")
            #expect(response16.text == #""x""#)
            let response17 = try await client.get("/a?item_query=x")
            #expect(
                response17.text
                    == #"{"detail":[{"type":"missing","loc":["query","item-query"],"msg":"Field required","input":null}]}"#
            )
        }
    }

    @Test func missingHeaderIsReportedUnderItsWireName() async throws {
        let app = App()
        app.get("/h", Header<String>("x-token")) { token in token }
        try await app.test(.inProcess) { client in
            // raw/f_missing_header.txt
            let response18 = try await client.get("/h")
            #expect(
                response18.text
                    == #"{"detail":[{"type":"missing","loc":["header","x-token"],"msg":"Field required","input":null}]}"#
            )
            let response19 = try await client.get("/h", headers: [HTTPField.Name("X-TOKEN")!: "t"])
            #expect(response19.text == #""t""#)
        }
    }

    @Test func arrayHeaderCollectsRepeatedFields() async throws {
        let app = App()
        app.get("/h", Header<[String]>("x-tag")) { tags in tags }
        try await app.test(.inProcess) { client in
            var headers = HTTPFields()
            headers.append(HTTPField(name: HTTPField.Name("x-tag")!, value: "a"))
            headers.append(HTTPField(name: HTTPField.Name("x-tag")!, value: "b"))
            let response20 = try await client.get("/h", headers: headers)
            #expect(response20.text == #"["a","b"]"#)
        }
    }

    @Test func missingCookieIsReported() async throws {
        let app = App()
        app.get("/cookie", Cookie<String>("session")) { session in session }
        try await app.test(.inProcess) { client in
            // raw/g_missing_cookie.txt
            let response21 = try await client.get("/cookie")
            #expect(
                response21.text
                    == #"{"detail":[{"type":"missing","loc":["cookie","session"],"msg":"Field required","input":null}]}"#
            )
            let response22 = try await client.get("/cookie", headers: [.cookie: "session=abc; other=1"])
            #expect(response22.text == #""abc""#)
        }
    }

    @Test func rawRequestIsPassedThrough() async throws {
        let app = App()
        app.get("/raw", RawRequest()) { request in request.method.rawValue }
        try await app.test(.inProcess) { client in
            let response23 = try await client.get("/raw")
            #expect(response23.text == #""GET""#)
        }
    }

    @Test func errorsAreOrderedPathQueryHeaderBodyWhateverTheDeclarationOrder() async throws {
        let app = App()
        app.post(
            "/x/{p}", Body<Int>("a", embed: true), Header<Int>("h"), Query<Int>("q"), Path<Int>("p")
        ) { a, h, q, p in a + h + q + p }
        try await app.test(.inProcess) { client in
            let response = try await client.post(
                "/x/abc?q=zz", headers: [.contentType: "application/json", HTTPField.Name("h")!: "nope"], body: bytes(#"{"a":"no"}"#))
            // behaviour_extra.txt: "combined path+query+header+body errors"
            #expect(
                response.text
                    == #"{"detail":[{"type":"int_parsing","loc":["path","p"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"abc"},{"type":"int_parsing","loc":["query","q"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"zz"},{"type":"int_parsing","loc":["header","h"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"nope"},{"type":"int_parsing","loc":["body","a"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"no"}]}"#
            )
        }
    }
}
