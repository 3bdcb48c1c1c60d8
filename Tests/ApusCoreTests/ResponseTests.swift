#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import ApusCore
import ApusTesting
import Testing

@Suite struct ResponseTests {
    struct Item: Codable, Equatable {
        let item_id: Int
        let name: String
    }

    @Test func encodableIsCompactJSONWithUnescapedSlashes() async throws {
        let app = App()
        app.get("/j") { _ in ["url": "http://x/y", "name": "caf\u{E9}"] }
        try await app.test(.inProcess) { client async throws in
            let response = try await client.get("/j")
            #expect(response.header("content-type") == "application/json")
            #expect(try response.json([String: String].self) == ["url": "http://x/y", "name": "caf\u{E9}"])
            #expect(!response.text.contains("\\/"))
            #expect(!response.text.contains(" "))
        }
    }

    @Test func modelRoundTrips() async throws {
        let app = App()
        app.get("/items/{item_id}") { request in Item(item_id: Int(request.pathParameters["item_id"] ?? "") ?? 0, name: "Sample Item") }
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/items/5").json(Item.self) == Item(item_id: 5, name: "Sample Item"))
        }
    }

    @Test func returnedStringIsAJSONString() async throws {
        let app = App()
        app.get("/s") { _ in "hello \"world\"" }
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/s").text == #""hello \"world\"""#)
        }
    }

    @Test func returnedNilIsJSONNull() async throws {
        let app = App()
        app.get("/n") { _ -> String? in nil }
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/n").text == "null")
        }
    }

    @Test func routeStatusAppliesToEncodableResults() async throws {
        let app = App()
        app.post("/items", metadata: RouteMetadata(status: .created)) { _ in ["ok": true] }
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.post("/items").status == .created)
        }
    }

    @Test func textResponse() async throws {
        let app = App()
        app.get("/t") { _ in Response.text("plain") }
        try await app.test(.inProcess) { client async throws in
            let response = try await client.get("/t")
            #expect(response.headerLines == ["content-length: 5", "content-type: text/plain; charset=utf-8"])
            #expect(response.text == "plain")
        }
    }

    @Test func htmlResponse() async throws {
        let app = App()
        app.get("/h") { _ in Response.html("<h1>hi</h1>") }
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/h").header("content-type") == "text/html; charset=utf-8")
        }
    }

    @Test func customHeadersComeBeforeContentLengthAndType() async throws {
        let app = App()
        app.get("/resp") { _ in
            var response = try Response.json(["ok": true], status: .accepted)
            response.headers.append(HTTPField(name: .init("x-custom")!, value: "1"))
            response.setCookie(ResponseCookie(name: "k", value: "v", httpOnly: true))
            return response
        }
        try await app.test(.inProcess) { client async throws in
            // reference: u_response_param.txt
            let response = try await client.get("/resp")
            #expect(
                wireText(response)
                    == "202 Accepted\ncontent-length: 11\ncontent-type: application/json\nx-custom: 1\n"
                    + "set-cookie: k=v; HttpOnly; Path=/; SameSite=lax\n\n{\"ok\":true}"
            )
        }
    }

    @Test func relativeRedirectIsSentAsGiven() async throws {
        let app = App()
        app.get("/go") { _ in Response.redirect(to: "/html") }
        try await app.test(.inProcess) { client async throws in
            let response = try await client.get("/go")
            #expect(wireText(response) == "307 Temporary Redirect\ncontent-length: 0\nlocation: /html\n\n")
        }
    }

    @Test func redirectPercentEncodesUnsafeCharacters() {
        #expect(Response.redirect(to: "/caf\u{E9} x?a=b").headers[.location] == "/caf%C3%A9%20x?a=b")
    }

    @Test func redirectStatusCanBeChosen() {
        #expect(Response.redirect(to: "/x", status: .movedPermanently).status == .movedPermanently)
    }

    @Test func emptyResponseHasZeroLengthOrNoneForNoContent() {
        #expect(Response.empty().headers[.contentLength] == "0")
        #expect(Response.empty(status: .noContent).headers[.contentLength] == nil)
    }

    @Test func bytesWithMediaType() async throws {
        let app = App()
        app.get("/b") { _ in Response.bytes(ByteBuffer(bytes: [0, 1, 2]), mediaType: "application/x-thing") }
        try await app.test(.inProcess) { client async throws in
            let response = try await client.get("/b")
            #expect(response.header("content-type") == "application/x-thing")
            #expect(Array(response.body.readableBytesView) == [0, 1, 2])
        }
    }

    @Test func statusAloneIsAnEmptyResponse() async throws {
        let app = App()
        app.delete("/x") { _ in HTTPResponse.Status.noContent }
        try await app.test(.inProcess) { client async throws in
            let response = try await client.delete("/x")
            #expect(response.status == .noContent)
            #expect(response.body.readableBytes == 0)
        }
    }

    @Test func streamFromAsyncSequenceIsChunked() async throws {
        let app = App()
        app.get("/s") { _ in
            let (stream, continuation) = AsyncStream.makeStream(of: ByteBuffer.self)
            continuation.yield(ByteBuffer(string: "one,"))
            continuation.yield(ByteBuffer(string: "two"))
            continuation.finish()
            return Response.stream(stream, mediaType: MediaType.plainText)
        }
        try await app.test(.inProcess) { client async throws in
            let response = try await client.get("/s")
            #expect(response.text == "one,two")
            #expect(response.header("content-length") == nil)
            #expect(response.header("content-type") == "text/plain; charset=utf-8")
        }
    }

    @Test func fileIsStreamedWithTypeFromExtension() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("apus-\(UInt64.random(in: 0 ... .max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("page.html")
        let contents = String(repeating: "<p>apus</p>", count: 20_000)
        try Data(contents.utf8).write(to: file)

        let app = App()
        app.get("/page") { _ in try await Response.file(at: file.path, chunkSize: 4096) }
        try await app.test(.inProcess) { client async throws in
            let response = try await client.get("/page")
            #expect(response.status == .ok)
            #expect(response.header("content-type") == "text/html; charset=utf-8")
            #expect(response.header("content-length") == String(contents.utf8.count))
            #expect(response.header("last-modified")?.hasSuffix(" GMT") == true)
            #expect(response.text == contents)
        }
    }

    @Test func fileWithFilenameIsAnAttachment() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("apus-\(UInt64.random(in: 0 ... .max)).bin").path
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let response = try await Response.file(at: path, filename: "report 1.csv")
        #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
        #expect(response.headers[.contentDisposition] == "attachment; filename*=utf-8''report%201.csv")
        let plain = try await Response.file(at: path, filename: "report.csv")
        #expect(plain.headers[.contentDisposition] == "attachment; filename=\"report.csv\"")
    }

    @Test func missingFileIs404() async throws {
        let app = App()
        app.get("/f") { _ in try await Response.file(at: "/nonexistent/apus/file.txt") }
        try await app.test(.inProcess) { client async throws in
            let response = try await client.get("/f")
            #expect(response.status == .notFound)
            #expect(response.text == #"{"detail":"Not Found"}"#)
        }
    }

    @Test func mediaTypeGuessing() {
        #expect(MediaType.forFileName("a/b.JSON") == "application/json")
        #expect(MediaType.forFileName("style.css") == "text/css; charset=utf-8")
        #expect(MediaType.forFileName("noextension") == "application/octet-stream")
        #expect(MediaType.forFileName("dir.d/file") == "application/octet-stream")
    }
}

@Suite struct SetCookieTests {
    @Test func defaultsMatchStarlette() {
        #expect(ResponseCookie(name: "k", value: "v").headerValue == "k=v; Path=/; SameSite=lax")
    }

    @Test func everyAttributeInPythonsOrder() {
        let cookie = ResponseCookie(
            name: "session",
            value: "abc",
            maxAge: 3600,
            expires: Date(timeIntervalSince1970: 1_445_412_480),
            path: "/app",
            domain: "example.com",
            secure: true,
            httpOnly: true,
            sameSite: .strict,
            partitioned: true
        )
        #expect(
            cookie.headerValue
                == "session=abc; Domain=example.com; expires=Wed, 21 Oct 2015 07:28:00 GMT; HttpOnly; Max-Age=3600; "
                + "Partitioned; Path=/app; SameSite=strict; Secure"
        )
    }

    @Test func valueWithSpecialCharactersIsQuoted() {
        #expect(ResponseCookie(name: "k", value: "a b;\"c\"", path: nil, sameSite: nil).headerValue == #"k="a b\073\"c\"""#)
    }

    @Test func emptyValueIsQuoted() {
        #expect(ResponseCookie(name: "k", value: "", path: nil, sameSite: nil).headerValue == #"k="""#)
    }

    @Test func deleteCookieExpiresItNow() {
        var response = Response.empty()
        response.deleteCookie("k")
        let value = response.headers[.setCookie] ?? ""
        #expect(value.hasPrefix(#"k=""; expires="#))
        #expect(value.hasSuffix("; Max-Age=0; Path=/; SameSite=lax"))
    }

    @Test func httpDatesAcrossLeapAndCenturyYears() {
        #expect(HTTPDateProbe.format(0) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(HTTPDateProbe.format(951_782_400) == "Tue, 29 Feb 2000 00:00:00 GMT")
        #expect(HTTPDateProbe.format(4_107_542_399) == "Sun, 28 Feb 2100 23:59:59 GMT")
    }
}

/// Reaches the date formatter through a cookie's `expires`, its public face.
enum HTTPDateProbe {
    static func format(_ seconds: Int) -> String {
        let value = ResponseCookie(name: "k", value: "v", expires: Date(timeIntervalSince1970: Double(seconds)), path: nil, sameSite: nil)
            .headerValue
        return String(value.dropFirst("k=v; expires=".count))
    }
}
