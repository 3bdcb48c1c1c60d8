import ApusModels
import Foundation
import Testing

/// Path and query errors compared byte for byte with the raw 422 dumps and `param_edge_cases.txt`.
@Suite struct ReferenceParameterErrorTests {
    @Test func badQueryIntegerKeepsTheRawStringAsInput() {  // raw/c_bad_query_int.txt
        #expect(
            validateParameter(Int.self, "abc", at: ["query", "limit"]).detail
                == #"{"detail":[{"type":"int_parsing","loc":["query","limit"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"abc"}]}"#
        )
    }

    @Test func badPathIntegerIsIntParsing() {  // raw/h4_path_int_bad.txt
        #expect(
            validateParameter(Int.self, "abc", at: ["path", "item_id"]).detail
                == #"{"detail":[{"type":"int_parsing","loc":["path","item_id"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"abc"}]}"#
        )
    }

    @Test func missingQueryItem() {  // raw/c2_missing_query.txt
        let body = [ValidationFailure.missing.item(at: ["query", "limit"], input: nil)].validationErrorBody
        #expect(
            String(decoding: body, as: UTF8.self)
                == #"{"detail":[{"type":"missing","loc":["query","limit"],"msg":"Field required","input":null}]}"#)
    }

    static let boundedSpec = FieldSpec<Int>(gt: 0, le: 100)

    @Test func greaterThanOnAnIntegerShowsAnIntegerBound() {  // raw/d_gt_violation.txt
        #expect(
            validateParameter(Int.self, "0", at: ["query", "n"], spec: Self.boundedSpec).detail
                == #"{"detail":[{"type":"greater_than","loc":["query","n"],"msg":"Input should be greater than 0","input":"0","ctx":{"gt":0}}]}"#
        )
    }

    @Test func lessThanOrEqualViolation() {  // raw/d_le_violation.txt
        #expect(
            validateParameter(Int.self, "101", at: ["query", "n"], spec: Self.boundedSpec).detail
                == #"{"detail":[{"type":"less_than_equal","loc":["query","n"],"msg":"Input should be less than or equal to 100","input":"101","ctx":{"le":100}}]}"#
        )
    }

    @Test func minimumLengthViolation() {  // raw/d_min_length.txt
        #expect(
            validateParameter(String.self, "ab", at: ["query", "s"], spec: FieldSpec(minLength: 3, maxLength: 5)).detail
                == #"{"detail":[{"type":"string_too_short","loc":["query","s"],"msg":"String should have at least 3 characters","input":"ab","ctx":{"min_length":3}}]}"#
        )
    }

    @Test func maximumLengthViolation() {  // raw/d_max_length.txt
        #expect(
            validateParameter(String.self, "abcdef", at: ["query", "s"], spec: FieldSpec(minLength: 3, maxLength: 5)).detail
                == #"{"detail":[{"type":"string_too_long","loc":["query","s"],"msg":"String should have at most 5 characters","input":"abcdef","ctx":{"max_length":5}}]}"#
        )
    }

    @Test func patternViolation() {  // raw/d_pattern.txt
        #expect(
            validateParameter(String.self, "ABC", at: ["query", "p"], spec: FieldSpec(pattern: "^[a-z]+$")).detail
                == #"{"detail":[{"type":"string_pattern_mismatch","loc":["query","p"],"msg":"String should match pattern '^[a-z]+$'","input":"ABC","ctx":{"pattern":"^[a-z]+$"}}]}"#
        )
    }

    @Test func enumPathParameterListsTheCases() {  // raw/l_enum_bad.txt, l2_enum_ok.txt
        #expect(validateParameter(Color.self, "red", at: ["path", "color"]).value == .red)
        #expect(
            validateParameter(Color.self, "blue", at: ["path", "color"]).detail
                == #"{"detail":[{"type":"enum","loc":["path","color"],"msg":"Input should be 'red' or 'green'","input":"blue","ctx":{"expected":"'red' or 'green'"}}]}"#
        )
    }

    @Test func datetimeUUIDDecimalAndDateErrorsAreReportedTogether() {  // raw/m2_types_bad.txt
        var errors: [ValidationErrorItem] = []
        _ = Date.validate(parameter: "notadate", at: ["query", "d"], errors: &errors)
        _ = UUID.validate(parameter: "nope", at: ["query", "u"], errors: &errors)
        _ = Decimal.validate(parameter: "xx", at: ["query", "dec"], errors: &errors)
        _ = CalendarDate?.validate(parameter: "2024-13-01", at: ["query", "day"], errors: &errors)
        #expect(
            String(decoding: errors.validationErrorBody, as: UTF8.self)
                == #"{"detail":[{"type":"datetime_from_date_parsing","loc":["query","d"],"msg":"Input should be a valid datetime or date, input is too short","input":"notadate","ctx":{"error":"input is too short"}},{"type":"uuid_parsing","loc":["query","u"],"msg":"Input should be a valid UUID, invalid character: found `n` at 0","input":"nope","ctx":{"error":"invalid character: found `n` at 0"}},{"type":"decimal_parsing","loc":["query","dec"],"msg":"Input should be a valid decimal","input":"xx"},{"type":"date_from_datetime_parsing","loc":["query","day"],"msg":"Input should be a valid date or datetime, month value is outside expected range of 1-12","input":"2024-13-01","ctx":{"error":"month value is outside expected range of 1-12"}}]}"#
        )
    }

    @Test func validTypedParametersParse() throws {  // raw/m_types_ok.txt
        let date = try #require(validateParameter(Date.self, "2024-01-02T03:04:05Z", at: ["query", "d"]).value)
        #expect(date == Date(timeIntervalSince1970: 1_704_164_645))
        #expect(
            validateParameter(UUID.self, "123e4567-e89b-12d3-a456-426614174000", at: ["query", "u"]).value?.uuidString
                == "123E4567-E89B-12D3-A456-426614174000")
        #expect(validateParameter(Decimal.self, "1.10", at: ["query", "dec"]).value == Decimal(string: "1.1"))
        #expect(
            validateParameter(CalendarDate.self, "2024-01-02", at: ["query", "day"]).value == CalendarDate(year: 2024, month: 1, day: 2))
    }

    @Test func emptyStringIsNotAnInteger() {  // param_edge_cases.txt /opt_int?n=
        #expect(
            validateParameter(Int?.self, "", at: ["query", "n"]).detail
                == #"{"detail":[{"type":"int_parsing","loc":["query","n"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":""}]}"#
        )
    }

    @Test func emptyStringIsAString() {  // param_edge_cases.txt /str?q=
        #expect(validateParameter(String.self, "", at: ["query", "q"]).value == "")
    }

    @Test func floatAcceptsExponentNotation() {  // param_edge_cases.txt /float?x=1e3
        #expect(validateParameter(Double.self, "1e3", at: ["query", "x"]).value == 1000)
    }

    @Test func repeatedQueryValuesReportTheIndex() {  // param_edge_cases.txt /list_int?n=1&n=x and n=1,2
        var errors: [ValidationErrorItem] = []
        _ = [Int].validate(parameters: ["1", "x"], at: ["query", "n"], errors: &errors)
        _ = [Int].validate(parameters: ["1,2"], at: ["query", "n"], errors: &errors)
        #expect(
            String(decoding: errors.validationErrorBody, as: UTF8.self)
                == #"{"detail":[{"type":"int_parsing","loc":["query","n",1],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"},{"type":"int_parsing","loc":["query","n",0],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"1,2"}]}"#
        )
    }

    @Test func repeatedQueryValuesDecode() {  // raw/c3_list_query_ok.txt
        var errors: [ValidationErrorItem] = []
        #expect([String].validate(parameters: ["a"], at: ["query", "tags"], errors: &errors) == ["a"])
        #expect([String].validate(parameters: ["a", "b"], at: ["query", "tags"], errors: &errors) == ["a", "b"])
        #expect(errors.isEmpty)
    }

    @Test func unknownBooleanWordIsBoolParsing() {  // behaviour_more.txt /flag?flag=maybe
        #expect(
            validateParameter(Bool.self, "maybe", at: ["query", "flag"]).detail
                == #"{"detail":[{"type":"bool_parsing","loc":["query","flag"],"msg":"Input should be a valid boolean, unable to interpret input","input":"maybe"}]}"#
        )
    }

    @Test func combinedErrorsKeepTheCallersOrder() {  // behaviour_extra.txt: path, query, header, body in one 422
        var errors: [ValidationErrorItem] = []
        _ = Int.validate(parameter: "abc", at: ["path", "p"], errors: &errors)
        _ = Int.validate(parameter: "zz", at: ["query", "q"], errors: &errors)
        _ = Int.validate(parameter: "nope", at: ["header", "h"], errors: &errors)
        #expect(errors.map(\.location) == [["path", "p"], ["query", "q"], ["header", "h"]])
    }
}
