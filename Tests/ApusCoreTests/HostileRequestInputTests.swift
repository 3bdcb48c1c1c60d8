import ApusCore
import ApusTesting
import Testing

/// Hostile shapes for the request-side parsers (STYLE §7: untrusted input costs linear time and bounded
/// stack): query strings, cookies, repeated headers and paths. Each test checks what the shape gives, never how
/// long it takes.
@Suite struct HostileRequestInputTests {
    @Test func aQueryWithAHundredThousandDistinctKeysFindsEachOne() {
        let query = QueryParameters(parsing: (0..<100_000).map { "k\($0)=\($0)" }.joined(separator: "&")[...])
        #expect(query.parameters.count == 100_000)
        #expect(query["k0"] == "0")
        #expect(query["k99999"] == "99999")
        #expect(query["k100000"] == nil)
        #expect(query.values("k5") == ["5"])
    }

    @Test func aHundredThousandRepeatsOfOneKeyKeepEveryValueAndTheLastWins() {
        let query = QueryParameters(parsing: (0..<100_000).map { "k=\($0)" }.joined(separator: "&")[...])
        #expect(query.values("k").count == 100_000)
        #expect(query.values("k").first == "0")
        #expect(query["k"] == "99999")
        #expect(query.contains("k"))
    }

    @Test func aMillionAmpersandsAreAnEmptyQuery() {
        #expect(QueryParameters(parsing: String(repeating: "&", count: 1_000_000)[...]).isEmpty)
    }

    @Test func hugePercentEncodedRunsAndInvalidEscapesDecodeAsPythonDoes() {
        let raw = "a=" + String(repeating: "%41", count: 100_000) + "&b=" + String(repeating: "%z", count: 100_000) + "&c=%F"
        let query = QueryParameters(parsing: raw[...])
        #expect(query["a"] == String(repeating: "A", count: 100_000))
        #expect(query["b"] == String(repeating: "%z", count: 100_000))
        #expect(query["c"] == "%F")
    }

    @Test func aCookieHeaderWithAHundredThousandCookiesKeepsTheLastOfEachName() async throws {
        let app = App()
        app.get("/c") { request in
            let cookies = request.cookies
            return "\(cookies.count) \(cookies["c0"] ?? "-") \(cookies["c99999"] ?? "-") \(cookies["d"] ?? "-")"
        }
        var headers = HTTPFields()
        let cookies = (0..<100_000).map { "c\($0)=\($0)" } + ["d=first", #"d="la\"st""#]
        headers.append(HTTPField(name: .cookie, value: cookies.joined(separator: "; ")))
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/c", headers: headers).text == #""100001 0 99999 la\"st""#)
        }
    }

    @Test func tenThousandRepeatedHeaderLinesAreAllRead() async throws {
        let app = App()
        app.get("/h") { request in
            let values = request.headers[values: HTTPField.Name("x-h")!]
            return "\(values.count) \(values.last ?? "-") \(request.header("x-other") ?? "-")"
        }
        var headers = HTTPFields()
        for index in 0..<10_000 {
            headers.append(HTTPField(name: HTTPField.Name("x-h")!, value: "\(index)"))
        }
        headers.append(HTTPField(name: HTTPField.Name("x-other")!, value: String(repeating: "y", count: 1_000_000)))
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/h", headers: headers).text == #""10000 9999 \#(String(repeating: "y", count: 1_000_000))""#)
        }
    }

    @Test func aPathWithAHundredThousandSegmentsIsNotFound() async throws {
        let app = App()
        app.get("/items/{id}") { request in request.pathParameters["id"] ?? "" }
        app.get("/files/{path:path}") { request in request.pathParameters["path"]?.utf8.count ?? 0 }
        try await app.test(.inProcess) { client async throws in
            let deep = try await client.get(String(repeating: "/a%41", count: 100_000))
            #expect(deep.status == .notFound)
            #expect(deep.text == #"{"detail":"Not Found"}"#)
            let slashes = try await client.get(String(repeating: "/", count: 100_000))
            #expect(slashes.status == .notFound)
            let caught = try await client.get("/files" + String(repeating: "/%41", count: 100_000))
            #expect(caught.text == "\(200_000 - 1)")
        }
    }

    @Test func aHugePercentEncodedSegmentIsCapturedAndDecoded() async throws {
        let app = App()
        app.get("/items/{id}") { request in request.pathParameters["id"]?.utf8.count ?? 0 }
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/items/" + String(repeating: "%41", count: 100_000)).text == "100000")
        }
    }
}
