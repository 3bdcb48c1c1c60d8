/// JSON text spelled as FastAPI spells it: the one set of rules behind both of Apus's JSON encoders, ApusModels'
/// `JSONWriter` (for `SchemaValue`s) and ApusCore's `OrderedJSONEncoder` (for any other `Encodable`).
///
/// - Strings as Python's `json.dumps(..., ensure_ascii=False)` escapes them: only `"`, `\` and control characters
///   (`\n`, `\r`, `\t`, `\b`, `\f`, the rest as `\u00XX`); `/` and non-ASCII are written as they are, in UTF-8.
/// - Integers in decimal; a `Double` as Python's `repr` (`1.0`, `0.0001`, `1e-05`, `1e+16`, `-0.0`); a `Float` as
///   the `Double` nearest its shortest decimal form (`0.1`, not `0.10000000149011612`).
/// - **A non-finite float (`nan`, `inf`, `-inf`) is `null`.** FastAPI has two rules for it: a typed return (a
///   return annotation or `response_model`) is serialised by Pydantic, whose `ser_json_inf_nan` default is
///   `'null'` (observed: 200 `{"f":null}`); an untyped `dict` goes through Starlette's
///   `json.dumps(allow_nan=False)` and fails to render (observed: 500). Every Apus handler's return value has a
///   static type, so every Apus response is FastAPI's typed case, and its answer there is `null`. A writer that
///   cannot fail also keeps `SchemaValue.encode(to:)` non-throwing.
///
/// Public, unlike the rest of this target, because `JSONWriter`'s `@inlinable` methods call it.
public enum JSONText {
    /// Text the caller guarantees is valid JSON at this point, such as `null` or `,`.
    @inlinable
    public static func appendRaw(_ text: StaticString, to output: inout [UInt8]) {
        output.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// `null`.
    @inlinable
    public static func appendNull(to output: inout [UInt8]) { self.appendRaw("null", to: &output) }

    /// `true` or `false`.
    @inlinable
    public static func appendBool(_ value: Bool, to output: inout [UInt8]) {
        value ? self.appendRaw("true", to: &output) : self.appendRaw("false", to: &output)
    }

    /// A decimal integer.
    @inlinable
    public static func appendInteger<T: FixedWidthInteger>(_ value: T, to output: inout [UInt8]) {
        if value == 0 {
            output.append(UInt8(ascii: "0"))
            return
        }
        var magnitude = value.magnitude
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: enough for 20 digits and a sign
        withUnsafeMutableBytes(of: &scratch) { buffer in
            var index = buffer.count
            while magnitude != 0 {
                let (quotient, remainder) = magnitude.quotientAndRemainder(dividingBy: 10)
                index -= 1
                buffer[index] = UInt8(truncatingIfNeeded: remainder) &+ UInt8(ascii: "0")
                magnitude = quotient
            }
            if value < 0 {
                index -= 1
                buffer[index] = UInt8(ascii: "-")
            }
            output.append(contentsOf: buffer[index...])
        }
    }

    /// A float as Python's `repr` writes it; a non-finite value is `null` (see the type's documentation).
    public static func appendDouble(_ value: Double, to output: inout [UInt8]) {
        guard value.isFinite else {
            self.appendNull(to: &output)
            return
        }
        let magnitude = value.magnitude
        // In this range Swift's shortest description already has Python's layout ("0.0001", "12.5").
        if magnitude >= 1e-4, magnitude < 9e15 {
            var description = value.description
            description.withUTF8 { output.append(contentsOf: $0) }
            return
        }
        PythonNumberText.appendPythonRepr(value, to: &output)
    }

    /// A `Float` as the `Double` its shortest decimal form spells; a non-finite value is `null`.
    public static func appendFloat(_ value: Float, to output: inout [UInt8]) {
        self.appendDouble(value.isFinite ? Double(value.description) ?? Double(value) : Double(value), to: &output)
    }

    /// A quoted JSON string with Python's escaping.
    @inlinable
    public static func appendString(_ value: String, to output: inout [UInt8]) {
        var value = value
        value.withUTF8 { self.appendString(utf8: $0, to: &output) }
    }

    /// A quoted JSON string from UTF-8 bytes, with Python's escaping.
    public static func appendString(utf8: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var runStart = 0
        for index in 0..<utf8.count {
            let byte = utf8[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
            runStart = index + 1
            output.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): output.append(byte)
            case 0x0A: output.append(UInt8(ascii: "n"))
            case 0x0D: output.append(UInt8(ascii: "r"))
            case 0x09: output.append(UInt8(ascii: "t"))
            case 0x08: output.append(UInt8(ascii: "b"))
            case 0x0C: output.append(UInt8(ascii: "f"))
            default:
                let hex: StaticString = "0123456789abcdef"
                self.appendRaw("u00", to: &output)
                output.append(hex.utf8Start[Int(byte >> 4)])
                output.append(hex.utf8Start[Int(byte & 0xF)])
            }
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
        output.append(UInt8(ascii: "\""))
    }
}
