import ApusModels
import Testing

/// The parser's messages and positions are CPython 3.11's `json`; the writer's spelling is `json.dumps`
/// with `ensure_ascii=False, separators=(",", ":")`. Expected values were produced by that Python.
@Suite struct JSONTextTests {
    @Test(arguments: [
        (#"{"a":1,}"#, "Expecting property name enclosed in double quotes", 7), ("[1,]", "Expecting value", 3),
        ("{", "Expecting property name enclosed in double quotes", 1), (#"{"a""#, "Expecting ':' delimiter", 4),
        (#"{"a":"#, "Expecting value", 5), (#"{"a":1"#, "Expecting ',' delimiter", 6),
        (#""abc"#, "Unterminated string starting at", 0), ("\"a\u{1}\"", "Invalid control character at", 2),
        (#""\x""#, "Invalid \\escape", 1), (#""\u12""#, "Invalid \\uXXXX escape", 2), ("01", "Extra data", 1), ("1.", "Extra data", 1),
        ("-", "Expecting value", 0), ("[1 2]", "Expecting ',' delimiter", 3), (#"{"a" 1}"#, "Expecting ':' delimiter", 5),
        ("{1:2}", "Expecting property name enclosed in double quotes", 1), ("", "Expecting value", 0), ("  ", "Expecting value", 2),
        ("nul", "Expecting value", 0), (#"{"é": }"#, "Expecting value", 6), (#"["\u00zz"]"#, "Invalid \\uXXXX escape", 3),
    ])
    func syntaxErrorsMatchPython(text: String, message: String, offset: Int) {
        #expect(throws: JSONParseError.syntax(message: message, characterOffset: offset)) { try JSONValue(parsing: text) }
    }

    @Test func pythonExtensionsParse() throws {
        #expect(try JSONValue(parsing: "NaN") == .double(.nan) || (try JSONValue(parsing: "NaN")).isNaNDouble)
        #expect(try JSONValue(parsing: "-Infinity") == .double(-.infinity))
        #expect(try JSONValue(parsing: "100000000000000000000") == .bigInteger("100000000000000000000"))
    }

    @Test func duplicateKeysKeepFirstPositionAndLastValue() throws {
        #expect(try JSONValue(parsing: #"{"a":1,"b":2,"a":3}"#).jsonString == #"{"a":3,"b":2}"#)
    }

    @Test func escapesDecode() throws {
        #expect(try JSONValue(parsing: #""a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00""#) == .string("a\"\\/\u{8}\u{c}\n\r\té😀"))
    }

    @Test func writerEscapesLikePython() {
        #expect(
            JSONValue.string("h\u{e9}\u{7f}\u{1f}\u{2028}\u{8}\u{c}\"\\\n").jsonString
                == "\"h\u{e9}\u{7f}\\u001f\u{2028}\\b\\f\\\"\\\\\\n\"")
    }

    @Test(arguments: [
        (1e16, "1e+16"), (9_999_999_999_999_998.0, "9999999999999998.0"), (1e-4, "0.0001"), (1e-5, "1e-05"), (0.1, "0.1"),
        (1.5e300, "1.5e+300"), (Double.leastNonzeroMagnitude, "5e-324"), (123_456.789, "123456.789"), (1e22, "1e+22"), (2.5e-7, "2.5e-07"),
        (-0.0, "-0.0"), (1.0, "1.0"), (1e20, "1e+20"), (1000.0, "1000.0"), (1e15, "1000000000000000.0"),
    ])
    func floatsAreWrittenAsPythonRepr(value: Double, expected: String) {
        #expect(JSONValue.double(value).jsonString == expected)
    }

    @Test func nonFiniteFloatsAreWrittenAsNull() {
        #expect(JSONValue.array([.double(.nan), .double(.infinity)]).jsonString == "[null,null]")
    }

    @Test func compactOutputKeepsKeyOrderAndUnicode() throws {  // json_encoding.txt "unicode/float"
        let value: JSONValue = ["s": "héllo ✓", "f": 1e20, "big": .bigInteger("100000000000000000000")]
        #expect(value.jsonString == #"{"s":"héllo ✓","f":1e+20,"big":100000000000000000000}"#)
    }
}

extension JSONValue {
    var isNaNDouble: Bool {
        if case .double(let value) = self { return value.isNaN }
        return false
    }
}
