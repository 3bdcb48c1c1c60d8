import Foundation

/// Parses ISO 8601 / RFC 3339 date-times as Pydantic does (the Rust `speedate` crate) and writes them as
/// Pydantic's typed output does.
///
/// Accepted: `YYYY-MM-DD`, optionally followed by `T`, `t`, `_` or a space and `HH:MM[:SS[.ffffff…]]`
/// and `Z`/`z`/`±HH[:]MM`; or a Unix timestamp (seconds, or milliseconds above 2×10¹⁰) as a number or
/// numeric string. A value without an offset (Python's naive datetime) is taken as UTC, since `Date` is an
/// instant. On failure the message is the one speedate gives for the *date* part, which is what Pydantic
/// reports (`datetime_from_date_parsing`).
enum DateTimeText {
    static func parse(_ text: Substring) -> TextParseOutcome<Date> {
        let bytes = Array(text.utf8)
        if let timestamp = numericTimestamp(bytes) { return .parsed(fromTimestamp(timestamp)) }
        if let date = parseDateTime(bytes) { return .parsed(date) }
        return .invalid(dateProblem(bytes) ?? "unexpected extra characters at the end of the input")
    }

    /// A date from a Unix timestamp as speedate reads one: milliseconds when larger than 2×10¹⁰.
    static func fromTimestamp(_ value: Double) -> Date {
        Date(timeIntervalSince1970: value.magnitude > 2e10 ? value / 1000 : value)
    }

    static func numericTimestamp(_ bytes: [UInt8]) -> Double? {
        guard !bytes.isEmpty, bytes.allSatisfy({ JSONNumberScanner.isDigit($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") })
        else { return nil }
        return Double(String(decoding: bytes, as: UTF8.self))
    }

    /// speedate's date errors, in its order of checks.
    static func dateProblem(_ bytes: [UInt8]) -> String? {
        guard bytes.count >= 10 else { return "input is too short" }
        func digits(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                guard JSONNumberScanner.isDigit(bytes[index]) else { return nil }
                value = value * 10 + Int(bytes[index] - 48)
            }
            return value
        }
        guard let year = digits(0..<4) else { return "invalid character in year" }
        guard bytes[4] == UInt8(ascii: "-") else { return "invalid date separator, expected `-`" }
        guard let month = digits(5..<7) else { return "invalid character in month" }
        guard bytes[7] == UInt8(ascii: "-") else { return "invalid date separator, expected `-`" }
        guard let day = digits(8..<10) else { return "invalid character in day" }
        guard (1...12).contains(month) else { return "month value is outside expected range of 1-12" }
        guard day >= 1, day <= daysInMonth(year: year, month: month) else { return "day value is outside expected range" }
        return bytes.count > 10 ? "unexpected extra characters at the end of the input" : nil
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func parseDateTime(_ bytes: [UInt8]) -> Date? {
        guard bytes.count >= 10, dateProblem(Array(bytes[0..<10])) == nil else { return nil }
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            var value = 0
            for index in start..<(start + count) {
                guard JSONNumberScanner.isDigit(bytes[index]) else { return nil }
                value = value * 10 + Int(bytes[index] - 48)
            }
            return value
        }
        // `number` only returns nil for a malformed date, which `dateProblem` excluded above.
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2) else { return nil }
        var seconds = Double(daysFromCivil(year: year, month: month, day: day) * 86_400)
        if bytes.count == 10 { return Date(timeIntervalSince1970: seconds) }
        guard [UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " "), UInt8(ascii: "_")].contains(bytes[10]),
            let hour = number(11, 2), hour < 24, bytes.count > 13, bytes[13] == UInt8(ascii: ":"),
            let minute = number(14, 2), minute < 60
        else { return nil }
        var index = 16
        var second = 0
        var fraction = 0.0
        if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
            guard let parsed = number(index + 1, 2), parsed < 60 else { return nil }
            second = parsed
            index += 3
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ",") {
                index += 1
                var scale = 0.1
                let fractionStart = index
                while index < bytes.count, JSONNumberScanner.isDigit(bytes[index]) {
                    // Python keeps microseconds: digits after the sixth are dropped, not rounded.
                    if index - fractionStart < 6 { fraction += Double(bytes[index] - 48) * scale }
                    scale /= 10
                    index += 1
                }
                guard index > fractionStart else { return nil }
            }
        }
        seconds += Double(hour * 3600 + minute * 60 + second)
        if index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "Z"), UInt8(ascii: "z"):
                index += 1
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
                guard let offsetHours = number(index + 1, 2), offsetHours < 24 else { return nil }
                index += 3
                if index < bytes.count, bytes[index] == UInt8(ascii: ":") { index += 1 }
                guard let offsetMinutes = number(index, 2), offsetMinutes < 60 else { return nil }
                index += 2
                seconds -= Double(sign * (offsetHours * 3600 + offsetMinutes * 60))
            default: return nil
            }
        }
        guard index == bytes.count else { return nil }
        return Date(timeIntervalSince1970: seconds + (fraction * 1_000_000).rounded() / 1_000_000)
    }

    /// Howard Hinnant's `days_from_civil`: days since 1970-01-01 in the proleptic Gregorian calendar.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The inverse of ``daysFromCivil(year:month:day:)``.
    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Pydantic's typed output for an aware UTC datetime: `2024-01-02T03:04:05Z`, or with `.123000` when
    /// there are microseconds.
    static func write(_ date: Date, to writer: inout JSONWriter) {
        let totalMicroseconds = (date.timeIntervalSince1970 * 1_000_000).rounded()
        guard totalMicroseconds.isFinite, totalMicroseconds.magnitude < 1e17 else {
            writer.writeNull()
            return
        }
        let micros = Int(totalMicroseconds)
        let (seconds, microseconds) = micros.quotientAndRemainder(dividingBy: 1_000_000)
        let adjustedSeconds = microseconds < 0 ? seconds - 1 : seconds
        let fraction = microseconds < 0 ? microseconds + 1_000_000 : microseconds
        let (days, secondOfDay) = adjustedSeconds.quotientAndRemainder(dividingBy: 86_400)
        let adjustedDays = secondOfDay < 0 ? days - 1 : days
        let daySecond = secondOfDay < 0 ? secondOfDay + 86_400 : secondOfDay
        let (year, month, day) = civilFromDays(adjustedDays)
        var text: [UInt8] = [UInt8(ascii: "\"")]
        func append(_ value: Int, width: Int) {
            var digits = [UInt8](repeating: UInt8(ascii: "0"), count: width)
            var remaining = value
            for position in stride(from: width - 1, through: 0, by: -1) {
                digits[position] = UInt8(remaining % 10) + 48
                remaining /= 10
            }
            text.append(contentsOf: digits)
        }
        append(year, width: 4)
        text.append(UInt8(ascii: "-"))
        append(month, width: 2)
        text.append(UInt8(ascii: "-"))
        append(day, width: 2)
        text.append(UInt8(ascii: "T"))
        append(daySecond / 3600, width: 2)
        text.append(UInt8(ascii: ":"))
        append(daySecond / 60 % 60, width: 2)
        text.append(UInt8(ascii: ":"))
        append(daySecond % 60, width: 2)
        if fraction != 0 {
            text.append(UInt8(ascii: "."))
            append(fraction, width: 6)
        }
        text.append(contentsOf: "Z\"".utf8)
        writer.writeRaw(text)
    }
}


extension Date: SchemaValue {
    /// ISO 8601 text or a Unix timestamp (see `DateTimeText`); `datetime_from_date_parsing` on bad text,
    /// `datetime_type` for other JSON values.
    public static func decode(from decoder: inout ValidatingDecoder) throws(JSONSyntaxError) -> Date? {
        let start = decoder.reader.position
        switch decoder.reader.peek() {
        case .string:
            let text = try decoder.reader.readString()
            switch DateTimeText.parse(Substring(text)) {
            case .parsed(let date): return date
            case .invalid(let message):
                decoder.record(.datetimeParsing(message), inputAt: start)
                return nil
            }
        case .number:
            let token = try decoder.reader.readNumberToken()
            return DateTimeText.fromTimestamp(token.doubleValue(in: decoder.reader.bytes))
        case .invalid: throw JSONSyntaxError()
        default:
            try decoder.rejectValue(.datetimeType)
            return nil
        }
    }

    /// `2024-01-02T03:04:05Z` / `2024-01-02T03:04:05.123000Z`.
    public func encode(to writer: inout JSONWriter) { DateTimeText.write(self, to: &writer) }
    /// `{"type":"string","format":"date-time"}`.
    public static func jsonSchema(in generator: inout JSONSchemaGenerator) -> JSONObject {
        ["type": "string", "format": "date-time"]
    }
}
