import ApusForms
import NIOCore
import Testing

@Suite struct FormDataTests {
    @Test func keepsTextAndFilesSentUnderOneNameTogether() async throws {
        let parts = [(fieldHeaders("doc"), "text"), (fileHeaders("doc", filename: "a.txt"), "file")]
        let form = try await parseForm(multipartBody(parts), contentType: multipartXX)
        #expect(form.values(named: "doc").map(\.text) == ["text", nil])
        #expect(form.value(named: "doc")?.file?.filename == "a.txt")
        #expect(form.field(named: "doc") == "text")
        #expect(form.files(named: "doc").count == 1)
        await form.close()
    }

    @Test func answersNilAndEmptyForAnUnknownName() async throws {
        let form = try await parseForm("a=1", contentType: "application/x-www-form-urlencoded")
        #expect(form.value(named: "b") == nil)
        #expect(form.field(named: "b") == nil)
        #expect(form.file(named: "b") == nil)
        #expect(form.values(named: "b").isEmpty)
    }

    @Test func listsNamesOnceInFirstSeenOrder() async throws {
        let form = try await parseForm("b=1&a=2&b=3", contentType: "application/x-www-form-urlencoded")
        #expect(form.names == ["b", "a"])
    }

    @Test func describesAParsingErrorByItsDetail() {
        #expect("\(FormParsingError(.missingBoundary))" == "Missing boundary in multipart.")
    }
}

@Suite struct BodyFailureTests {
    struct Disconnected: Error {}

    /// A body that yields `buffers` and then fails, as a client that goes away mid-upload.
    struct FailingBody: AsyncSequence, Sendable {
        let buffers: [ByteBuffer]

        struct AsyncIterator: AsyncIteratorProtocol {
            var remaining: ArraySlice<ByteBuffer>

            mutating func next() async throws -> ByteBuffer? {
                guard let buffer = self.remaining.popFirst() else { throw Disconnected() }
                return buffer
            }
        }

        func makeAsyncIterator() -> AsyncIterator {
            AsyncIterator(remaining: self.buffers[...])
        }
    }

    @Test func passesOnTheBodysErrorAndRemovesStoredUploads() async throws {
        let directory = try TemporaryDirectory()
        let limits = FormLimits(spoolThreshold: 4, temporaryDirectory: directory.path)
        let complete = multipartBody([(fileHeaders("f", filename: "a"), "0123456789")]).replacing("--XX--\r\n", with: "")
        let body = FailingBody(buffers: [
            ByteBuffer(string: complete + "--XX\r\nContent-Disposition: form-data; name=\"g\"; filename=\"b\"\r\n\r\n0123456789")
        ])
        await #expect(throws: Disconnected.self) {
            try await FormParser(limits: limits).parse(body, contentType: multipartXX)
        }
        #expect(try directory.contents() == [])
    }

    @Test func passesOnTheBodysErrorForUrlEncoded() async throws {
        await #expect(throws: Disconnected.self) {
            try await FormParser().parse(
                FailingBody(buffers: [ByteBuffer(string: "a=1")]), contentType: "application/x-www-form-urlencoded")
        }
    }
}
