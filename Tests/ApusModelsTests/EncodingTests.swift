import ApusModels
import Foundation
import Testing

/// Encoding: compact bytes, Pydantic's typed-output spellings, and FastAPI's exclude options.
@Suite struct EncodingTests {
    @Test func modelsEncodeInFieldOrder() {
        let user = User(name: "x", age: 3, address: Address(street: "s", zip: 1))
        #expect(String(decoding: user.jsonBytes(), as: UTF8.self) == #"{"name":"x","age":3,"address":{"street":"s","zip":1}}"#)
    }

    @Test func includeAndExcludeApplyToTopLevelFields() {
        let user = User(name: "x", age: 3, address: Address(street: "s", zip: 1))
        #expect(String(decoding: user.jsonBytes(options: EncodingOptions(includedFields: ["age"])), as: UTF8.self) == #"{"age":3}"#)
        #expect(
            String(decoding: user.jsonBytes(options: EncodingOptions(excludedFields: ["address", "zip"])), as: UTF8.self)
                == #"{"name":"x","age":3}"#)
    }

    @Test func datesAreWrittenAsPydanticTypedOutput() {  // json_encoding.txt "typed model"
        let date = Date(timeIntervalSince1970: 1_704_164_645.123)
        #expect(String(decoding: date.jsonBytes(), as: UTF8.self) == #""2024-01-02T03:04:05.123000Z""#)
        #expect(String(decoding: Date(timeIntervalSince1970: 1_704_164_645).jsonBytes(), as: UTF8.self) == #""2024-01-02T03:04:05Z""#)
    }

    @Test func nonFiniteFloatsAreNullInTypedOutput() {  // json_encoding.txt "NaN/inf /typed"
        #expect(String(decoding: [Double.nan, .infinity, 1e20].jsonBytes(), as: UTF8.self) == "[null,null,1e+20]")
    }

    @Test func decimalsAndUUIDsAreStrings() throws {
        #expect(String(decoding: try #require(Decimal(string: "2")).jsonBytes(), as: UTF8.self) == #""2""#)
        let uuid = try #require(UUID(uuidString: "00000000-0000-0000-0000-000000000001"))
        #expect(String(decoding: uuid.jsonBytes(), as: UTF8.self) == #""00000000-0000-0000-0000-000000000001""#)
    }

    @Test func nilIsNullUnlessDropped() {
        let values: [Int?] = [1, nil]
        #expect(String(decoding: values.jsonBytes(), as: UTF8.self) == "[1,null]")
    }

    @Test func decodedModelRoundTrips() throws {
        let text = #"{"name":"x","age":3,"address":{"street":"s","zip":1}}"#
        let user = try #require(try validateBody(User.self, text).value)
        #expect(String(decoding: user.jsonBytes(), as: UTF8.self) == text)
    }
}
