import ApusForms
import NIOCore
import Testing

@Suite struct URLEncodedFormTests {
    let urlEncoded = "application/x-www-form-urlencoded"

    @Test func parsesPairsInOrder() async throws {
        let form = try await parseForm("username=bob&password=x", contentType: urlEncoded)
        #expect(form.field(named: "username") == "bob")
        #expect(form.field(named: "password") == "x")
        #expect(form.names == ["username", "password"])
    }

    @Test func keepsRepeatedNamesInOrderAndReadsTheLastAsOneValue() async throws {
        let form = try await parseForm("tag=a&tag=b&tag=c", contentType: urlEncoded)
        #expect(form.fields(named: "tag") == ["a", "b", "c"])
        #expect(form.field(named: "tag") == "c")
    }

    @Test func keepsEmptyValues() async throws {
        let form = try await parseForm("a=&b=2", contentType: urlEncoded)
        #expect(form.fields(named: "a") == [""])
        #expect(form.field(named: "b") == "2")
    }

    @Test func readsAPairWithoutEqualsAsAnEmptyValue() async throws {
        let form = try await parseForm("flag&b=2", contentType: urlEncoded)
        #expect(form.fields(named: "flag") == [""])
        #expect(form.field(named: "b") == "2")
    }

    @Test func skipsEmptyPairs() async throws {
        let form = try await parseForm("&a=1&&b=2&", contentType: urlEncoded)
        #expect(form.entries.map(\.name) == ["a", "b"])
    }

    @Test func keepsAnEmptyName() async throws {
        let form = try await parseForm("=x", contentType: urlEncoded)
        #expect(form.fields(named: "") == ["x"])
    }

    @Test func keepsEqualsSignsAfterTheFirstInTheValue() async throws {
        let form = try await parseForm("a=b=c", contentType: urlEncoded)
        #expect(form.field(named: "a") == "b=c")
    }

    @Test func decodesPlusAsSpace() async throws {
        let form = try await parseForm("full+name=Ada+Lovelace", contentType: urlEncoded)
        #expect(form.field(named: "full name") == "Ada Lovelace")
    }

    @Test func decodesPercentEscapesAsUTF8() async throws {
        let form = try await parseForm("q=caf%C3%A9%2B%26%3D", contentType: urlEncoded)
        #expect(form.field(named: "q") == "café+&=")
    }

    @Test func passesBadPercentEscapesThroughRaw() async throws {
        let form = try await parseForm("q=100%25%zz%4&r=%", contentType: urlEncoded)
        #expect(form.field(named: "q") == "100%%zz%4")
        #expect(form.field(named: "r") == "%")
    }

    @Test func replacesEscapedInvalidUTF8WithReplacementCharacter() async throws {
        let form = try await parseForm("q=%C3", contentType: urlEncoded)
        #expect(form.field(named: "q") == "\u{FFFD}")
    }

    @Test func parsesTheSameWhenEveryByteArrivesAlone() async throws {
        let form = try await parseFormBytewise("a=1&tag=x+y&tag=%41&flag", contentType: urlEncoded)
        #expect(form.entries.map(\.name) == ["a", "tag", "tag", "flag"])
        #expect(form.fields(named: "tag") == ["x y", "A"])
    }

    @Test func parsesAnEmptyBodyAsAnEmptyForm() async throws {
        let form = try await parseForm("", contentType: urlEncoded)
        #expect(form.entries.isEmpty)
    }

    @Test func acceptsAContentTypeWithParametersInAnyCase() async throws {
        let form = try await parseForm("a=1", contentType: "Application/X-WWW-Form-URLEncoded; charset=utf-8")
        #expect(form.field(named: "a") == "1")
    }

    @Test func acceptsExactlyTheFieldLimit() async throws {
        let body = (0..<1000).map { "f\($0)=v" }.joined(separator: "&")
        let form = try await parseForm(body, contentType: urlEncoded)
        #expect(form.fieldCount == 1000)
    }

    @Test func rejectsMoreThanTheFieldLimitWithStarlettesMessage() async throws {
        let body = (0..<1001).map { "f\($0)=v" }.joined(separator: "&")
        let error = await formError(body, contentType: urlEncoded)
        #expect(error == FormParsingError(.tooManyFields(limit: 1000)))
        #expect(error?.detail == "Too many fields. Maximum number of fields is 1000.")
        #expect(error?.status == 400)
    }

    @Test func appliesAConfiguredFieldLimit() async throws {
        let error = await formError("a=1&b=2&c=3", contentType: urlEncoded, limits: FormLimits(maxFields: 2))
        #expect(error?.detail == "Too many fields. Maximum number of fields is 2.")
    }
}
