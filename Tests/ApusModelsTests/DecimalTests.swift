import Apus
import Foundation
import Testing

// A model with an `ExactDecimal` amount, constrained as a price would be.
@Schema
struct Invoice {
    @Field(gt: 0, le: 123.456, multipleOf: 0.01)
    var amount: ExactDecimal
    var note: ExactDecimal? = nil
}

/// `Decimal` values as Pydantic reads and writes them: every digit of a string kept, JSON numbers read as FastAPI's
/// `json.loads` reads them (integers exactly, the rest as floats), output as Python's `str(Decimal)`. Expected values
/// are CPython 3.11's `decimal` module's.
@Suite struct DecimalTests {
    /// Reads `text` as a query value and writes the result back as JSON.
    static func roundTrip<T: SchemaValue>(_ type: T.Type, _ text: String) -> String? {
        validateParameter(T.self, text, at: ["query", "d"]).value.map { String(decoding: $0.jsonBytes(), as: UTF8.self) }
    }

    @Test(arguments: [
        ("1.10", "1.10"), ("1.100", "1.100"), ("0.00", "0.00"), ("-0", "-0"), ("-0.00", "-0.00"), ("  2.50 ", "2.50"),
        ("+7", "7"), (".5", "0.5"), ("5.", "5"), ("1e3", "1E+3"), ("1.e5", "1E+5"), ("1E-7", "1E-7"), ("0.000001", "0.000001"),
        ("0.0000001", "1E-7"), ("0.000000000", "0E-9"), ("0E+2", "0E+2"), ("123.4500e2", "12345.00"), ("1000", "1000"),
        ("00012.3400", "12.3400"), ("-1.5e-10", "-1.5E-10"), ("1_000", "1000"), ("_1", "1"), ("1_0.0_1", "10.01"),
        ("١٢٣", "123"), ("\u{A0}1.5\u{2003}", "1.5"), ("1e999999999999999999", "1E+999999999999999999"),
        ("12345678901234567890123456789012345678901234567890.5", "12345678901234567890123456789012345678901234567890.5"),
    ])
    func stringsKeepEveryDigit(text: String, written: String) {
        #expect(Self.roundTrip(ExactDecimal.self, text) == "\"\(written)\"")
    }

    @Test(arguments: [
        ("1.10", "1.1"), ("5.0", "5.0"), ("100", "100"), ("1e2", "100.0"), ("-0", "0"), ("-0.0", "-0.0"),
        ("0.1000000000000000000001", "0.1"), ("1.5e-5", "0.000015"), ("123456789.123456789", "123456789.12345679"),
        ("1e16", "1E+16"), ("-1e-7", "-1E-7"),
        ("12345678901234567890123456789012345678901234567890", "12345678901234567890123456789012345678901234567890"),
    ])
    func jsonNumbersAreReadAsJSONLoadsReadsThem(json: String, written: String) throws {
        // FastAPI validates the body `json.loads` made: an `int` stays exact, anything else is a float first.
        let value = try #require(try validateBody(ExactDecimal.self, json).value)
        #expect(value.description == written)
    }

    @Test func aModelFieldRoundTripsItsDigits() throws {
        let invoice = try #require(try validateBody(Invoice.self, #"{"amount":"12.30","note":"-0.000"}"#).value)
        #expect(String(decoding: invoice.jsonBytes(), as: UTF8.self) == #"{"amount":"12.30","note":"-0.000"}"#)
        #expect(invoice.amount == 12.3)
    }

    @Test(arguments: [
        "xx", "1.5x", "", " ", ".", "-.", "+-1", "1 5", "1e", "1e+", "e5", ".e5", "_", "infinit", "nan1x", "1\u{200B}", "1,5",
    ])
    func textThatIsNotADecimalIsDecimalParsing(text: String) {
        #expect(
            validateParameter(ExactDecimal.self, text, at: ["query", "d"]).detail
                == #"{"detail":[{"type":"decimal_parsing","loc":["query","d"],"msg":"Input should be a valid decimal","input":"\#(text)"}]}"#
        )
    }

    @Test(arguments: ["NaN", "nan", "sNaN12", "Inf", "-Infinity", "in_f"])
    func nonFiniteTextIsFiniteNumber(text: String) {
        #expect(
            validateParameter(ExactDecimal.self, text, at: ["query", "d"]).detail
                == #"{"detail":[{"type":"finite_number","loc":["query","d"],"msg":"Input should be a finite number","input":"\#(text)"}]}"#)
    }

    @Test func nonFiniteAndNonNumericJSONValues() throws {
        // `json.loads` makes `1e400` a float infinity, as it makes `NaN` a float NaN.
        #expect(try validateBody(ExactDecimal.self, "NaN").detail.contains(#""type":"finite_number""#))
        #expect(try validateBody(ExactDecimal.self, "1e400").detail.contains(#""type":"finite_number""#))
        #expect(
            try validateBody(ExactDecimal.self, "true").detail
                == #"{"detail":[{"type":"decimal_type","loc":["body"],"msg":"Decimal input should be an integer, float, string or Decimal object","input":true}]}"#
        )
    }

    @Test func constraintsCompareExactlyAndReportTheBoundAsWritten() throws {
        // `multiple_of` runs first, as in pydantic-core.
        #expect(try validateBody(Invoice.self, #"{"amount":"123.4560001"}"#).detail.contains(#""type":"multiple_of""#))
        #expect(try validateBody(Invoice.self, #"{"amount":"123.45"}"#).value?.amount.description == "123.45")
        #expect(
            try validateBody(Invoice.self, #"{"amount":"123.46"}"#).detail
                == #"{"detail":[{"type":"less_than_equal","loc":["body","amount"],"msg":"Input should be less than or equal to 123.456","input":"123.46","ctx":{"le":123.456}}]}"#
        )
        #expect(
            try validateBody(Invoice.self, #"{"amount":"0.015"}"#).detail
                == #"{"detail":[{"type":"multiple_of","loc":["body","amount"],"msg":"Input should be a multiple of 0.01","input":"0.015","ctx":{"multiple_of":0.01}}]}"#
        )
        #expect(
            try validateBody(Invoice.self, #"{"amount":"-0.00"}"#).detail
                == #"{"detail":[{"type":"greater_than","loc":["body","amount"],"msg":"Input should be greater than 0","input":"-0.00","ctx":{"gt":0}}]}"#
        )
    }

    @Test func multipleOfIsExactAtAnySize() {
        let big: ExactDecimal = "123456789012345678901234567890123456789012345678901234567890.03"
        #expect(big.isMultiple(of: 0.01))
        #expect(!big.isMultiple(of: 0.05))
        #expect(ExactDecimal("123456789012345678901234567890").isMultiple(of: 9))
        #expect(!ExactDecimal("123456789012345678901234567891").isMultiple(of: 9))
        #expect(ExactDecimal("1e999999999999999999").isMultiple(of: 7.5) == false)
        #expect(ExactDecimal("3e999999999999999999").isMultiple(of: 0.03))
        #expect(ExactDecimal("1.5").isMultiple(of: 0.5) && !ExactDecimal("1.5").isMultiple(of: 1))
    }

    @Test func equalityHashingAndOrderAreNumeric() {
        let values: [ExactDecimal] = [
            "-1E+3", "-999.99", "-0.00", "0", "0E-9", "1E-7", "0.5", "1", "1.0", "1.10", "1.1000", "2E+0", "1E+3",
        ]
        #expect(values == values.sorted())
        #expect(ExactDecimal("1.10") == ExactDecimal("1.1") && ExactDecimal("-0") == 0 && ExactDecimal("1E+3") == 1000)
        #expect(Set<ExactDecimal>(["1.10", "1.1", "1.100", "0", "-0.0", "1E+1", "10"]).count == 3)
        #expect(ExactDecimal("1.10") < ExactDecimal("1.101") && ExactDecimal("-2") < ExactDecimal("-1.5"))
    }

    @Test func literalsKeepTheDigitsWritten() {
        let float: ExactDecimal = 123.456
        let string: ExactDecimal = "0.10"
        #expect(float.description == "123.456" && string.description == "0.10" && ExactDecimal(5).description == "5")
        #expect(ExactDecimal(Decimal(string: "2.5")!)?.description == "2.5")
        let notADecimal = "1.5x"
        #expect(ExactDecimal(notADecimal) == nil && ExactDecimal(Double.nan) == nil)
        #expect(ExactDecimal("1.10").decimal == Decimal(string: "1.1"))
        #expect(ExactDecimal("12345678901234567890123456789012345678").decimal != nil)
        #expect(ExactDecimal("123456789012345678901234567890123456789").decimal == nil)
        #expect(ExactDecimal("1.000000000000000000000000000000000000000000").decimal == 1)
        #expect(ExactDecimal("1e200").decimal == nil)
    }

    @Test func schemaIsPydanticsWithTheBoundsAsFloatsInTheNumberBranch() {
        var generator = JSONSchemaGenerator()
        _ = generator.schema(for: Invoice.self)
        #expect(
            generator.components["Invoice"]?.jsonString
                == ##"{"properties":{"amount":{"anyOf":[{"type":"number","multipleOf":0.01,"maximum":123.456,"exclusiveMinimum":0.0},{"type":"string","pattern":"^(?!^[-+.]*$)[+-]?0*\\d*\\.?\\d*$"}],"title":"Amount"},"note":{"anyOf":[{"anyOf":[{"type":"number"},{"type":"string","pattern":"^(?!^[-+.]*$)[+-]?0*\\d*\\.?\\d*$"}]},{"type":"null"}],"title":"Note"}},"type":"object","required":["amount"],"title":"Invoice"}"##
        )
    }

    @Test func codableModelsWriteTheDigitsAsAString() throws {
        struct Payment: Codable, Sendable { var amount: ExactDecimal }
        let payment = try #require(try validateBody(CodableModel<Payment>.self, #"{"amount":"7.50"}"#).value)
        #expect(String(decoding: try JSONEncoder().encode(payment.value), as: UTF8.self) == #"{"amount":"7.50"}"#)
    }

    // MARK: Foundation's `Decimal`

    @Test func foundationDecimalKeepsTheValueAndWritesPythonsText() {
        #expect(Self.roundTrip(Decimal.self, "1.10") == #""1.1""#)  // Foundation keeps no trailing zero
        #expect(Self.roundTrip(Decimal.self, "0.0000001") == #""1E-7""#)
        #expect(Self.roundTrip(Decimal.self, "12345678901234567890123456789012345678") == #""12345678901234567890123456789012345678""#)
        #expect(Self.roundTrip(Decimal.self, "1_000") == #""1000""#)
    }

    @Test(arguments: ["123456789012345678901234567890123456789", "1e200", "1e-200"])
    func foundationDecimalRejectsWhatItCannotHoldRatherThanRoundingIt(text: String) {
        #expect(
            validateParameter(Decimal.self, text, at: ["query", "d"]).detail
                == #"{"detail":[{"type":"decimal_max_digits","loc":["query","d"],"msg":"Decimal input should have no more than 38 digits in total","input":"\#(text)","ctx":{"max_digits":38}}]}"#
        )
    }

    @Test func foundationDecimalBoundsKeepTheirLiteralDigits() {
        // A `Decimal` literal goes through `Double`: 123.456 would be 123.45599999999997952.
        let spec = FieldSpec<Decimal>(le: 123.456)
        #expect(
            validateParameter(Decimal.self, "200", at: ["query", "d"], spec: spec).detail
                == #"{"detail":[{"type":"less_than_equal","loc":["query","d"],"msg":"Input should be less than or equal to 123.456","input":"200","ctx":{"le":123.456}}]}"#
        )
        #expect(validateParameter(Decimal.self, "123.456", at: ["query", "d"], spec: spec).value == Decimal(string: "123.456"))
        #expect(
            validateParameter(Decimal.self, "0.3", at: ["query", "d"], spec: FieldSpec(multipleOf: 0.1)).value == Decimal(string: "0.3"))
    }

    // MARK: Hostile sizes

    @Test func aMillionDigitsAreReadAndWrittenInLinearTime() throws {
        let digits = String(repeating: "7", count: 1_000_000)
        let clock = ContinuousClock()
        let start = clock.now
        let value = try #require(try validateBody(ExactDecimal.self, "\"\(digits).25\"").value)
        #expect(value.description.count == 1_000_003)
        #expect(value > ExactDecimal("7e999999") && value.isMultiple(of: 0.05))
        #expect(Set([value, value]).count == 1)
        let huge = String(repeating: "9", count: 1_000_000)
        #expect(validateParameter(Decimal.self, huge, at: ["query", "d"]).detail.contains(#""type":"decimal_max_digits""#))
        #expect(try validateBody(ExactDecimal.self, "0.\(huge)").value?.description == "1.0")
        #expect(validateParameter(ExactDecimal.self, "1e" + huge, at: ["query", "d"]).detail.contains(#""type":"decimal_parsing""#))
        // Quadratic work on a million digits would take minutes; linear takes milliseconds (debug build, loaded machine).
        #expect(clock.now - start < .seconds(20))
    }
}
