import ApusForms
import NIOCore
import Testing

@Suite struct MultipartLimitTests {
    @Test func acceptsATextPartOfExactlyTheLimit() async throws {
        let value = String(repeating: "a", count: 1024 * 1024)
        let form = try await parseForm(multipartBody([(fieldHeaders("name"), value)]), contentType: multipartXX)
        #expect(form.field(named: "name")?.utf8.count == 1024 * 1024)
    }

    @Test func rejectsATextPartOverTheLimitWithStarlettesMessage() async throws {
        // behav7: 1 MiB + 10 bytes in a text field.
        let value = String(repeating: "a", count: 1024 * 1024 + 10)
        let error = await formError(multipartBody([(fieldHeaders("name"), value)]), contentType: multipartXX)
        #expect(error == FormParsingError(.partTooLarge(limit: 1024 * 1024)))
        #expect(error?.detail == "Part exceeded maximum size of 1024KB.")
    }

    @Test func doesNotLimitFileParts() async throws {
        let directory = try TemporaryDirectory()
        let contents = String(repeating: "b", count: 2 * 1024 * 1024)
        let form = try await parseForm(
            multipartBody([(fileHeaders("f", filename: "big.txt"), contents)]),
            contentType: multipartXX,
            limits: FormLimits(temporaryDirectory: directory.path)
        )
        #expect(form.file(named: "f")?.size == 2 * 1024 * 1024)
        await form.close()
    }

    @Test func rejectsMoreThanTheFieldLimit() async throws {
        let parts = (0..<1001).map { (fieldHeaders("f\($0)"), "v") }
        let error = await formError(multipartBody(parts), contentType: multipartXX)
        #expect(error?.detail == "Too many fields. Maximum number of fields is 1000.")
    }

    @Test func acceptsExactlyTheFileLimit() async throws {
        let parts = (0..<1000).map { (fileHeaders("f", filename: "\($0).txt"), "x") }
        let form = try await parseForm(multipartBody(parts), contentType: multipartXX)
        #expect(form.fileCount == 1000)
        await form.close()
    }

    @Test func rejectsMoreThanTheFileLimitWithStarlettesMessage() async throws {
        let parts = (0..<1001).map { (fileHeaders("f", filename: "\($0).txt"), "x") }
        let error = await formError(multipartBody(parts), contentType: multipartXX)
        #expect(error == FormParsingError(.tooManyFiles(limit: 1000)))
        #expect(error?.detail == "Too many files. Maximum number of files is 1000.")
    }

    @Test func countsFieldsAndFilesApart() async throws {
        let parts = [(fieldHeaders("a"), "1"), (fileHeaders("f", filename: "x"), "2"), (fieldHeaders("b"), "3")]
        let form = try await parseForm(multipartBody(parts), contentType: multipartXX, limits: FormLimits(maxFields: 2, maxFiles: 1))
        #expect(form.entries.count == 3)
        await form.close()
    }

    @Test func appliesConfiguredLimits() async throws {
        let limits = FormLimits(maxFiles: 1, maxPartSize: 2048)
        let twoFiles = [(fileHeaders("f", filename: "a"), "1"), (fileHeaders("f", filename: "b"), "2")]
        #expect(
            await formError(multipartBody(twoFiles), contentType: multipartXX, limits: limits)?.detail
                == "Too many files. Maximum number of files is 1.")
        let bigField = [(fieldHeaders("a"), String(repeating: "x", count: 2049))]
        #expect(
            await formError(multipartBody(bigField), contentType: multipartXX, limits: limits)?.detail
                == "Part exceeded maximum size of 2KB.")
    }

    @Test func removesStoredUploadsWhenALaterPartBreaksALimit() async throws {
        let directory = try TemporaryDirectory()
        let limits = FormLimits(maxPartSize: 8, spoolThreshold: 4, temporaryDirectory: directory.path)
        let parts = [(fileHeaders("f", filename: "a"), "0123456789"), (fieldHeaders("big"), "123456789")]
        let error = await formError(multipartBody(parts), contentType: multipartXX, limits: limits)
        #expect(error == FormParsingError(.partTooLarge(limit: 8)))
        #expect(try directory.contents() == [])
    }
}
