import ApusWireFormats

/// A calendar date without a time (Python's `datetime.date`): `YYYY-MM-DD`.
///
/// Failures are `date_from_datetime_parsing` with speedate's reason, as Pydantic reports them
/// (`month value is outside expected range of 1-12`).
public struct CalendarDate: SchemaValue, Hashable, Comparable, CustomStringConvertible {
    /// The year.
    public var year: Int
    /// The month, 1...12.
    public var month: Int
    /// The day of the month.
    public var day: Int

    /// A date; the caller guarantees the components are valid.
    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }

    /// Orders by year, month, day.
    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// `YYYY-MM-DD` text; `date_from_datetime_parsing` on bad text, `date_type` for other JSON values.
    public static func decode(from decoder: inout ValidatingDecoder) throws(JSONSyntaxError) -> CalendarDate? {
        let start = decoder.reader.position
        switch decoder.reader.peek() {
        case .string:
            let text = try decoder.reader.readString()
            let bytes = Array(text.utf8)
            if let reason = DateTimeText.dateProblem(bytes) {
                decoder.record(
                    ValidationFailure(
                        type: "date_from_datetime_parsing", message: "Input should be a valid date or datetime, \(reason)",
                        context: ["error": .string(reason)]), inputAt: start)
                return nil
            }
            func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + Int(bytes[$1] - 48) } }
            return CalendarDate(year: number(0..<4), month: number(5..<7), day: number(8..<10))
        case .invalid: throw JSONSyntaxError()
        default:
            try decoder.rejectValue(ValidationFailure(type: "date_type", message: "Input should be a valid date"))
            return nil
        }
    }

    /// `"YYYY-MM-DD"`.
    public func encode(to writer: inout JSONWriter) { writer.writeString(description) }
    /// `{"type":"string","format":"date"}`.
    public static func jsonSchema(in generator: inout JSONSchemaGenerator) -> JSONObject { ["type": "string", "format": "date"] }
}
