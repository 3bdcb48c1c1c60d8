/// Python's `email.utils.parsedate`, which Starlette uses to compare `If-Modified-Since` with `Last-Modified`:
/// a lenient reader of RFC 5322, RFC 850 and asctime dates that returns the fields as written (the time zone is
/// dropped, nothing is range-checked), compared field by field as a tuple.
///
/// Ported rule for rule so that the same header gives the same 304 decision as Starlette's, however odd it is.
enum PythonDateParsing {
    /// Year, month, day, hour, minute, second: the part of Python's 9-tuple that can differ between two dates.
    struct Fields: Comparable {
        var values: [Int]

        static func < (lhs: Fields, rhs: Fields) -> Bool {
            lhs.values.lexicographicallyPrecedes(rhs.values)
        }
    }

    private static let monthNames: [[UInt8]] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december",
    ].map { Array($0.utf8) }
    private static let dayNames: [[UInt8]] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map { Array($0.utf8) }

    /// The fields of `text`, or `nil` where Python's `parsedate` returns `None`.
    static func parse(_ text: String) -> Fields? {
        var data = PythonHeaderText.splitOnWhitespace(Array(text.utf8)[...])
        guard !data.isEmpty else { return nil }
        let comma = UInt8(ascii: ",")
        // A day name (or anything ending in a comma) first is skipped; otherwise text up to a comma in it is.
        if data[0].last == comma || Self.dayNames.contains(PythonHeaderText.lower(data[0])) {
            data.removeFirst()
        } else if let index = data[0].lastIndex(of: comma) {
            data[0] = data[0][data[0].index(after: index)...]
        }
        if data.count == 3 {
            // RFC 850: `14-Nov-23`.
            let stuff = PythonHeaderText.split(data[0], on: UInt8(ascii: "-"))
            if stuff.count == 3 { data = stuff + data[1...] }
        }
        if data.count == 4 {
            let zoneCandidate = data[3]
            let sign = zoneCandidate.firstIndex(of: UInt8(ascii: "+")) ?? zoneCandidate.firstIndex(of: UInt8(ascii: "-"))
            if let sign, sign > zoneCandidate.startIndex {
                data[3...] = [zoneCandidate[..<sign], zoneCandidate[sign...]]
            } else {
                data.append([][...])
            }
        }
        guard data.count >= 5 else { return nil }
        var (day, month, year, time, zone) = (data[0], data[1], data[2], data[3], data[4])
        guard !day.isEmpty, !month.isEmpty, !year.isEmpty else { return nil }
        var monthIndex = Self.monthNames.firstIndex(of: PythonHeaderText.lower(month))
        if monthIndex == nil {
            (day, month) = (month, day)
            monthIndex = Self.monthNames.firstIndex(of: PythonHeaderText.lower(month))
        }
        guard var monthNumber = monthIndex.map({ $0 + 1 }) else { return nil }
        if monthNumber > 12 { monthNumber -= 12 }
        if day.last == comma { day = day.dropLast() }
        if let colon = year.firstIndex(of: UInt8(ascii: ":")), colon > year.startIndex {
            (year, time) = (time, year)
        }
        if year.last == comma {
            year = year.dropLast()
            if year.isEmpty { return nil }
        }
        if let first = year.first, !PythonHeaderText.isDigitCharacter(first) {
            (year, zone) = (zone, year)
        }
        _ = zone
        if time.last == comma { time = time.dropLast() }
        guard let (hour, minute, second) = Self.timeParts(time) else { return nil }
        var secondValue = 0
        if let second {
            guard let value = PythonHeaderText.int(second) else { return nil }
            secondValue = value
        }
        guard var yearValue = PythonHeaderText.int(year), let dayValue = PythonHeaderText.int(day),
            let hourValue = PythonHeaderText.int(hour), let minuteValue = PythonHeaderText.int(minute)
        else { return nil }
        if yearValue < 100 {
            yearValue += yearValue > 68 ? 1900 : 2000
        }
        return Fields(values: [yearValue, monthNumber, dayValue, hourValue, minuteValue, secondValue])
    }

    /// `hh:mm`, `hh:mm:ss`, or the same with dots; a missing second is 0 (`nil` here).
    private static func timeParts(
        _ time: ArraySlice<UInt8>
    ) -> (ArraySlice<UInt8>, ArraySlice<UInt8>, ArraySlice<UInt8>?)? {
        var parts = PythonHeaderText.split(time, on: UInt8(ascii: ":"))
        if parts.count == 1, time.contains(UInt8(ascii: ".")) {
            parts = PythonHeaderText.split(time, on: UInt8(ascii: "."))
        } else if parts.count != 2 && parts.count != 3 {
            return nil
        }
        switch parts.count {
        case 2: return (parts[0], parts[1], nil)
        case 3: return (parts[0], parts[1], parts[2])
        default: return nil
        }
    }
}
