/// Dates in the IMF-fixdate form HTTP uses (`Wed, 21 Oct 2015 07:28:00 GMT`, RFC 9110 §5.6.7), as Python's
/// `email.utils.format_datetime(..., usegmt=True)` writes them: the `date` header, `last-modified`, a cookie's
/// `expires`.
package enum HTTPDate {
    private static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Formats a moment given in whole seconds since 1970-01-01T00:00:00Z. The format has a four-digit year, so a
    /// moment outside years 1 to 9999 is written as the nearest end of that range.
    package static func format(secondsSince1970 seconds: Int) -> String {
        let range = CivilCalendar.writableSeconds
        let (days, secondOfDay) = CivilCalendar.daysAndSecondOfDay(min(max(seconds, range.lowerBound), range.upperBound))
        let (year, month, day) = CivilCalendar.civilFromDays(days)
        var output: [UInt8] = []
        output.reserveCapacity(29)
        output += Self.weekdays[((days % 7) + 7) % 7].utf8
        output += ", ".utf8
        CivilCalendar.appendDigits(day, width: 2, to: &output)
        output += " \(Self.months[month - 1]) ".utf8
        CivilCalendar.appendDigits(year, width: 4, to: &output)
        output.append(UInt8(ascii: " "))
        CivilCalendar.appendTime(secondOfDay: secondOfDay, to: &output)
        output += " GMT".utf8
        return String(decoding: output, as: UTF8.self)
    }

    /// Formats a moment given as a time interval since 1970 (a `Date`'s `timeIntervalSince1970`), rounded down to
    /// the second; outside years 1 to 9999 it is written as the nearest end of that range, and NaN as the start of
    /// year 1 (so a cookie with a meaningless expiry has expired).
    package static func format(timeIntervalSince1970 interval: Double) -> String {
        let range = CivilCalendar.writableSeconds
        // Clamped while still a `Double`, so the conversion to `Int` cannot trap.
        let clamped = interval.isNaN ? Double(range.lowerBound) : min(max(interval, Double(range.lowerBound)), Double(range.upperBound))
        return Self.format(secondsSince1970: Int(clamped.rounded(.down)))
    }
}
