import ApusForms
import NIOCore
import Testing

@Suite struct MultipartFormTests {
    @Test func parsesTheReferenceUpload() async throws {
        // p2_upload_ok, byte for byte.
        let body =
            "--XX\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--XX\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhi\r\n--XX--\r\n"
        let form = try await parseForm(body, contentType: multipartXX)
        let file = try #require(form.file(named: "file"))
        #expect(file.filename == "a.txt")
        #expect(file.contentType == "text/plain")
        #expect(file.size == 5)
        #expect(try await file.read() == ByteBuffer(string: "hello"))
        #expect(form.field(named: "note") == "hi")
        await form.close()
    }

    @Test func parsesSeveralFieldsAndFilesInOrder() async throws {
        let body = multipartBody([
            (fieldHeaders("title"), "Report"),
            (fileHeaders("docs", filename: "a.txt"), "first"),
            (fieldHeaders("tag"), "x"),
            (fileHeaders("docs", filename: "b.csv", contentType: "text/csv"), "1,2\r\n3,4"),
            (fieldHeaders("tag"), "y"),
        ])
        let form = try await parseForm(body, contentType: multipartXX)
        #expect(form.entries.map(\.name) == ["title", "docs", "tag", "docs", "tag"])
        #expect(form.fields(named: "tag") == ["x", "y"])
        let docs = form.files(named: "docs")
        #expect(docs.map(\.filename) == ["a.txt", "b.csv"])
        #expect(docs.map(\.contentType) == ["text/plain", "text/csv"])
        #expect(try await docs[1].read() == ByteBuffer(string: "1,2\r\n3,4"))
        #expect(form.fieldCount == 3)
        #expect(form.fileCount == 2)
        await form.close()
    }

    @Test func parsesTheSameWhenEveryByteArrivesAlone() async throws {
        let body = multipartBody([
            (fieldHeaders("note"), "line\r\nbreak --XX not a boundary"),
            (fileHeaders("file", filename: "a.bin"), "\r\r\n\r\n--X"),
        ])
        let form = try await parseFormBytewise(body, contentType: multipartXX)
        #expect(form.field(named: "note") == "line\r\nbreak --XX not a boundary")
        let file = try #require(form.file(named: "file"))
        #expect(try await file.read() == ByteBuffer(string: "\r\r\n\r\n--X"))
        await form.close()
    }

    @Test func keepsEmptyFieldsAndEmptyFiles() async throws {
        let body = multipartBody([(fieldHeaders("empty"), ""), (fileHeaders("file", filename: ""), "")])
        let form = try await parseForm(body, contentType: multipartXX)
        #expect(form.field(named: "empty") == "")
        let file = try #require(form.file(named: "file"))
        #expect(file.filename == "")
        #expect(file.size == 0)
        await form.close()
    }

    @Test func keepsEveryPartHeader() async throws {
        let headers = fileHeaders("file", filename: "a.txt") + ["X-Custom: 1"]
        let form = try await parseForm(multipartBody([(headers, "x")]), contentType: multipartXX)
        let file = try #require(form.file(named: "file"))
        #expect(file.headers["x-custom"] == "1")
        #expect(file.headers["CONTENT-TYPE"] == "text/plain")
        #expect(file.fieldName == "file")
        await form.close()
    }

    @Test func leavesTheContentTypeNilWhenThePartHasNone() async throws {
        let headers = [#"Content-Disposition: form-data; name="file"; filename="a.txt""#]
        let form = try await parseForm(multipartBody([(headers, "x")]), contentType: multipartXX)
        #expect(form.file(named: "file")?.contentType == nil)
        await form.close()
    }

    @Test func unescapesQuotedFilenames() async throws {
        let headers = [#"Content-Disposition: form-data; name="file"; filename="say \"hi\"; ok.txt""#]
        let form = try await parseForm(multipartBody([(headers, "x")]), contentType: multipartXX)
        #expect(form.file(named: "file")?.filename == #"say "hi"; ok.txt"#)
        await form.close()
    }

    @Test func keepsOnlyTheLastSegmentOfAWindowsPathFilename() async throws {
        let headers = [#"Content-Disposition: form-data; name="file"; filename="C:\Users\me\photo.jpg""#]
        let form = try await parseForm(multipartBody([(headers, "x")]), contentType: multipartXX)
        #expect(form.file(named: "file")?.filename == "photo.jpg")
        await form.close()
    }

    @Test func decodesTextPartsAsUTF8() async throws {
        let form = try await parseForm(multipartBody([(fieldHeaders("name"), "Zoë")]), contentType: multipartXX)
        #expect(form.field(named: "name") == "Zoë")
    }

    @Test func decodesInvalidUTF8TextPartsAsLatin1() async throws {
        var body = ByteBuffer(string: "--XX\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n")
        body.writeBytes([0x5A, 0x6F, 0xEB])
        body.writeString("\r\n--XX--\r\n")
        let form = try await FormParser().parse(ChunkedBody([body]), contentType: multipartXX)
        #expect(form.field(named: "name") == "Zoë")
    }

    @Test func ignoresAPreambleOfBlankLinesAndTheEpilogue() async throws {
        let body = "\r\n" + multipartBody([(fieldHeaders("a"), "1")]) + "trailing words"
        let form = try await parseForm(body, contentType: multipartXX)
        #expect(form.field(named: "a") == "1")
    }

    @Test func dropsAPartCutOffByTheEndOfTheBody() async throws {
        // behav7 "malformed multipart": Starlette's parser yields no fields, and FastAPI reports them missing.
        let form = try await parseForm("--XX\r\nbroken", contentType: multipartXX)
        #expect(form.entries.isEmpty)
    }

    @Test func keepsThePartsBeforeATruncation() async throws {
        let body =
            "--XX\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n"
            + "--XX\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\npartial"
        let form = try await parseForm(body, contentType: multipartXX)
        #expect(form.entries.map(\.name) == ["a"])
    }

    @Test func removesTheTemporaryFileOfATruncatedUpload() async throws {
        let directory = try TemporaryDirectory()
        let limits = FormLimits(spoolThreshold: 4, temporaryDirectory: directory.path)
        let body = "--XX\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a\"\r\n\r\n0123456789"
        let form = try await parseForm(body, contentType: multipartXX, limits: limits)
        #expect(form.entries.isEmpty)
        #expect(try directory.contents() == [])
    }

    @Test func rejectsABodyThatDoesNotOpenWithTheBoundary() async throws {
        let error = await formError("garbage\r\n" + multipartBody([(fieldHeaders("a"), "1")]), contentType: multipartXX)
        #expect(error == FormParsingError(.malformedBody))
        #expect(error?.detail == "There was an error parsing the body")
    }

    @Test func rejectsABadHeaderLine() async throws {
        let error = await formError("--XX\r\nNot a header\r\n\r\nx\r\n--XX--\r\n", contentType: multipartXX)
        #expect(error?.detail == "There was an error parsing the body")
    }

    @Test func rejectsBytesOtherThanCRLFOrDashesAfterABoundary() async throws {
        let error = await formError("--XX\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XXz", contentType: multipartXX)
        #expect(error?.detail == "There was an error parsing the body")
    }

    @Test func rejectsAPartWithoutAName() async throws {
        let error = await formError(multipartBody([(["Content-Disposition: form-data"], "x")]), contentType: multipartXX)
        #expect(error == FormParsingError(.missingPartName))
        #expect(error?.detail == #"The Content-Disposition header field "name" must be provided."#)
    }

    @Test func rejectsAPartWithoutContentDisposition() async throws {
        let error = await formError(multipartBody([(["Content-Type: text/plain"], "x")]), contentType: multipartXX)
        #expect(error == FormParsingError(.missingPartName))
    }
}
