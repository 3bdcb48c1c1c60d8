/// Recognises a JSON number with Python's grammar `-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?` and converts it.
///
/// Shared by ``JSONParser`` and ``JSONReader`` so both accept exactly the same numbers.
enum JSONNumberScanner {
    struct Token {
        var start: Int
        var end: Int
        var isInteger: Bool

        /// Whether this is an integer Python refuses to convert (more than ``JSONLimits/maximumIntegerDigits``
        /// digits; JSON allows no leading zeros, so every byte but the sign is a significant digit).
        func exceedsDigitLimit(in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            guard isInteger, end - start > JSONLimits.maximumIntegerDigits else { return false }
            let digits = end - start - (bytes[start] == UInt8(ascii: "-") ? 1 : 0)
            return digits > JSONLimits.maximumIntegerDigits
        }

        /// The number as a value: `.int` when it is integral and fits, `.bigInteger` when it is integral and
        /// does not (Python keeps it exact), `.double` otherwise.
        func value(in bytes: UnsafeBufferPointer<UInt8>) -> JSONValue {
            if isInteger {
                if let integer = integerValue(in: bytes) { return .int(integer) }
                return .bigInteger(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
            }
            return .double(doubleValue(in: bytes))
        }

        /// The integer when the token is integral and fits in `Int`.
        func integerValue(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
            var index = start
            let negative = bytes[index] == UInt8(ascii: "-")
            if negative { index += 1 }
            var magnitude: UInt64 = 0
            while index < end {
                let digit = UInt64(bytes[index] &- UInt8(ascii: "0"))
                let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times10.addingReportingOverflow(digit)
                if overflow1 || overflow2 { return nil }
                magnitude = sum
                index += 1
            }
            if negative {
                if magnitude <= UInt64(Int.max) { return -Int(magnitude) }
                return magnitude == UInt64(Int.max) + 1 ? Int.min : nil
            }
            return magnitude <= UInt64(Int.max) ? Int(magnitude) : nil
        }

        /// The nearest `Double`, correctly rounded: exact arithmetic when the digits and exponent allow it
        /// (Clinger's fast path), the C library's `strtod` otherwise.
        func doubleValue(in bytes: UnsafeBufferPointer<UInt8>) -> Double {
            var index = start
            let negative = bytes[index] == UInt8(ascii: "-")
            if negative { index += 1 }
            var mantissa: UInt64 = 0
            var digits = 0
            var exponent = 0
            while index < end, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(bytes[index] &- 48) } else { exponent += 1 }
                if mantissa != 0 { digits += 1 }
                index += 1
            }
            if index < end, bytes[index] == UInt8(ascii: ".") {
                index += 1
                while index < end, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                    if digits < 19 {
                        mantissa = mantissa &* 10 &+ UInt64(bytes[index] &- 48)
                        exponent -= 1
                        if mantissa != 0 { digits += 1 }
                    }
                    index += 1
                }
            }
            var explicitExponent = 0
            if index < end, bytes[index] | 0x20 == UInt8(ascii: "e") {
                index += 1
                var exponentNegative = false
                if bytes[index] == UInt8(ascii: "-") {
                    exponentNegative = true
                    index += 1
                } else if bytes[index] == UInt8(ascii: "+") {
                    index += 1
                }
                while index < end {
                    if explicitExponent < 100_000 { explicitExponent = explicitExponent * 10 + Int(bytes[index] &- 48) }
                    index += 1
                }
                if exponentNegative { explicitExponent = -explicitExponent }
            }
            exponent += explicitExponent
            if digits <= 15, mantissa < (1 << 53), exponent >= -22, exponent <= 22 {
                var value = Double(mantissa)
                if exponent < 0 { value /= Self.powersOfTen[-exponent] } else { value *= Self.powersOfTen[exponent] }
                return negative ? -value : value
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
            return Double(text) ?? .nan
        }

        static let powersOfTen: [Double] = (0...22).map { exponent in
            var value = 1.0
            for _ in 0..<exponent { value *= 10 }
            return value
        }
    }

    /// The number token starting at `start`, or `nil` if there is none (Python then says "Expecting value").
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Token? {
        var index = start
        let count = bytes.count
        if index < count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < count else { return nil }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else if bytes[index] >= UInt8(ascii: "1"), bytes[index] <= UInt8(ascii: "9") {
            index += 1
            while index < count, isDigit(bytes[index]) { index += 1 }
        } else {
            return nil
        }
        var isInteger = true
        if index + 1 < count, bytes[index] == UInt8(ascii: "."), isDigit(bytes[index + 1]) {
            isInteger = false
            index += 2
            while index < count, isDigit(bytes[index]) { index += 1 }
        }
        if index < count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            var exponentIndex = index + 1
            if exponentIndex < count, bytes[exponentIndex] == UInt8(ascii: "-") || bytes[exponentIndex] == UInt8(ascii: "+") {
                exponentIndex += 1
            }
            if exponentIndex < count, isDigit(bytes[exponentIndex]) {
                isInteger = false
                index = exponentIndex + 1
                while index < count, isDigit(bytes[index]) { index += 1 }
            }
        }
        return Token(start: start, end: index, isInteger: isInteger)
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }
}
