import ApusCore
import ApusMiddleware
import ApusTesting
import CompressNIO
import Testing

/// Starlette 1.10's GZipMiddleware: what is compressed, the headers, and streams compressed as they are written.
@Suite struct GZipTests {
    static let big = String(repeating: "Apus compresses this line. ", count: 100)
    static let gzip: HTTPFields = [.acceptEncoding: "gzip, deflate"]

    static func app(_ middleware: GZip = GZip()) -> App {
        let app = App()
        app.use(middleware)
        app.get("/big") { _ in Response.text(big) }
        app.get("/small") { _ in Response.text("small") }
        app.get("/png") { _ in Response.bytes(ByteBuffer(string: big), mediaType: "image/png") }
        app.get("/ogg") { _ in Response.bytes(ByteBuffer(string: big), mediaType: "Audio/OGG; codecs=opus") }
        app.get("/grpc") { _ in Response.bytes(ByteBuffer(string: big), mediaType: "application/grpc+proto") }
        app.get("/encoded") { _ in Response.text(big, headers: [.contentEncoding: "br"]) }
        app.get("/partial") { _ in Response.text(big, status: .partialContent) }
        app.get("/vary") { _ in Response.text(big, headers: [.vary: "X-Tenant"]) }
        app.get("/stream") { _ in
            Response.stream(mediaType: "text/plain") { writer in
                for index in 0..<3 { try await writer.write(ByteBuffer(string: "part \(index) " + big)) }
            }
        }
        app.get("/stream-small") { _ in Response.stream(mediaType: "text/plain") { try await $0.write(ByteBuffer(string: "tiny")) } }
        app.get("/file-small") { _ in
            Response.stream(mediaType: "text/plain", contentLength: 4) { try await $0.write(ByteBuffer(string: "tiny")) }
        }
        return app
    }

    @Test func aLargeBodyIsCompressedWithItsCompressedLength() async throws {
        try await Self.app().test(.inProcess) { client async throws in
            let response = try await client.get("/big", headers: Self.gzip)
            #expect(response.headers[.contentEncoding] == "gzip")
            #expect(response.headers[.vary] == "Accept-Encoding")
            #expect(response.headers[.contentLength] == String(response.body.readableBytes))
            #expect(response.body.readableBytes < Self.big.utf8.count / 10)
            #expect(try gunzip(response.body) == Self.big)
        }
    }

    @Test func aSmallBodyIsLeftAloneWithoutVary() async throws {
        try await Self.app().test(.inProcess) { client async throws in
            let response = try await client.get("/small", headers: Self.gzip)
            #expect(response.text == "small")
            #expect(response.headers[.contentEncoding] == nil)
            #expect(response.headers[.vary] == nil)
        }
    }

    @Test(arguments: [[.acceptEncoding: "identity"], [:]] as [HTTPFields])
    func aClientThatDoesNotAcceptGzipGetsTheBodyAsItIsWithVary(headers: HTTPFields) async throws {
        try await Self.app().test(.inProcess) { client async throws in
            let response = try await client.get("/big", headers: headers)
            #expect(response.text == Self.big)
            #expect(response.headers[.contentEncoding] == nil)
            #expect(response.headers[.vary] == "Accept-Encoding")
        }
    }

    /// Starlette's `"gzip" in accept_encoding`: a substring test of the first field, case-sensitive.
    @Test(arguments: [
        ("gzip", true), ("ggzip", true), ("gzgzip", true), ("x-gzip", true), ("gzip;q=0", true), ("deflate, br, gzip", true),
        ("gzi", false), ("g zip", false), ("GZIP", false), ("", false), ("gziq", false),
    ])
    func gzipIsAcceptedWhenTheFirstAcceptEncodingContainsIt(value: String, compressed: Bool) async throws {
        try await Self.app().test(.inProcess) { client async throws in
            var headers: HTTPFields = [.acceptEncoding: value]
            headers.append(HTTPField(name: .acceptEncoding, value: "gzip"))  // a second field is not read
            let response = try await client.get("/big", headers: headers)
            #expect(response.headers[.contentEncoding] == (compressed ? "gzip" : nil))
            #expect(response.headers[.vary] == "Accept-Encoding")
        }
    }

    @Test(arguments: ["/png", "/ogg", "/grpc", "/encoded", "/partial"])
    func excludedMediaTypesEncodedAndPartialResponsesAreLeftAlone(path: String) async throws {
        try await Self.app().test(.inProcess) { client async throws in
            let response = try await client.get(path, headers: Self.gzip)
            #expect(response.text == Self.big)
            #expect(response.headers[.vary] == nil)
            #expect(response.headers[.contentEncoding] == (path == "/encoded" ? "br" : nil))
        }
    }

    @Test func varyIsAppendedToTheResponsesOwn() async throws {
        try await Self.app().test(.inProcess) { client async throws in
            #expect(try await client.get("/vary", headers: Self.gzip).headers[values: .vary] == ["X-Tenant, Accept-Encoding"])
        }
    }

    @Test func aStreamIsCompressedChunkByChunkAsItIsWritten() async throws {
        try await Self.app().test(.inProcess) { client async throws in
            let response = try await client.stream(.get, "/stream", headers: Self.gzip)
            #expect(response.headers[.contentEncoding] == "gzip")
            #expect(response.headers[.contentLength] == nil)
            #expect(response.headers[.vary] == "Accept-Encoding")
            var pieces: [ByteBuffer] = []
            for try await piece in response.body { pieces.append(piece) }
            // One compressed piece per written buffer plus the trailer; each flushed, so the first alone already
            // decompresses to the first part.
            #expect(pieces.count == 4)
            var first = pieces[0]
            var decompressed = ByteBuffer()
            decompressed.reserveCapacity(Self.big.utf8.count * 2)
            try? first.decompress(to: &decompressed, with: .gzip())
            #expect(String(buffer: decompressed) == "part 0 " + Self.big)
            var whole = ByteBuffer()
            for var piece in pieces { whole.writeBuffer(&piece) }
            #expect(try gunzip(whole) == (0..<3).map { "part \($0) " + Self.big }.joined())
        }
    }

    @Test func aSmallStreamIsStillCompressedAsInStarlette() async throws {
        try await Self.app().test(.inProcess) { client async throws in
            let response = try await client.get("/stream-small", headers: Self.gzip)
            #expect(response.headers[.contentEncoding] == "gzip")
            #expect(try gunzip(response.body) == "tiny")
        }
    }

    @Test func aStreamDeclaredShorterThanTheMinimumIsLeftAlone() async throws {
        try await Self.app().test(.inProcess) { client async throws in
            let response = try await client.get("/file-small", headers: Self.gzip)
            #expect(response.text == "tiny")
            #expect(response.headers[.contentEncoding] == nil)
            #expect(response.headers[.vary] == nil)
        }
    }

    @Test func aStreamForAClientWithoutGzipKeepsItsBodyAndGetsVary() async throws {
        try await Self.app().test(.inProcess) { client async throws in
            let response = try await client.get("/stream")
            #expect(response.headers[.contentEncoding] == nil)
            #expect(response.headers[.vary] == "Accept-Encoding")
            #expect(response.text == (0..<3).map { "part \($0) " + Self.big }.joined())
        }
    }

    @Test func aBodyAboveTheThreadPoolThresholdCompressesTheSame() async throws {
        let app = App()
        app.use(GZip())
        let large = String(repeating: "0123456789abcdef", count: 64 * 1024)  // 1 MiB
        app.get("/large") { _ in Response.text(large) }
        app.get("/large-stream") { _ in Response.stream { try await $0.write(ByteBuffer(string: large)) } }
        try await app.test(.inProcess) { client async throws in
            #expect(try gunzip(try await client.get("/large", headers: Self.gzip).body) == large)
            #expect(try gunzip(try await client.get("/large-stream", headers: Self.gzip).body) == large)
        }
    }

    @Test func levelsAndMinimumAndExclusionsAreConfigurable() async throws {
        #expect(GZip(compressionLevel: 42).compressionLevel == 9)
        #expect(GZip(compressionLevel: -3).compressionLevel == 0)
        #expect(GZip(excludedContentTypes: ["Text/Plain; charset=utf-8"]).excludedContentTypes == ["text/plain"])
        try await Self.app(GZip(minimumSize: 1, compressionLevel: 0)).test(.inProcess) { client async throws in
            let response = try await client.get("/small", headers: Self.gzip)
            #expect(response.headers[.contentEncoding] == "gzip")
            #expect(try gunzip(response.body) == "small")
        }
        try await Self.app(GZip(excludedContentTypes: ["text/*"])).test(.inProcess) { client async throws in
            #expect(try await client.get("/big", headers: Self.gzip).headers[.contentEncoding] == nil)
            #expect(try await client.get("/png", headers: Self.gzip).headers[.contentEncoding] == "gzip")
        }
    }
}
