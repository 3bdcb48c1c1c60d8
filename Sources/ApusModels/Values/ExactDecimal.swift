public import Foundation
import ApusWireFormats

/// A decimal number that keeps the digits it was written with, as Python's `decimal.Decimal` (and so Pydantic)
/// does: `"1.10"` is read and written back as `"1.10"`, `"1e3"` as `"1E+3"`, and a 50-digit amount keeps its 50 digits.
///
/// Foundation's `Decimal` drops trailing zeros (`1.10` becomes `1.1`) and holds at most 38 digits; use this type for a
/// field whose digits carry meaning (amounts, measurements), and ``decimal`` for arithmetic. Equality, hashing and
/// order are numeric, as in Python (`1.10 == 1.1`).
///
/// A value is a sign, a coefficient and an exponent: `1.10` is 110 × 10⁻². Reading and writing cost time linear in
/// the number of digits; the exponent is never expanded into zeros. `ExactDecimal("1.10")` with a literal is the
/// string-literal initializer (an invalid literal traps); with a `String` value it is the failable `init?(_:)`.
public struct ExactDecimal: Sendable {
    /// Whether the sign is minus; `-0` keeps it, as in Python.
    public let isNegative: Bool
    /// The coefficient's ASCII digits, without leading zeros (`"0"` for zero).
    let digits: [UInt8]
    /// The power of ten the coefficient is multiplied by.
    public let exponent: Int

    /// The largest exponent accepted, Python's `MAX_EMAX`; a larger one is not a valid decimal there either.
    static let exponentLimit = 999_999_999_999_999_999

    init(isNegative: Bool, digits: [UInt8], exponent: Int) {
        self.isNegative = isNegative
        self.digits = digits
        self.exponent = exponent
    }

    /// The coefficient's decimal digits (`"110"` for `1.10`).
    public var coefficient: String { String(decoding: digits, as: UTF8.self) }

    /// Whether the value is zero (`0`, `-0.00`, `0E+3`).
    public var isZero: Bool { digits == [UInt8(ascii: "0")] }

    /// Python's `Decimal(text)` for a finite value: optional surrounding whitespace and sign, digits with an optional
    /// point, an optional exponent (`"1.10"`, `" -.5 "`, `"1e-3"`, `"1_000"`). `nil` for anything else, including
    /// `"NaN"` and `"Infinity"`.
    public init?(_ text: some StringProtocol) {
        guard case .finite(let value) = Self.parse(Substring(text)) else { return nil }
        self = value
    }

    /// What a string is as a Python `Decimal`.
    enum Parsed {
        case finite(ExactDecimal)
        /// `NaN`, `sNaN` or an infinity: Pydantic's `finite_number`.
        case nonFinite
        /// Not a decimal: `decimal_parsing`.
        case invalid
    }

    /// Python's `Decimal(str)`, as CPython's `decimal` module reads a string: surrounding whitespace stripped, every
    /// `_` dropped (`"1_000"`, even `"_1"`), digits of any script read as their ASCII digit (`"١٢٣"` is 123), then
    /// the grammar `[sign] (digits [. [digits]] | . digits) [(e|E) [sign] digits]` or an infinity or NaN. Linear in the
    /// length of the text.
    static func parse(_ text: Substring) -> Parsed {
        guard let bytes = asciiForm(of: LaxNumberParsing.trimmed(text)) else { return .invalid }
        var index = 0
        var isNegative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            isNegative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        if index < bytes.count, !JSONNumberScanner.isDigit(bytes[index]), bytes[index] != UInt8(ascii: ".") {
            return isNonFinite(bytes[index...]) ? .nonFinite : .invalid
        }
        var coefficient: [UInt8] = []
        coefficient.reserveCapacity(bytes.count - index)
        var sawDigit = false
        var fractionDigits = 0
        var seenPoint = false
        while index < bytes.count {
            let byte = bytes[index]
            if JSONNumberScanner.isDigit(byte) {
                sawDigit = true
                // Leading zeros are no digits of the coefficient; after the point they still count as places.
                if !coefficient.isEmpty || byte != UInt8(ascii: "0") { coefficient.append(byte) }
                if seenPoint { fractionDigits += 1 }
            } else if byte == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else {
                break
            }
            index += 1
        }
        guard sawDigit else { return .invalid }
        if coefficient.isEmpty { coefficient = [UInt8(ascii: "0")] }
        var exponent = 0
        if index < bytes.count {
            guard bytes[index] | 0x20 == UInt8(ascii: "e") else { return .invalid }
            index += 1
            var exponentNegative = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            guard index < bytes.count else { return .invalid }
            while index < bytes.count {
                let byte = bytes[index]
                guard JSONNumberScanner.isDigit(byte) else { return .invalid }
                let digit = Int(byte &- UInt8(ascii: "0"))
                guard exponent <= (exponentLimit - digit) / 10 else { return .invalid }
                exponent = exponent * 10 + digit
                index += 1
            }
            if exponentNegative { exponent = -exponent }
        }
        return .finite(ExactDecimal(isNegative: isNegative, digits: coefficient, exponent: exponent - fractionDigits))
    }

    /// The text as ASCII without `_`, other scripts' decimal digits mapped to ASCII; `nil` if another non-ASCII
    /// character remains (CPython's `numeric_as_ascii`).
    private static func asciiForm(of text: Substring) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        guard text.utf8.contains(where: { $0 >= 0x80 }) else {
            for byte in text.utf8 where byte != UInt8(ascii: "_") { bytes.append(byte) }
            return bytes
        }
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                if scalar != "_" { bytes.append(UInt8(scalar.value)) }
            } else if scalar.properties.numericType == .decimal, let value = scalar.properties.numericValue {
                bytes.append(UInt8(ascii: "0") + UInt8(value))
            } else {
                return nil
            }
        }
        return bytes
    }

    /// `Infinity`, `Inf`, `NaN` and `sNaN` (either with a diagnostic payload of digits), in any case.
    private static func isNonFinite(_ bytes: ArraySlice<UInt8>) -> Bool {
        let lowered = String(decoding: bytes, as: UTF8.self).lowercased()
        if lowered == "inf" || lowered == "infinity" { return true }
        for prefix in ["nan", "snan"] where lowered.hasPrefix(prefix) {
            return lowered.utf8.dropFirst(prefix.utf8.count).allSatisfy(JSONNumberScanner.isDigit)
        }
        return false
    }
}

extension ExactDecimal {
    /// The decimal Python makes of a float, `Decimal(str(value))`: the shortest digits that round-trip, so `0.1` is
    /// `0.1` and `5.0` is `5.0` (what Pydantic makes of a JSON number with a fraction or an exponent, which
    /// `json.loads` reads as a float first). `nil` for infinities and NaN.
    public init?(_ value: Double) {
        guard value.isFinite else { return nil }
        var text: [UInt8] = []
        PythonNumberText.appendPythonRepr(value, to: &text)
        guard case .finite(let decimal) = Self.parse(Substring(String(decoding: text, as: UTF8.self))) else { return nil }
        self = decimal
    }

    /// The integer, exactly.
    public init(_ value: Int) {
        self.init(isNegative: value < 0, digits: Array(String(value.magnitude).utf8), exponent: 0)
    }

    /// Foundation's `Decimal`, exactly (it keeps no trailing zeros, so neither does the result); `nil` for NaN.
    public init?(_ value: Decimal) {
        guard case .finite(let decimal) = Self.parse(Substring(value.description)) else { return nil }
        self = decimal
    }

    /// The same number as Foundation's `Decimal`, or `nil` when it does not fit: more than 38 significant digits, or
    /// an exponent past Foundation's range. Trailing zeros are dropped.
    public var decimal: Decimal? {
        if isZero { return Decimal(0) }
        let significant = digits.lastIndex { $0 != UInt8(ascii: "0") }.map { $0 + 1 } ?? digits.count
        let scale = exponent + (digits.count - significant)
        guard significant <= Self.foundationDigits, scale >= -128, scale <= 127,
            let coefficient = Decimal(string: String(decoding: digits[..<significant], as: UTF8.self), locale: Self.posix)
        else { return nil }
        let value = Decimal(sign: isNegative ? .minus : .plus, exponent: scale, significand: coefficient)
        return value.isNaN ? nil : value
    }

    /// The significant digits Foundation's `Decimal` always holds exactly (its coefficient is 128 bits).
    static let foundationDigits = 38
    static let posix = Locale(identifier: "en_US_POSIX")
}

extension ExactDecimal: CustomStringConvertible {
    /// Python's `str(Decimal)`: positional when the exponent is at most 0 and the number is not below 10⁻⁶
    /// (`1.10`, `0.000001`, `-0`), scientific otherwise (`1E+3`, `1E-7`, `1.5E+20`).
    public var description: String { String(decoding: text, as: UTF8.self) }

    /// ``description`` as UTF-8 bytes.
    var text: [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(digits.count + 8)
        if isNegative { output.append(UInt8(ascii: "-")) }
        let leftDigits = exponent + digits.count
        let pointPlace = exponent <= 0 && leftDigits > -6 ? leftDigits : 1
        if pointPlace <= 0 {
            output.append(contentsOf: "0.".utf8)
            output.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: -pointPlace))
            output.append(contentsOf: digits)
        } else if pointPlace >= digits.count {
            output.append(contentsOf: digits)
            output.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: pointPlace - digits.count))
        } else {
            output.append(contentsOf: digits[..<pointPlace])
            output.append(UInt8(ascii: "."))
            output.append(contentsOf: digits[pointPlace...])
        }
        if leftDigits != pointPlace {
            let shown = leftDigits - pointPlace
            output.append(UInt8(ascii: "E"))
            output.append(shown < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            output.append(contentsOf: String(shown.magnitude).utf8)
        }
        return output
    }
}

extension ExactDecimal: Comparable, Hashable {
    /// Numeric equality: `1.10 == 1.1`, `-0 == 0`.
    public static func == (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool { compare(lhs, rhs) == 0 }

    /// Numeric order.
    public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool { compare(lhs, rhs) < 0 }

    /// Hashes the value without trailing zeros, so that equal numbers hash alike.
    public func hash(into hasher: inout Hasher) {
        guard !isZero else {
            hasher.combine(0)
            return
        }
        let significant = digits.lastIndex { $0 != UInt8(ascii: "0") }.map { $0 + 1 } ?? digits.count
        hasher.combine(isNegative)
        hasher.combine(exponent + digits.count)
        digits[..<significant].withUnsafeBytes { hasher.combine(bytes: $0) }
    }

    /// -1, 0 or 1, in one pass over the digits.
    static func compare(_ lhs: ExactDecimal, _ rhs: ExactDecimal) -> Int {
        switch (lhs.isZero, rhs.isZero) {
        case (true, true): return 0
        case (true, false): return rhs.isNegative ? 1 : -1
        case (false, true): return lhs.isNegative ? -1 : 1
        case (false, false): break
        }
        if lhs.isNegative != rhs.isNegative { return lhs.isNegative ? -1 : 1 }
        let magnitude = compareMagnitudes(lhs, rhs)
        return lhs.isNegative ? -magnitude : magnitude
    }

    /// Compares two non-zero magnitudes: by the place of the leading digit, then digit by digit.
    private static func compareMagnitudes(_ lhs: ExactDecimal, _ rhs: ExactDecimal) -> Int {
        let lhsLead = lhs.exponent + lhs.digits.count
        let rhsLead = rhs.exponent + rhs.digits.count
        if lhsLead != rhsLead { return lhsLead < rhsLead ? -1 : 1 }
        let count = max(lhs.digits.count, rhs.digits.count)
        for index in 0..<count {
            let left = index < lhs.digits.count ? lhs.digits[index] : UInt8(ascii: "0")
            let right = index < rhs.digits.count ? rhs.digits[index] : UInt8(ascii: "0")
            if left != right { return left < right ? -1 : 1 }
        }
        return 0
    }
}

extension ExactDecimal {
    /// Whether `self` divided by `multiple` is an integer, computed exactly (Pydantic's `multiple_of`); a zero
    /// multiple accepts everything. Linear in the digits of `self`.
    ///
    /// `self` is c·10^e and `multiple` m·10^f. With k = e − f ≥ 0 the quotient is whole when m divides c·10^k; with
    /// k < 0, when c ends in −k zeros and m divides the digits before them.
    public func isMultiple(of multiple: ExactDecimal) -> Bool {
        guard !multiple.isZero, !isZero else { return true }
        guard let modulus = UInt128(multiple.coefficient) else {
            preconditionFailure("multipleOf: \(multiple) has more digits than a 128-bit integer holds")
        }
        let shift = exponent - multiple.exponent
        if shift >= 0 {
            let remainder = Self.remainder(of: digits[...], modulo: modulus)
            return Self.multiply(remainder, Self.power10(shift, modulo: modulus), modulo: modulus) == 0
        }
        let zeros = -shift
        guard zeros < digits.count, digits[(digits.count - zeros)...].allSatisfy({ $0 == UInt8(ascii: "0") }) else { return false }
        return Self.remainder(of: digits[..<(digits.count - zeros)], modulo: modulus) == 0
    }

    private static func remainder(of digits: ArraySlice<UInt8>, modulo modulus: UInt128) -> UInt128 {
        var remainder: UInt128 = 0
        for digit in digits {
            remainder = multiply(remainder, 10, modulo: modulus)
            remainder = add(remainder, UInt128(digit &- UInt8(ascii: "0")) % modulus, modulo: modulus)
        }
        return remainder
    }

    /// 10^power mod `modulus` by squaring: the exponent may be up to 10¹⁸.
    private static func power10(_ power: Int, modulo modulus: UInt128) -> UInt128 {
        var result: UInt128 = 1 % modulus
        var base: UInt128 = 10 % modulus
        var power = power
        while power > 0 {
            if power & 1 == 1 { result = multiply(result, base, modulo: modulus) }
            base = multiply(base, base, modulo: modulus)
            power >>= 1
        }
        return result
    }

    private static func multiply(_ a: UInt128, _ b: UInt128, modulo modulus: UInt128) -> UInt128 {
        let product = a.multipliedFullWidth(by: b)
        return modulus.dividingFullWidth((product.high % modulus, product.low)).remainder
    }

    private static func add(_ a: UInt128, _ b: UInt128, modulo modulus: UInt128) -> UInt128 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        if overflow || sum >= modulus { return sum &- modulus }
        return sum
    }
}

extension ExactDecimal: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral {
    /// The integer, exactly.
    public init(integerLiteral value: Int) { self.init(value) }

    /// The literal's shortest round-trip digits, as Python's `Decimal(str(0.1))`: `0.1` is `0.1`, not the binary
    /// value's 55 digits. Write a string literal for more digits than a `Double` holds.
    public init(floatLiteral value: Double) {
        guard let decimal = ExactDecimal(value) else { preconditionFailure("ExactDecimal literal \(value) is not finite") }
        self = decimal
    }

    /// The literal's digits, exactly: `"1.10"`.
    public init(stringLiteral value: String) {
        guard let decimal = ExactDecimal(value) else { preconditionFailure("\"\(value)\" is not a finite decimal") }
        self = decimal
    }
}

extension ExactDecimal: Codable {
    /// A string (``description``) or a number, read as ``init(_:)-(Double)`` does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            guard let value = ExactDecimal(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "\"\(text)\" is not a finite decimal")
            }
            self = value
        } else if let integer = try? container.decode(Int.self) {
            self.init(integer)
        } else {
            let number = try container.decode(Double.self)
            guard let value = ExactDecimal(number) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(number) is not a finite decimal")
            }
            self = value
        }
    }

    /// ``description``, as a string: what Pydantic writes for a `Decimal`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
