import ApusWireFormats
import Testing

/// The one JSON spelling: Python's `json.dumps(..., ensure_ascii=False)` for strings, `repr` for floats, `null`
/// for non-finite floats (what FastAPI writes for a typed return).
@Suite struct JSONTextTests {
    static func text(_ append: (inout [UInt8]) -> Void) -> String {
        var output: [UInt8] = []
        append(&output)
        return String(decoding: output, as: UTF8.self)
    }

    @Test func nonFiniteFloatsAreNull() {
        for value in [Double.nan, .infinity, -.infinity, .signalingNaN] {
            #expect(Self.text { JSONText.appendDouble(value, to: &$0) } == "null")
        }
        for value in [Float.nan, .infinity, -.infinity] {
            #expect(Self.text { JSONText.appendFloat(value, to: &$0) } == "null")
        }
    }

    @Test(arguments: [
        (1e16, "1e+16"), (9_999_999_999_999_998.0, "9999999999999998.0"), (1e15, "1000000000000000.0"), (1e-4, "0.0001"),
        (1e-5, "1e-05"), (0.1, "0.1"), (-0.0, "-0.0"), (0.0, "0.0"), (1.0, "1.0"), (1.5e300, "1.5e+300"),
        (Double.leastNonzeroMagnitude, "5e-324"), (-Double.greatestFiniteMagnitude, "-1.7976931348623157e+308"),
        (2.5e-7, "2.5e-07"), (123_456.789, "123456.789"),
    ])
    func doublesAreWrittenAsPythonRepr(value: Double, expected: String) {
        #expect(Self.text { JSONText.appendDouble(value, to: &$0) } == expected)
    }

    @Test(arguments: [
        (Float(0.1), "0.1"), (Float(2e7), "20000000.0"), (Float(1e16), "1e+16"), (Float(1e-5), "1e-05"),
        (Float.greatestFiniteMagnitude, "3.4028235e+38"), (-Float(0), "-0.0"),
    ])
    func floatsAreTheirShortestDecimalForm(value: Float, expected: String) {
        #expect(Self.text { JSONText.appendFloat(value, to: &$0) } == expected)
    }

    @Test func integersAtEveryWidthAndLimit() {
        #expect(Self.text { JSONText.appendInteger(0, to: &$0) } == "0")
        #expect(Self.text { JSONText.appendInteger(Int64.min, to: &$0) } == "-9223372036854775808")
        #expect(Self.text { JSONText.appendInteger(UInt64.max, to: &$0) } == "18446744073709551615")
        #expect(Self.text { JSONText.appendInteger(Int8.min, to: &$0) } == "-128")
        #expect(Self.text { JSONText.appendInteger(UInt8.max, to: &$0) } == "255")
    }

    @Test func stringsEscapeOnlyWhatPythonEscapes() {
        let input = "a\"b\\c/d\n\r\t\u{8}\u{c}\u{0}\u{1f}\u{7f}é\u{2028}😀"
        #expect(Self.text { JSONText.appendString(input, to: &$0) } == #""a\"b\\c/d\n\r\t\b\f\u0000\u001f"# + "\u{7f}é\u{2028}😀\"")
        #expect(Self.text { JSONText.appendString("", to: &$0) } == #""""#)
    }

    @Test func aLongStringOfEscapesIsWrittenWhole() {
        let input = String(repeating: "\"\u{1}x", count: 100_000)
        let output = Self.text { JSONText.appendString(input, to: &$0) }
        #expect(output == "\"" + String(repeating: #"\"\u0001x"#, count: 100_000) + "\"")
    }

    @Test func literals() {
        #expect(Self.text { JSONText.appendNull(to: &$0) } == "null")
        #expect(
            Self.text {
                JSONText.appendBool(true, to: &$0)
                JSONText.appendBool(false, to: &$0)
            } == "truefalse")
    }
}
