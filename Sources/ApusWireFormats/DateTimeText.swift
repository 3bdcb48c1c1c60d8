/// ISO 8601 / RFC 3339 date-times read as Pydantic reads them (the Rust `speedate` crate) and written as Pydantic's
/// typed output writes them; times are seconds since 1970-01-01T00:00:00Z (a `Date`'s `timeIntervalSince1970`).
///
/// Accepted: `YYYY-MM-DD`, optionally followed by `T`, `t`, `_` or a space and `HH:MM[:SS[.ffffff…]]`
/// and `Z`/`z`/`±HH[:]MM`; or a Unix timestamp (seconds, or milliseconds above 2×10¹⁰) as a number or
/// numeric string. A value without an offset (Python's naive datetime) is taken as UTC, since `Date` is an
/// instant. On failure the message is the one speedate gives for the *date* part, which is what Pydantic
/// reports (`datetime_from_date_parsing`).
package enum DateTimeText {
    /// What ``parse(_:)`` made of a text.
    package enum Outcome: Equatable, Sendable {
        /// Seconds since 1970-01-01T00:00:00Z.
        case parsed(secondsSince1970: Double)
        /// speedate's reason.
        case invalid(String)

        /// The reason when parsing failed.
        package var failure: String? {
            if case .invalid(let reason) = self { return reason }
            return nil
        }
    }

    /// Reads UTF-8 text as a date-time or a Unix timestamp.
    package static func parse(_ bytes: [UInt8]) -> Outcome {
        if let timestamp = Self.numericTimestamp(bytes) { return .parsed(secondsSince1970: Self.seconds(fromTimestamp: timestamp)) }
        if let seconds = Self.parseDateTime(bytes) { return .parsed(secondsSince1970: seconds) }
        return .invalid(Self.dateProblem(bytes) ?? "unexpected extra characters at the end of the input")
    }

    /// Seconds from a Unix timestamp as speedate reads one: milliseconds when larger than 2×10¹⁰.
    package static func seconds(fromTimestamp value: Double) -> Double {
        value.magnitude > 2e10 ? value / 1000 : value
    }

    /// speedate's reason why the first ten bytes are not a `YYYY-MM-DD` date (or why there is more), in its order
    /// of checks; `nil` for a valid date of exactly ten bytes.
    package static func dateProblem(_ bytes: [UInt8]) -> String? {
        guard bytes.count >= 10 else { return "input is too short" }
        guard let year = Self.digits(bytes, 0, 4) else { return "invalid character in year" }
        guard bytes[4] == UInt8(ascii: "-") else { return "invalid date separator, expected `-`" }
        guard let month = Self.digits(bytes, 5, 2) else { return "invalid character in month" }
        guard bytes[7] == UInt8(ascii: "-") else { return "invalid date separator, expected `-`" }
        guard let day = Self.digits(bytes, 8, 2) else { return "invalid character in day" }
        guard (1...12).contains(month) else { return "month value is outside expected range of 1-12" }
        guard day >= 1, day <= CivilCalendar.daysInMonth(year: year, month: month) else {
            return "day value is outside expected range"
        }
        return bytes.count > 10 ? "unexpected extra characters at the end of the input" : nil
    }

    /// The quoted JSON string of a time, as Pydantic writes an aware UTC datetime: `"2024-01-02T03:04:05Z"`, or
    /// with `.123000` when there are microseconds. A time outside years 1 to 9999 (which Python's `datetime`
    /// cannot hold) or not finite writes nothing and returns `false`.
    package static func appendJSONString(secondsSince1970 seconds: Double, to output: inout [UInt8]) -> Bool {
        let totalMicroseconds = (seconds * 1_000_000).rounded()
        let range = CivilCalendar.writableSeconds
        guard totalMicroseconds.isFinite, totalMicroseconds >= Double(range.lowerBound) * 1_000_000,
            totalMicroseconds < Double(range.upperBound + 1) * 1_000_000
        else { return false }
        let micros = Int(totalMicroseconds)
        let wholeSeconds = micros >= 0 ? micros / 1_000_000 : (micros - 999_999) / 1_000_000
        let microseconds = micros - wholeSeconds * 1_000_000
        let (days, secondOfDay) = CivilCalendar.daysAndSecondOfDay(wholeSeconds)
        let (year, month, day) = CivilCalendar.civilFromDays(days)
        output.append(UInt8(ascii: "\""))
        CivilCalendar.appendDigits(year, width: 4, to: &output)
        output.append(UInt8(ascii: "-"))
        CivilCalendar.appendDigits(month, width: 2, to: &output)
        output.append(UInt8(ascii: "-"))
        CivilCalendar.appendDigits(day, width: 2, to: &output)
        output.append(UInt8(ascii: "T"))
        CivilCalendar.appendTime(secondOfDay: secondOfDay, to: &output)
        if microseconds != 0 {
            output.append(UInt8(ascii: "."))
            CivilCalendar.appendDigits(microseconds, width: 6, to: &output)
        }
        output += "Z\"".utf8
        return true
    }

    /// The text of ``appendJSONString(secondsSince1970:to:)`` without its quotes, or `nil` out of range.
    package static func format(secondsSince1970 seconds: Double) -> String? {
        var output: [UInt8] = []
        guard Self.appendJSONString(secondsSince1970: seconds, to: &output) else { return nil }
        return String(decoding: output.dropFirst().dropLast(), as: UTF8.self)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// The decimal value of `count` digits at `start`, or `nil` if they run past the end or one is not a digit.
    private static func digits(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int? {
        guard start + count <= bytes.count else { return nil }
        var value = 0
        for index in start..<(start + count) {
            guard Self.isDigit(bytes[index]) else { return nil }
            value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
        }
        return value
    }

    private static func numericTimestamp(_ bytes: [UInt8]) -> Double? {
        guard !bytes.isEmpty, bytes.allSatisfy({ Self.isDigit($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") })
        else { return nil }
        return Double(String(decoding: bytes, as: UTF8.self))
    }

    private static func parseDateTime(_ bytes: [UInt8]) -> Double? {
        guard bytes.count >= 10, Self.dateProblem(Array(bytes[0..<10])) == nil,
            // Only nil for a malformed date, which `dateProblem` excluded.
            let year = Self.digits(bytes, 0, 4), let month = Self.digits(bytes, 5, 2), let day = Self.digits(bytes, 8, 2)
        else { return nil }
        var seconds = Double(CivilCalendar.daysFromCivil(year: year, month: month, day: day) * 86_400)
        if bytes.count == 10 { return seconds }
        guard [UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " "), UInt8(ascii: "_")].contains(bytes[10]),
            let hour = Self.digits(bytes, 11, 2), hour < 24, bytes.count > 13, bytes[13] == UInt8(ascii: ":"),
            let minute = Self.digits(bytes, 14, 2), minute < 60
        else { return nil }
        var index = 16
        var second = 0
        var fraction = 0.0
        if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
            guard let parsed = Self.digits(bytes, index + 1, 2), parsed < 60 else { return nil }
            second = parsed
            index += 3
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ",") {
                index += 1
                var scale = 0.1
                let fractionStart = index
                while index < bytes.count, Self.isDigit(bytes[index]) {
                    // Python keeps microseconds: digits after the sixth are dropped, not rounded.
                    if index - fractionStart < 6 { fraction += Double(bytes[index] - UInt8(ascii: "0")) * scale }
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
                guard let offsetHours = Self.digits(bytes, index + 1, 2), offsetHours < 24 else { return nil }
                index += 3
                if index < bytes.count, bytes[index] == UInt8(ascii: ":") { index += 1 }
                guard let offsetMinutes = Self.digits(bytes, index, 2), offsetMinutes < 60 else { return nil }
                index += 2
                seconds -= Double(sign * (offsetHours * 3600 + offsetMinutes * 60))
            default: return nil
            }
        }
        guard index == bytes.count else { return nil }
        return seconds + (fraction * 1_000_000).rounded() / 1_000_000
    }
}
