import ApusWireFormats
import Testing

/// The one date formatter and parser: IMF-fixdate for HTTP, ISO 8601 / RFC 3339 for JSON (Pydantic's spelling).
@Suite struct HTTPDateTests {
    @Test(arguments: [
        (0, "Thu, 01 Jan 1970 00:00:00 GMT"), (951_782_400, "Tue, 29 Feb 2000 00:00:00 GMT"),
        (4_107_542_399, "Sun, 28 Feb 2100 23:59:59 GMT"), (1_445_412_480, "Wed, 21 Oct 2015 07:28:00 GMT"),
        (-1, "Wed, 31 Dec 1969 23:59:59 GMT"), (-62_135_596_800, "Mon, 01 Jan 0001 00:00:00 GMT"),
        (253_402_300_799, "Fri, 31 Dec 9999 23:59:59 GMT"), (-2_208_988_800, "Mon, 01 Jan 1900 00:00:00 GMT"),
    ])
    func imfFixdate(seconds: Int, expected: String) {
        #expect(HTTPDate.format(secondsSince1970: seconds) == expected)
    }

    @Test func everyDayOfFourHundredYearsMatchesTheCivilCalendar() {
        // 400 Gregorian years repeat exactly; check weekday and date against an independent day-by-day count.
        var (year, month, day, weekday) = (1970, 1, 1, 4)  // 1970-01-01 was a Thursday (0 = Sunday)
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        for days in 0..<146_097 {
            let pad = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
            let expected = "\(weekdays[weekday]), \(pad(day)) \(months[month - 1]) \(year) 12:34:56 GMT"
            let actual = HTTPDate.format(secondsSince1970: days * 86_400 + 45_296)
            if actual != expected {
                Issue.record("day \(days): \(actual) != \(expected)")
                return
            }
            weekday = (weekday + 1) % 7
            day += 1
            if day > CivilCalendar.daysInMonth(year: year, month: month) {
                day = 1
                month += 1
                if month > 12 {
                    month = 1
                    year += 1
                }
            }
        }
    }

    @Test func momentsOutsideFourDigitYearsAreClampedNotGarbled() {
        #expect(HTTPDate.format(secondsSince1970: .min) == "Mon, 01 Jan 0001 00:00:00 GMT")
        #expect(HTTPDate.format(secondsSince1970: .max) == "Fri, 31 Dec 9999 23:59:59 GMT")
        #expect(HTTPDate.format(timeIntervalSince1970: -1e300) == "Mon, 01 Jan 0001 00:00:00 GMT")
        #expect(HTTPDate.format(timeIntervalSince1970: .infinity) == "Fri, 31 Dec 9999 23:59:59 GMT")
        #expect(HTTPDate.format(timeIntervalSince1970: -.infinity) == "Mon, 01 Jan 0001 00:00:00 GMT")
        #expect(HTTPDate.format(timeIntervalSince1970: .nan) == "Mon, 01 Jan 0001 00:00:00 GMT")
        #expect(HTTPDate.format(timeIntervalSince1970: 0.999) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(HTTPDate.format(timeIntervalSince1970: -0.5) == "Wed, 31 Dec 1969 23:59:59 GMT")
    }
}

@Suite struct DateTimeTextTests {
    static func parse(_ text: String) -> DateTimeText.Outcome { DateTimeText.parse(Array(text.utf8)) }

    @Test(arguments: [
        ("2024-01-02", 1_704_153_600.0), ("2024-01-02 03:04:05", 1_704_164_645.0), ("2024-01-02T03:04", 1_704_164_640.0),
        ("2024-01-02t03:04:05z", 1_704_164_645.0), ("2024-01-02_03:04:05", 1_704_164_645.0),
        ("2024-01-02T03:04:05+01:00", 1_704_161_045.0), ("2024-01-02T03:04:05-0130", 1_704_170_045.0),
        ("2024-01-02T03:04:05.5Z", 1_704_164_645.5), ("2024-01-02T03:04:05,25Z", 1_704_164_645.25),
        ("1700000000", 1_700_000_000.0), ("1700000000000", 1_700_000_000.0), ("-1.5", -1.5),
        ("0001-01-01", -62_135_596_800.0), ("9999-12-31T23:59:59Z", 253_402_300_799.0), ("2000-02-29", 951_782_400.0),
    ])
    func formsThatParse(text: String, seconds: Double) {
        #expect(Self.parse(text) == .parsed(secondsSince1970: seconds))
    }

    @Test(arguments: [
        ("", "input is too short"), ("2024-01", "input is too short"), ("notadate!!", "invalid character in year"),
        ("2024/01/02", "invalid date separator, expected `-`"), ("2024-1x-02", "invalid character in month"),
        ("2024-01-0x", "invalid character in day"), ("2024-13-01", "month value is outside expected range of 1-12"),
        ("2024-00-01", "month value is outside expected range of 1-12"), ("2024-01-00", "day value is outside expected range"),
        ("2023-02-29", "day value is outside expected range"), ("1900-02-29", "day value is outside expected range"),
        ("2024-01-02T25:00:00", "unexpected extra characters at the end of the input"),
        ("2024-01-02T23:60", "unexpected extra characters at the end of the input"),
        ("2024-01-02T23:59:60", "unexpected extra characters at the end of the input"),
        ("2024-01-02T03:04:05+24:00", "unexpected extra characters at the end of the input"),
        ("2024-01-02T03:04:05+01:6", "unexpected extra characters at the end of the input"),
        ("2024-01-02T03:04:05.", "unexpected extra characters at the end of the input"),
        ("2024-01-02T03:04:05Zjunk", "unexpected extra characters at the end of the input"),
        ("2024-01-02T", "unexpected extra characters at the end of the input"),
        ("2024-01-02T0", "unexpected extra characters at the end of the input"),
        ("-", "input is too short"), ("1-2", "input is too short"), ("１２３４-01-02", "invalid character in year"),
    ])
    func garbageGivesSpeedatesReason(text: String, reason: String) {
        #expect(Self.parse(text) == .invalid(reason))
    }

    @Test func rawBytesThatAreNotUTF8AreRejected() {
        #expect(DateTimeText.parse([0xFF, 0xFE] + Array("24-01-02".utf8)) == .invalid("invalid character in year"))
    }

    @Test func aMillionFractionDigitsKeepMicroseconds() {
        let text = "2024-01-02T03:04:05." + String(repeating: "9", count: 1_000_000) + "Z"
        guard case .parsed(let seconds) = Self.parse(text) else {
            Issue.record("did not parse")
            return
        }
        #expect((seconds - 1_704_164_645.999999).magnitude < 1e-6)
        let digits = String(repeating: "1", count: 1_000_000)
        #expect(Self.parse(digits) == .parsed(secondsSince1970: .infinity))  // a number, as speedate reads it
        #expect(Self.parse(digits + "-") == .invalid("invalid date separator, expected `-`"))
        let long = "2024-01-02T03:04:05Z" + String(repeating: "x", count: 1_000_000)
        #expect(Self.parse(long) == .invalid("unexpected extra characters at the end of the input"))
    }

    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00Z"), (1_704_164_645.123, "2024-01-02T03:04:05.123000Z"),
        (-0.000001, "1969-12-31T23:59:59.999999Z"), (-62_135_596_800.0, "0001-01-01T00:00:00Z"),
        (253_402_300_799, "9999-12-31T23:59:59Z"), (951_782_400.5, "2000-02-29T00:00:00.500000Z"),
        (1e-6, "1970-01-01T00:00:00.000001Z"),
    ])
    func writtenAsPydanticWritesAUTCDatetime(seconds: Double, expected: String) {
        #expect(DateTimeText.format(secondsSince1970: seconds) == expected)
        var output: [UInt8] = []
        #expect(DateTimeText.appendJSONString(secondsSince1970: seconds, to: &output))
        #expect(String(decoding: output, as: UTF8.self) == "\"\(expected)\"")
    }

    @Test(arguments: [
        -62_135_596_801, 253_402_300_800, -1e17, 1e300, -70_000_000_000, .infinity, -.infinity, .nan,
    ])
    func timesPythonCannotHoldAreNotWritten(seconds: Double) {
        var output: [UInt8] = Array("x".utf8)
        #expect(!DateTimeText.appendJSONString(secondsSince1970: seconds, to: &output))
        #expect(output == Array("x".utf8))
        #expect(DateTimeText.format(secondsSince1970: seconds) == nil)
    }

    @Test func writingThenReadingRoundTripsToTheMicrosecond() {
        for seconds in stride(from: -62_135_596_800.0, through: 253_402_300_799.0, by: 7_654_321.123457) {
            guard let text = DateTimeText.format(secondsSince1970: seconds),
                case .parsed(let parsed) = Self.parse(text)
            else {
                Issue.record("\(seconds) did not round-trip")
                return
            }
            #expect((parsed - seconds).magnitude < 5e-5, "\(seconds) -> \(text) -> \(parsed)")
        }
    }
}
