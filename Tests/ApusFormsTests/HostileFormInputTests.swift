@testable import ApusForms
import NIOCore
import Testing

/// Hostile shapes for every form parser (STYLE §7: untrusted input costs linear time). Each test checks what
/// the shape gives, never how long it takes.
@Suite struct HostileFormInputTests {
    static let urlencoded = "application/x-www-form-urlencoded"

    /// `body` cut into buffers of `size` bytes, as a client that sends small TCP segments.
    static func buffers(_ body: String, size: Int) -> ChunkedBody {
        let bytes = Array(body.utf8)
        return ChunkedBody(stride(from: 0, to: bytes.count, by: size).map { ByteBuffer(bytes: bytes[$0..<min($0 + size, bytes.count)]) })
    }

    static func part(headers: [String], contents: String = "v") -> String {
        "--XX\r\n" + headers.map { $0 + "\r\n" }.joined() + "\r\n" + contents + "\r\n--XX--\r\n"
    }

    static let disposition = #"Content-Disposition: form-data; name="a""#

    // MARK: urlencoded

    @Test func urlencodedBodyWithAHundredThousandFieldsIsRejectedAtTheLimit() async {
        let body = (0..<100_000).map { "k\($0)=v" }.joined(separator: "&")
        let error = await formError(body, contentType: Self.urlencoded)
        #expect(error?.detail == "Too many fields. Maximum number of fields is 1000.")
    }

    @Test func aHundredThousandRepeatsOfOneFieldKeepEveryValueAndTheLastWins() async throws {
        let body = (0..<100_000).map { "k=\($0)" }.joined(separator: "&")
        let form = try await parseForm(body, contentType: Self.urlencoded, limits: FormLimits(maxFields: 100_000))
        let values = form.fields(named: "k")
        #expect(values.count == 100_000)
        #expect(values.first == "0" && values.last == "99999")
        #expect(form.field(named: "k") == "99999")
        #expect(form.value(named: "k")?.text == "99999")
        #expect(form.names == ["k"])
    }

    @Test func aHundredThousandDistinctFieldsAreEachFound() async throws {
        let body = (0..<100_000).map { "k\($0)=\($0)" }.joined(separator: "&")
        let form = try await parseForm(body, contentType: Self.urlencoded, limits: FormLimits(maxFields: 100_000))
        #expect(form.fieldCount == 100_000)
        #expect(form.field(named: "k0") == "0")
        #expect(form.field(named: "k99999") == "99999")
        #expect(form.field(named: "k100000") == nil)
        #expect(form.names.count == 100_000)
    }

    @Test func aMillionAmpersandsAreAnEmptyForm() async throws {
        let form = try await parseForm(String(repeating: "&", count: 1_000_000), contentType: Self.urlencoded)
        #expect(form.entries.isEmpty)
    }

    @Test func hugePercentEncodedRunsAndInvalidEscapesDecodeAsPythonDoes() async throws {
        let body = "a=" + String(repeating: "%41", count: 100_000) + "&b=" + String(repeating: "%zz", count: 100_000) + "&c=%4"
        let form = try await parseForm(body, contentType: Self.urlencoded)
        #expect(form.field(named: "a") == String(repeating: "A", count: 100_000))
        #expect(form.field(named: "b") == String(repeating: "%zz", count: 100_000))
        #expect(form.field(named: "c") == "%4")
    }

    // MARK: multipart

    @Test func aPartWithNineHeadersIsRejected() async {
        // python-multipart's `max_header_count` is 8 per part; FastAPI answers 400.
        let eight = [Self.disposition] + (0..<7).map { "X-H\($0): v" }
        #expect(await formError(Self.part(headers: eight), contentType: multipartXX) == nil)
        let error = await formError(Self.part(headers: eight + ["X-H7: v"]), contentType: multipartXX)
        #expect(error == FormParsingError(.malformedBody))
    }

    @Test func aHundredThousandHeaderLinesInOnePartAreRejected() async {
        let headers = [Self.disposition] + (0..<100_000).map { "X-H\($0): v" }
        #expect(await formError(Self.part(headers: headers), contentType: multipartXX) == FormParsingError(.malformedBody))
    }

    @Test func aPartKeepsManyHeadersInOrderWhenTheLimitIsRaised() async throws {
        let headers = (0..<50_000).map { "X-H: \($0)" } + [Self.disposition]
        let body = multipartBody([(headers, "v")]).replacing("name=\"a\"", with: "name=\"a\"; filename=\"f\"")
        let form = try await parseForm(body, contentType: multipartXX, limits: FormLimits(maxPartHeaderCount: 100_000))
        let file = try #require(form.file(named: "a"))
        #expect(Array(file.headers).count == 50_001)
        #expect(Array(file.headers).first?.value == "0")
        #expect(file.headers["x-h"] == "49999")
        await form.close()
    }

    @Test func aHeaderLineOverTheSizeLimitIsRejected() async {
        // python-multipart's `max_header_size` is 4096 + 128 bytes per line, CRLF excluded.
        let padding = 4224 - Self.disposition.utf8.count - #"; x="""#.utf8.count
        let fits = Self.disposition + "; x=\"" + String(repeating: "y", count: padding) + "\""
        #expect(fits.utf8.count == 4224)
        #expect(await formError(Self.part(headers: [fits]), contentType: multipartXX) == nil)
        let error = await formError(Self.part(headers: [fits + "y"]), contentType: multipartXX)
        #expect(error == FormParsingError(.malformedBody))
    }

    @Test func aLongHeaderNameCountsTowardsTheLimit() async {
        let error = await formError(
            Self.part(headers: [String(repeating: "X", count: 4224) + ":", Self.disposition]), contentType: multipartXX)
        #expect(error == FormParsingError(.malformedBody))
    }

    @Test func aMegabyteHeaderSentInSmallBuffersIsRejected() async {
        let body = Self.part(headers: [Self.disposition + "; x=\"" + String(repeating: "y", count: 1_000_000) + "\""])
        await #expect(throws: FormParsingError(.malformedBody)) {
            _ = try await FormParser().parse(Self.buffers(body, size: 100), contentType: multipartXX)
        }
    }

    @Test func headerLimitsApplyToEveryPartNotTheWholeBody() async throws {
        let extra = (0..<7).map { "X-H\($0): v" }
        let parts = (0..<100).map { index in (fieldHeaders("a\(index)") + extra, "v") }
        let form = try await parseForm(multipartBody(parts), contentType: multipartXX)
        #expect(form.fieldCount == 100)
        #expect(form.field(named: "a99") == "v")
    }

    @Test func headerLimitsIgnoreHeaderLikeLinesInsideContents() async throws {
        let contents = (0..<1000).map { "X-H\($0): " + String(repeating: "y", count: 5000) }.joined(separator: "\r\n")
        let form = try await parseForm(
            multipartBody([(fileHeaders("f", filename: "a.txt"), contents)]), contentType: multipartXX
        )
        #expect(try await form.file(named: "f")?.read().readableBytes == contents.utf8.count)
        await form.close()
    }

    @Test func manyPartsAreRejectedAtTheFieldAndFileLimits() async {
        let fields = (0..<5_000).map { (fieldHeaders("f\($0)"), "v") }
        #expect(
            await formError(multipartBody(fields), contentType: multipartXX)?.detail == "Too many fields. Maximum number of fields is 1000."
        )
        let files = (0..<5_000).map { (fileHeaders("f", filename: "\($0).txt"), "v") }
        #expect(
            await formError(multipartBody(files), contentType: multipartXX)?.detail == "Too many files. Maximum number of files is 1000.")
    }

    @Test func aContentDispositionWithTenThousandParametersKeepsTheLastName() async throws {
        let parameters = (0..<10_000).map { "p\($0)=\"\\\\\\\"\"" }.joined(separator: "; ")
        let header = HeaderValueParameters("form-data; " + parameters + #"; name="a"; name="b""#)
        #expect(header.value == "form-data")
        #expect(header.parameters.count == 10_002)
        #expect(header["p0"] == #"\""#)
        #expect(header["name"] == "b")
    }

    @Test func aLongBoundaryWithNearMatchesInsideContentsParses() async throws {
        let boundary = String(repeating: "b", count: 1000)
        let nearMatch = "\r\n--" + String(repeating: "b", count: 999) + "c"
        let contents = String(repeating: nearMatch, count: 200)
        let body = "--\(boundary)\r\n\(Self.disposition)\r\n\r\n\(contents)\r\n--\(boundary)--\r\n"
        let form = try await parseForm(
            body, contentType: "multipart/form-data; boundary=\(boundary)", limits: FormLimits(maxPartSize: 10_000_000))
        #expect(form.field(named: "a") == contents)
    }
}
