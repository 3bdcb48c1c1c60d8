import ApusCore
import ApusTesting
import Foundation
import Testing

@testable import ApusStaticFiles

/// The Python readings Starlette applies to `Range` and `If-Modified-Since`, on shapes the matrix does not send.
@Suite struct HeaderParsingTests {
    @Test(arguments: [
        ("bytes=0-0", ByteRangeRequest.ranges([0..<1])),
        ("BYTES = 1-2", .ranges([1..<3])),
        ("bytes=0-1,,-", .ranges([0..<2])),
        ("bytes=x-1,2-3", .ranges([2..<4])),
        ("bytes=1_0-", .ranges([10..<36])),
        ("bytes=1__0-", .malformed("Range header: range must be requested")),
        ("bytes=5--3", .malformed("Range header: start must be less than end")),
        ("bytes=-99999", .ranges([0..<36])),
        ("bytes=--5", .unsatisfiable),
        ("bytes=99999999999999999999999-", .unsatisfiable),
        ("bytes=0-99999999999999999999999", .ranges([0..<36])),
        ("bytes=30-,0-1,2-3", .ranges([0..<4, 30..<36])),
        ("bytes=", .malformed("Range header: range must be requested")),
        ("", .malformed("Malformed range header.")),
    ])
    func rangeHeadersReadAsStarletteReadsThem(_ header: String, _ expected: ByteRangeRequest) {
        #expect(ByteRangeRequest(header: header, size: 36) == expected, "\(header)")
    }

    @Test(arguments: [
        ("Tue, 14 Nov 2023 22:13:20 GMT", [2023, 11, 14, 22, 13, 20]),
        ("14 Nov 2023 22:13:20", [2023, 11, 14, 22, 13, 20]),
        ("Tue,14 Nov 2023 22:13:20 GMT", [2023, 11, 14, 22, 13, 20]),
        ("Tuesday, 14-Nov-23 22:13:20 GMT", [2023, 11, 14, 22, 13, 20]),
        ("Tue Nov 14 22:13:20 2023", [2023, 11, 14, 22, 13, 20]),
        ("Tue, 14 November 2023 22:13 GMT", [2023, 11, 14, 22, 13, 0]),
        ("Tue, 14 Nov 99 22.13.20 GMT", [1999, 11, 14, 22, 13, 20]),
        ("Tue, 14 Nov 2023 22:13:20+0500", [2023, 11, 14, 22, 13, 20]),
        ("Tue, 14 Nov 2023 99:99:99 GMT", [2023, 11, 14, 99, 99, 99]),
    ])
    func datesReadAsPythonsParsedate(_ text: String, _ fields: [Int]) {
        #expect(PythonDateParsing.parse(text)?.values == fields, "\(text)")
    }

    @Test(arguments: ["", "   ", "yesterday", "Tue, 14 Foo 2023 22:13:20 GMT", "Tue, 14 Nov 2023", "Tue, 14 Nov 2023 22 GMT"])
    func unreadableDatesAreNone(_ text: String) {
        #expect(PythonDateParsing.parse(text) == nil, "\(text)")
    }

    @Test func theETagIsStarlettesMD5OfMtimeAndSize() {
        // Python: hashlib.md5(b"1700000000.0-21").hexdigest()
        let validators = FileValidators(size: 21, modificationSeconds: 1_700_000_000, modificationNanoseconds: 0)
        #expect(validators.etag == "\"4156fb25333f473549e01d09bd9258ae\"")
        #expect(validators.lastModified == "Tue, 14 Nov 2023 22:13:20 GMT")
        // `datetime` rounds to the microsecond before `formatdate` drops the fraction.
        #expect(FileValidators.wholeSeconds(1_700_000_000.999_999_7) == 1_700_000_001)
        #expect(FileValidators.wholeSeconds(1_700_000_000.999_999) == 1_700_000_000)
    }
}
