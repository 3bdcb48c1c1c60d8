import ApusModels
import Foundation
import Testing

struct PlainAddress: Codable, Sendable, Equatable {
    var street: String
    var zip: Int
}

struct PlainUser: Codable, Sendable, Equatable {
    var name: String
    var age: Int
    var address: PlainAddress
    var nickname: String?
    var scores: [Double]
}

enum PlainColor: String, Codable, Sendable {
    case red, green
}

struct PlainPaint: Codable, Sendable {
    var label: Int
    var color: PlainColor
}

/// Plain `Codable` types through the error-collecting fallback.
@Suite struct CodableFallbackTests {
    @Test func validPayloadDecodes() throws {
        let body = #"{"name":"x","age":"3","address":{"street":"s","zip":1},"scores":[1,2.5]}"#
        let user = try #require(try validateBody(CodableModel<PlainUser>.self, body).value)
        #expect(user.value == PlainUser(name: "x", age: 3, address: PlainAddress(street: "s", zip: 1), nickname: nil, scores: [1, 2.5]))
    }

    @Test func everyMissingKeyAndWrongLeafIsReportedAtOnce() throws {  // the reference's case b, through Codable
        let body = #"{"name":"x","age":"old","address":{"street":"s","zip":"abc"},"scores":[1,"z"]}"#
        #expect(
            try validateBody(CodableModel<PlainUser>.self, body).detail
                == #"{"detail":[{"type":"int_parsing","loc":["body","age"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"old"},{"type":"int_parsing","loc":["body","address","zip"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"abc"},{"type":"float_parsing","loc":["body","scores",1],"msg":"Input should be a valid number, unable to parse string as a number","input":"z"}]}"#
        )
    }

    @Test func missingKeysShowTheEnclosingObject() throws {
        #expect(
            try validateBody(CodableModel<PlainUser>.self, #"{"age":1}"#).detail
                == #"{"detail":[{"type":"missing","loc":["body","name"],"msg":"Field required","input":{"age":1}},{"type":"missing","loc":["body","address"],"msg":"Field required","input":{"age":1}},{"type":"missing","loc":["body","scores"],"msg":"Field required","input":{"age":1}}]}"#
        )
    }

    @Test func aTypeThatRejectsPlaceholdersStopsWithAValueError() throws {
        let detail = try validateBody(CodableModel<PlainPaint>.self, #"{"label":"x","color":"blue"}"#).detail
        let items = try #require(JSONValue(parsing: detail).objectValue?["detail"]?.arrayValue)
        #expect(items.map { $0.objectValue?["type"] } == ["int_parsing", "value_error"])
        #expect(items.last?.objectValue?["loc"] == ["body", "color"])
    }

    @Test func encodingUsesPythonSpelling() {
        let model = CodableModel(PlainAddress(street: "a/b", zip: 1))
        #expect(String(decoding: model.jsonBytes(), as: UTF8.self).contains(#""street":"a/b""#))
    }
}
