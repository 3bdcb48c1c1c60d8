/// Number spellings of the Python and Rust code behind FastAPI, so our bytes match theirs.
package enum PythonNumberText {
    /// The shortest round-trip digits of a finite, non-zero `Double` and its decimal point position:
    /// value = 0.d1d2d3... × 10^pointPosition.
    static func shortestDigits(_ value: Double) -> (digits: [UInt8], pointPosition: Int) {
        // Swift's `description` is the shortest representation that round-trips, like Python's repr; only its
        // layout differs (`1e+16` vs `1e+16`, `1e+15` vs `1000000000000000.0`), so re-layout its digits.
        var digits: [UInt8] = []
        var pointPosition = 0
        var seenPoint = false
        var exponent = 0
        var exponentSign = 1
        var inExponent = false
        for byte in value.magnitude.description.utf8 {
            if inExponent {
                if byte == UInt8(ascii: "-") {
                    exponentSign = -1
                } else if byte != UInt8(ascii: "+") {
                    exponent = exponent * 10 + Int(byte - 48)
                }
            } else if byte == UInt8(ascii: "e") {
                inExponent = true
            } else if byte == UInt8(ascii: ".") {
                seenPoint = true
            } else {
                digits.append(byte)
                if !seenPoint { pointPosition += 1 }
            }
        }
        // Drop leading zeros ("0.001") and trailing zeros ("100.0").
        while let first = digits.first, first == UInt8(ascii: "0"), digits.count > 1 {
            digits.removeFirst()
            pointPosition -= 1
        }
        while let last = digits.last, last == UInt8(ascii: "0"), digits.count > 1 { digits.removeLast() }
        return (digits, pointPosition + exponentSign * exponent)
    }

    /// Python's `repr(float)` (also `json.dumps`) of a finite value: `1.0`, `0.0001`, `1e-05`, `1e+16`, `-0.0`.
    /// JSON's rule for non-finite values is ``JSONText/appendDouble(_:to:)``'s.
    package static func appendPythonRepr(_ value: Double, to output: inout [UInt8]) {
        precondition(value.isFinite, "JSONText.appendDouble writes non-finite values")
        if value.sign == .minus { output.append(UInt8(ascii: "-")) }
        if value == 0 {
            output.append(contentsOf: "0.0".utf8)
            return
        }
        let (digits, point) = shortestDigits(value)
        if point > 16 || point < -3 {
            output.append(digits[0])
            if digits.count > 1 {
                output.append(UInt8(ascii: "."))
                output.append(contentsOf: digits[1...])
            }
            output.append(UInt8(ascii: "e"))
            let exponent = point - 1
            output.append(exponent < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            if abs(exponent) < 10 { output.append(UInt8(ascii: "0")) }
            output.append(contentsOf: String(abs(exponent)).utf8)
        } else {
            appendPositional(digits, point: point, integralSuffix: ".0", to: &output)
        }
    }

    /// Digits without an exponent: `0.00d`, `dd.dd`, or `ddd000` followed by `integralSuffix`.
    static func appendPositional(_ digits: [UInt8], point: Int, integralSuffix: String, to output: inout [UInt8]) {
        if point <= 0 {
            output.append(contentsOf: "0.".utf8)
            output.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: -point))
            output.append(contentsOf: digits)
        } else if point < digits.count {
            output.append(contentsOf: digits[..<point])
            output.append(UInt8(ascii: "."))
            output.append(contentsOf: digits[point...])
        } else {
            output.append(contentsOf: digits)
            output.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: point - digits.count))
            output.append(contentsOf: integralSuffix.utf8)
        }
    }

    /// Rust's `Display` for `f64`, which pydantic-core uses inside messages: never an exponent, no `.0`
    /// for integral values (`0`, `0.5`, `100000000000000000000`).
    package static func rustDisplay(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-inf" : "inf") }
        if value == 0 { return value.sign == .minus ? "-0" : "0" }
        let (digits, point) = shortestDigits(value)
        var output: [UInt8] = value < 0 ? [UInt8(ascii: "-")] : []
        appendPositional(digits, point: point, integralSuffix: "", to: &output)
        return String(decoding: output, as: UTF8.self)
    }
}
