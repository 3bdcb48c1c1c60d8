/// Pydantic's lax parsing of numbers and booleans from strings (query values, form fields, and strings in
/// JSON bodies, which FastAPI validates in Python mode).
enum LaxNumberParsing {
    /// Python's `str.strip()` for the whitespace that can occur in these inputs.
    static func trimmed(_ text: Substring) -> Substring {
        var text = text
        while let first = text.unicodeScalars.first, first.properties.isWhitespace { text = text.dropFirst() }
        while let last = text.unicodeScalars.last, last.properties.isWhitespace { text = text.dropLast() }
        return text
    }

    enum IntegerResult<T> {
        case value(T)
        /// Integral but outside the type's range.
        case outOfRange(negative: Bool)
        case invalid
    }

    /// `"5"`, `" 5 "`, `"+5"`, `"-0"`, `"5_000"`, `"5.0"` (a zero fraction is allowed) parse; `"5.5"`, `"1e3"`,
    /// `"0x10"` and `""` do not.
    static func integer<T: FixedWidthInteger>(_ text: Substring, as type: T.Type) -> IntegerResult<T> {
        var utf8 = trimmed(text).utf8
        var negative = false
        if let first = utf8.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            negative = first == UInt8(ascii: "-")
            utf8 = utf8.dropFirst()
        }
        if let point = utf8.firstIndex(of: UInt8(ascii: ".")) {
            let fraction = utf8[utf8.index(after: point)...]
            guard fraction.allSatisfy({ $0 == UInt8(ascii: "0") }) else { return .invalid }
            utf8 = utf8[..<point]
        }
        guard let first = utf8.first, JSONNumberScanner.isDigit(first), let last = utf8.last, JSONNumberScanner.isDigit(last)
        else { return .invalid }
        var magnitude: T.Magnitude = 0
        var overflow = false
        var previousWasUnderscore = false
        for byte in utf8 {
            if byte == UInt8(ascii: "_") {
                if previousWasUnderscore { return .invalid }
                previousWasUnderscore = true
                continue
            }
            previousWasUnderscore = false
            guard JSONNumberScanner.isDigit(byte) else { return .invalid }
            if overflow { continue }
            let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(T.Magnitude(byte - UInt8(ascii: "0")))
            if o1 || o2 { overflow = true } else { magnitude = sum }
        }
        if overflow { return .outOfRange(negative: negative) }
        return integer(magnitude: magnitude, negative: negative)
    }

    /// Converts a magnitude and sign to `T`, or reports it out of range.
    static func integer<T: FixedWidthInteger>(magnitude: T.Magnitude, negative: Bool) -> IntegerResult<T> {
        if negative {
            if magnitude == 0 { return .value(0) }
            guard T.isSigned else { return .outOfRange(negative: true) }
            if magnitude <= T.max.magnitude { return .value(0 - T(magnitude)) }
            if magnitude == T.max.magnitude + 1 { return .value(T.min) }
            return .outOfRange(negative: true)
        }
        if magnitude <= T.max.magnitude { return .value(T(magnitude)) }
        return .outOfRange(negative: false)
    }

    /// Python's `float(str)`: optional sign, digits with `_` between them, optional fraction and exponent,
    /// or `inf`, `infinity`, `nan` in any case; surrounding whitespace allowed.
    static func double(_ text: Substring) -> Double? {
        let trimmedText = trimmed(text)
        var body = trimmedText
        var negative = false
        if let first = body.first, first == "+" || first == "-" {
            negative = first == "-"
            body = body.dropFirst()
        }
        switch body.lowercased() {
        case "inf", "infinity": return negative ? -.infinity : .infinity
        case "nan": return .nan
        default: break
        }
        var cleaned: [UInt8] = []
        var sawDigit = false
        var sawExponent = false
        var previous: UInt8 = 0
        for byte in body.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): sawDigit = true
            case UInt8(ascii: "_"):
                guard JSONNumberScanner.isDigit(previous) else { return nil }
            case UInt8(ascii: "."): guard !sawExponent else { return nil }
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                guard sawDigit, !sawExponent else { return nil }
                sawExponent = true
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                guard previous == UInt8(ascii: "e") || previous == UInt8(ascii: "E") else { return nil }
            default: return nil
            }
            if previous == UInt8(ascii: "_"), !JSONNumberScanner.isDigit(byte) { return nil }
            if byte != UInt8(ascii: "_") { cleaned.append(byte) }
            previous = byte
        }
        guard sawDigit, previous != UInt8(ascii: "_") else { return nil }
        guard let value = Double(String(decoding: cleaned, as: UTF8.self)) else { return nil }
        return negative ? -value : value
    }

    /// Pydantic's string booleans, case-insensitive, no surrounding whitespace.
    static func bool(_ text: Substring) -> Bool? {
        switch text.lowercased() {
        case "1", "on", "t", "true", "y", "yes": true
        case "0", "off", "f", "false", "n", "no": false
        default: nil
        }
    }
}
