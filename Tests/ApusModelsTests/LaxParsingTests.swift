import ApusModels
import Testing

/// Pydantic's lax rules for values that arrive as strings (expected values taken from pydantic-core).
@Suite struct LaxParsingTests {
    @Test(arguments: [("5", 5), (" 5", 5), ("+5", 5), (" 5 ", 5), ("-0", 0), ("5_000", 5000), ("5.0", 5), ("-12", -12)])
    func integerStringsThatParse(text: String, expected: Int) {
        #expect(validateParameter(Int.self, text, at: ["query", "n"]).value == expected)
    }

    @Test(arguments: ["5.5", "1e3", "0x10", "", "5__0", "_5", "abc", "1,2"])
    func integerStringsThatDoNotParse(text: String) {
        var errors: [ValidationErrorItem] = []
        #expect(Int.validate(parameter: text, at: ["query", "n"], errors: &errors) == nil)
        #expect(errors.map(\.type) == ["int_parsing"])
    }

    @Test func integerOutsideTheSwiftTypeIsABoundError() {
        let detail = validateParameter(Int8.self, "300", at: ["query", "n"]).detail
        #expect(
            detail
                == #"{"detail":[{"type":"less_than_equal","loc":["query","n"],"msg":"Input should be less than or equal to 127","input":"300","ctx":{"le":127}}]}"#
        )
        #expect(validateParameter(UInt8.self, "-1", at: ["query", "n"]).detail.contains(#""type":"greater_than_equal""#))
    }

    @Test(arguments: ["true", "1", "yes", "on", "t", "y", "TRUE", "Yes"])
    func trueWords(text: String) {
        #expect(validateParameter(Bool.self, text, at: ["query", "b"]).value == true)
    }

    @Test(arguments: ["false", "0", "no", "off", "f", "n", "FALSE"])
    func falseWords(text: String) {
        #expect(validateParameter(Bool.self, text, at: ["query", "b"]).value == false)
    }

    @Test(arguments: ["maybe", " true", "2", ""])
    func booleanWordsThatDoNotParse(text: String) {
        var errors: [ValidationErrorItem] = []
        #expect(Bool.validate(parameter: text, at: ["query", "b"], errors: &errors) == nil)
        #expect(errors.map(\.type) == ["bool_parsing"])
    }

    @Test(arguments: [("1e3", 1000.0), (" 1.5 ", 1.5), ("1_0", 10.0), ("-2", -2.0), (".5", 0.5), ("5.", 5.0)])
    func floatStringsThatParse(text: String, expected: Double) {
        #expect(validateParameter(Double.self, text, at: ["query", "x"]).value == expected)
    }

    @Test func floatStringsAcceptInfinityAndNaN() {
        #expect(validateParameter(Double.self, "inf", at: ["query", "x"]).value == .infinity)
        #expect(validateParameter(Double.self, "nan", at: ["query", "x"]).value?.isNaN == true)
    }

    @Test(arguments: ["x", "", "1e", "0x10", "1__0"])
    func floatStringsThatDoNotParse(text: String) {
        var errors: [ValidationErrorItem] = []
        #expect(Double.validate(parameter: text, at: ["query", "x"], errors: &errors) == nil)
        #expect(errors.map(\.message) == ["Input should be a valid number, unable to parse string as a number"])
    }

    @Test func jsonValuesOfTheWrongKindGiveTypeErrors() throws {
        #expect(try validateBody(String.self, "1").detail.contains(#""type":"string_type""#))
        #expect(try validateBody(Double.self, "null").detail.contains(#""type":"float_type""#))
        #expect(try validateBody(Bool.self, "0.5").detail.contains(#""type":"bool_type""#))
        #expect(try validateBody(Bool.self, "2").detail.contains(#""type":"bool_parsing""#))
        #expect(try validateBody([Int].self, #""a""#).detail.contains(#""type":"list_type""#))
        #expect(try validateBody(Set<Int>.self, #""a""#).detail.contains(#""type":"set_type""#))
        #expect(try validateBody([String: Int].self, "[1]").detail.contains(#""type":"dict_type""#))
        #expect(try validateBody(Int.self, "NaN").detail.contains(#""type":"finite_number""#))
    }

    @Test func dictionaryValueErrorsAreLocatedByKey() throws {
        #expect(
            try validateBody([String: Int].self, #"{"x":"y"}"#).detail
                == #"{"detail":[{"type":"int_parsing","loc":["body","x"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"y"}]}"#
        )
    }

    @Test func setCollapsesRepeatedElements() throws {
        #expect(try validateBody(Set<Int>.self, "[1,1,2]").value == [1, 2])
    }

    @Test func uuidFormsAndErrors() {
        #expect(validateParameter(UUIDBox.self, "123e4567e89b12d3a456426614174000", at: ["q"]).value != nil)
        #expect(validateParameter(UUIDBox.self, "{123e4567-e89b-12d3-a456-426614174000}", at: ["q"]).value != nil)
        #expect(validateParameter(UUIDBox.self, "urn:uuid:123e4567-e89b-12d3-a456-426614174000", at: ["q"]).value != nil)
        #expect(
            validateParameter(UUIDBox.self, "123e4567-e89b-12d3-a456-42661417400", at: ["q"]).detail.contains(
                "invalid group length in group 4: expected 12, found 11"))
        #expect(validateParameter(UUIDBox.self, "123e4567-e89b-12d3-a456-42661417400g", at: ["q"]).detail.contains("found `g` at 35"))
        #expect(
            validateParameter(UUIDBox.self, "abc", at: ["q"]).detail.contains(
                "invalid length: expected length 32 for simple format, found 3"))
    }

    @Test(arguments: [
        ("2024-13-01T00:00:00", "month value is outside expected range of 1-12"),
        ("2024-01-32", "day value is outside expected range"),
        ("2024-02-30T00:00:00Z", "day value is outside expected range"),
        ("2024-01-02T25:00:00", "unexpected extra characters at the end of the input"),
        ("abcd-01-02", "invalid character in year"),
        ("2024/01/02", "invalid date separator, expected `-`"),
    ])
    func datetimeErrorsUseSpeedateMessages(text: String, reason: String) {
        var errors: [ValidationErrorItem] = []
        _ = DateBox.validate(parameter: text, at: ["q"], errors: &errors)
        #expect(errors.first?.message == "Input should be a valid datetime or date, \(reason)")
    }

    @Test(arguments: [
        ("2024-01-02", 1_704_153_600.0), ("2024-01-02 03:04:05", 1_704_164_645.0), ("2024-01-02T03:04", 1_704_164_640.0),
        ("2024-01-02T03:04:05+01:00", 1_704_161_045.0), ("2024-01-02T03:04:05+0100", 1_704_161_045.0),
        ("2024-01-02T03:04:05.5Z", 1_704_164_645.5), ("1700000000", 1_700_000_000.0),
    ])
    func datetimeFormsThatParse(text: String, seconds: Double) {
        #expect(validateParameter(DateBox.self, text, at: ["q"]).value?.timeIntervalSince1970 == seconds)
    }
}

import Foundation

typealias UUIDBox = UUID
typealias DateBox = Date
