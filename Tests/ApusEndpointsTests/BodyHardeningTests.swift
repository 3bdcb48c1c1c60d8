import Apus
import ApusTesting
import Testing

/// Hostile JSON bodies over the test client (issue 8 §1). FastAPI 0.163.2 answers nesting past Python's
/// recursion limit and integers past its 4,300-digit limit with this 400, because `json.loads` raises
/// something other than `JSONDecodeError`; it accepts UTF-8 with a BOM and UTF-16/32.
@Suite("Hostile JSON bodies")
struct BodyHardeningTests {
    static let parseError400 = #"{"detail":"There was an error parsing the body"}"#

    /// A lone model body (read by the streaming validator) and an embedded one (parsed into a tree first).
    static func app() -> App {
        let app = App()
        app.post("/items/", Body<WireItem>("item")) { item in item }
        app.post("/embedded/", Body<WireItem>("item", embed: true)) { item in item }
        app.post("/numbers/", Body<[Int]>("numbers")) { numbers in numbers.count }
        return app
    }

    static func nested(_ depth: Int, open: String = "[", close: String = "]") -> String {
        String(repeating: open, count: depth) + String(repeating: close, count: depth)
    }

    static func post(_ client: TestClient, _ path: String, _ body: [UInt8]) async throws -> (status: Int, text: String) {
        let response = try await client.post(path, headers: jsonHeaders, body: ByteBuffer(bytes: body))
        return (Int(response.status.code), response.text)
    }

    static func post(_ client: TestClient, _ path: String, _ body: String) async throws -> (status: Int, text: String) {
        try await post(client, path, Array(body.utf8))
    }

    /// Posts `body` and expects FastAPI's 400 for a body it cannot parse.
    static func expectParseError(
        _ client: TestClient, _ path: String, _ body: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) async throws {
        try await expect(client, path, Array(body.utf8), (400, parseError400), sourceLocation: sourceLocation)
    }

    static func expectParseError(
        _ client: TestClient, _ path: String, _ body: [UInt8], sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) async throws {
        try await expect(client, path, body, (400, parseError400), sourceLocation: sourceLocation)
    }

    static func expect(
        _ client: TestClient, _ path: String, _ body: String, _ expected: (Int, String),
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) async throws {
        try await expect(client, path, Array(body.utf8), expected, sourceLocation: sourceLocation)
    }

    /// Posts `body` and expects this status and body text.
    static func expect(
        _ client: TestClient, _ path: String, _ body: [UInt8], _ expected: (Int, String),
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) async throws {
        let response = try await post(client, path, body)
        #expect(response.status == expected.0, sourceLocation: sourceLocation)
        #expect(response.text == expected.1, sourceLocation: sourceLocation)
    }

    @Test func theIssuesCrashingBodyIsA400() async throws {
        try await Self.app().test(.inProcess) { client in
            // 6,548 nested `[` killed a debug server with SIGSEGV.
            try await Self.expectParseError(client, "/items/", String(repeating: "[", count: 6548))
            try await Self.expectParseError(client, "/items/", Self.nested(1_000_000))
            try await Self.expectParseError(client, "/numbers/", Self.nested(1_000_000))
            try await Self.expectParseError(client, "/embedded/", Self.nested(1_000_000))
        }
    }

    @Test func deepObjectsInAnIgnoredExtraFieldAreA400() async throws {
        try await Self.app().test(.inProcess) { client in
            let deep = #"{"name":"abcd","price":2,"x":"# + Self.nested(1_000_000, open: #"{"a":"#, close: "}") + "}"
            try await Self.expectParseError(client, "/items/", deep)
            let embedded = #"{"item":{"name":"abcd","price":2},"x":"# + Self.nested(1_000_000) + "}"
            try await Self.expectParseError(client, "/embedded/", embedded)
        }
    }

    @Test func depth900ValidatesAsInFastAPI() async throws {
        try await Self.app().test(.inProcess) { client in
            let body = #"{"name":"abcd","price":2,"x":"# + Self.nested(900) + "}"
            try await Self.expect(client, "/items/", body, (200, #"{"name":"abcd","price":2.0,"code":"AB1"}"#))
            let embedded = #"{"item":{"name":"abcd","price":2},"x":"# + Self.nested(900) + "}"
            try await Self.expect(client, "/embedded/", embedded, (200, #"{"name":"abcd","price":2.0,"code":"AB1"}"#))
        }
    }

    @Test func integersPastPythonsDigitLimitAreA400() async throws {
        try await Self.app().test(.inProcess) { client in
            let digits4301 = String(repeating: "7", count: 4301)
            try await Self.expectParseError(client, "/numbers/", "[\(digits4301)]")
            try await Self.expectParseError(client, "/items/", #"{"name":"abcd","price":2,"x":-\#(digits4301)}"#)
            try await Self.expectParseError(client, "/embedded/", #"{"item":{"name":"abcd","price":2},"x":\#(digits4301)}"#)
            let digits4300 = String(repeating: "7", count: 4300)
            let fits = try await Self.post(client, "/items/", #"{"name":"abcd","price":2,"x":\#(digits4300)}"#)
            #expect(fits.status == 200)
        }
    }

    @Test func byteOrderMarksAndUTF16And32AreAccepted() async throws {
        let json = #"{"name":"abcd","price":2}"#
        let expected = (200, #"{"name":"abcd","price":2.0,"code":"AB1"}"#)
        try await Self.app().test(.inProcess) { client in
            try await Self.expect(client, "/items/", [0xEF, 0xBB, 0xBF] + Array(json.utf8), expected)
            let utf16LE: [UInt8] = json.utf16.flatMap { unit -> [UInt8] in [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
            try await Self.expect(client, "/items/", utf16LE, expected)
            try await Self.expect(client, "/items/", [0xFF, 0xFE] + utf16LE, expected)
            let utf32BE: [UInt8] = json.unicodeScalars.flatMap { scalar -> [UInt8] in [0, 0, 0, UInt8(scalar.value)] }
            try await Self.expect(client, "/items/", utf32BE, expected)
            let embedded = #"{"item":\#(json)}"#
            try await Self.expect(client, "/embedded/", [0xEF, 0xBB, 0xBF] + Array(embedded.utf8), expected)
            try await Self.expect(
                client, "/embedded/", embedded.utf16.flatMap { unit -> [UInt8] in [UInt8(unit >> 8), UInt8(unit & 0xFF)] }, expected)
            // Odd-length UTF-16 cannot be decoded: Python's UnicodeDecodeError.
            try await Self.expectParseError(client, "/items/", utf16LE + [0x00])
        }
    }

    @Test func aHundredThousandKeyFieldValueIsValidated() async throws {
        var keys = "{"
        for index in 0..<100_000 { keys += "\"k\(index)\":\(index)," }
        keys.removeLast()
        keys += "}"
        try await Self.app().test(.inProcess) { client in
            // The issue's shape: a 10^5-key object where a string belongs, answered with one 422.
            let response = try await Self.post(client, "/items/", #"{"name":"abcd","price":2,"code":\#(keys)}"#)
            #expect(response.status == 422)
            #expect(
                response.text.hasPrefix(
                    #"{"detail":[{"type":"string_type","loc":["body","code"],"msg":"Input should be a valid string","input":{"k0":0,"k1":1,"#
                ))
            let embedded = try await Self.post(client, "/embedded/", #"{"item":{"name":"abcd","price":2,"x":\#(keys)}}"#)
            #expect(embedded.status == 200)
            // A trailing comma after 10^5 keys is one json_invalid at its offset.
            let trailing = try await Self.post(client, "/items/", String(keys.dropLast()) + ",}")
            #expect(trailing.text.hasPrefix(#"{"detail":[{"type":"json_invalid","loc":["body","#))
        }
    }
}
