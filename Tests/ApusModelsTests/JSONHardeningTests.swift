import Apus
import Testing

// Hostile JSON (issue 8 §1): nesting past Python's recursion limit, objects with 10^5 keys, integers past
// Python's 4,300-digit limit, and the encodings `json.loads(bytes)` detects. Expected behaviour was observed
// on FastAPI 0.163.2 / Python 3.11.7 (`json.loads`).

@Schema
struct HardenedItem {
    var name: String
    var tags: [String] = []
    var scores: [String: [Int]] = [:]
}

@Schema(extraKeys: .forbid)
struct HardenedStrict {
    var name: String
}

/// A model that nests itself, so the validating decoder recurses once per level of the document.
@Schema
struct HardenedTree {
    var children: [HardenedTree] = []
}

/// The same shape through the `Codable` fallback.
struct PlainTree: Codable, Sendable {
    var children: [PlainTree]
}

/// `depth` nested `open`s around `inner`, then the closers; built as bytes without recursion.
func nested(_ depth: Int, open: String = "[", close: String = "]", inner: String = "") -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(depth * (open.utf8.count + close.utf8.count) + inner.utf8.count)
    for _ in 0..<depth { bytes.append(contentsOf: open.utf8) }
    bytes.append(contentsOf: inner.utf8)
    for _ in 0..<depth { bytes.append(contentsOf: close.utf8) }
    return bytes
}

/// `{"name":"a",<key>:<value>}`.
func itemBody(_ key: String, _ value: [UInt8]) -> [UInt8] {
    Array(#"{"name":"a","\#(key)":"#.utf8) + value + Array("}".utf8)
}

/// Validates `bytes` as `T`, returning the value and the 422 body, or the error thrown for a 400.
func validate<T: SchemaValue>(_ type: T.Type, _ bytes: [UInt8]) -> Result<(value: T?, detail: String), JSONParseError> {
    var errors: [ValidationErrorItem] = []
    do throws(JSONParseError) {
        let value = try T.validate(json: bytes, at: ["body"], errors: &errors)
        return .success((value, String(decoding: errors.validationErrorBody, as: UTF8.self)))
    } catch {
        return .failure(error)
    }
}

/// The error `validate` threw, or `nil` if it returned.
func thrown<T: SchemaValue>(_ type: T.Type, _ bytes: [UInt8]) -> JSONParseError? {
    if case .failure(let error) = validate(type, bytes) { return error }
    return nil
}

/// A value nested `depth` arrays deep, built without recursion.
func deepArrayValue(_ depth: Int) -> JSONValue {
    var value = JSONValue.array([])
    for _ in 1..<depth { value = .array([value]) }
    return value
}

/// Takes a deep value apart one level at a time: Swift destroys an indirect enum recursively, so letting a
/// value 50,000 deep go at once would overflow the stack in the test itself. `value` must be the only owner.
func dismantle(_ value: inout JSONValue) {
    while case .array(let elements) = value, let first = elements.first { value = first }
}

@Suite struct JSONDepthTests {
    @Test func millionNestedArraysAreTooDeepNotACrash() throws {
        #expect(throws: JSONParseError.tooDeep) { try JSONValue(parsing: nested(1_000_000)) }
    }

    @Test func millionNestedObjectsAreTooDeepNotACrash() throws {
        #expect(throws: JSONParseError.tooDeep) { try JSONValue(parsing: nested(1_000_000, open: #"{"a":"#, close: "}", inner: "1")) }
    }

    @Test func theLimitIsAThousandLevels() throws {
        #expect(JSONLimits.maximumDepth == 1000)
        let deepest = try JSONValue(parsing: nested(1000))
        #expect(deepest.jsonBytes == nested(1000))
        #expect(throws: JSONParseError.tooDeep) { try JSONValue(parsing: nested(1001)) }
        // An empty container is a level too, as it is for Python's recursion count.
        #expect(throws: JSONParseError.tooDeep) { try JSONValue(parsing: nested(1000, inner: "{}")) }
        #expect(try JSONValue(parsing: nested(999, inner: "{}")).jsonBytes == nested(999, inner: "{}"))
    }

    @Test func aSyntaxErrorBeforeTheDepthIsStillJSONInvalid() throws {
        // Python parses in document order: whichever problem comes first is reported.
        #expect(throws: JSONParseError.syntax(message: "Expecting value", characterOffset: 1)) {
            try JSONValue(parsing: Array("[,".utf8) + nested(2000))
        }
    }

    @Test func deepTopLevelBodyThrowsForA400() throws {
        #expect(thrown(HardenedItem.self, nested(1_000_000)) == .tooDeep)
        #expect(thrown([[Int]].self, nested(1_000_000)) == .tooDeep)
        #expect(thrown(HardenedItem.self, nested(1_000_000, open: #"{"a":"#, close: "}", inner: "1")) == .tooDeep)
    }

    @Test func deepTopLevelBodyWithinTheLimitIsA422() throws {
        let (value, detail) = try validate(HardenedItem.self, nested(900)).get()
        #expect(value == nil)
        #expect(
            detail.hasPrefix(
                #"{"detail":[{"type":"model_attributes_type","loc":["body"],"msg":"Input should be a valid dictionary or object to extract fields from","input":[[[["#
            ))
        #expect(detail.hasSuffix("]]]]}]}"))
    }

    @Test func deepIgnoredExtraFieldThrowsForA400() throws {
        #expect(thrown(HardenedItem.self, itemBody("x", nested(1_000_000))) == .tooDeep)
        #expect(thrown(HardenedItem.self, itemBody("x", nested(1_000_000, open: #"{"a":"#, close: "}", inner: "1"))) == .tooDeep)
        // The outer object is level 1, so 999 more fit and 1000 do not.
        #expect(try validate(HardenedItem.self, itemBody("x", nested(999))).get().value?.name == "a")
        #expect(thrown(HardenedItem.self, itemBody("x", nested(1000))) == .tooDeep)
    }

    @Test func deepForbiddenExtraFieldEchoesItsInputOrThrows() throws {
        #expect(thrown(HardenedStrict.self, itemBody("x", nested(1_000_000))) == .tooDeep)
        let (value, detail) = try validate(HardenedStrict.self, itemBody("x", nested(999))).get()
        #expect(value == nil)
        let expectedInput = String(decoding: nested(999), as: UTF8.self)
        #expect(
            detail
                == #"{"detail":[{"type":"extra_forbidden","loc":["body","x"],"msg":"Extra inputs are not permitted","input":\#(expectedInput)}]}"#
        )
    }

    @Test func deepValueInAListFieldEchoesItsInputOrThrows() throws {
        #expect(thrown(HardenedItem.self, itemBody("tags", nested(1_000_000))) == .tooDeep)
        let (_, detail) = try validate(HardenedItem.self, itemBody("tags", nested(999))).get()
        #expect(
            detail.hasPrefix(
                #"{"detail":[{"type":"string_type","loc":["body","tags",0],"msg":"Input should be a valid string","input":[[["#))
    }

    @Test func deepValueInADictionaryFieldEchoesItsInputOrThrows() throws {
        let deep = Array(#"{"k":"#.utf8) + nested(1_000_000) + Array("}".utf8)
        #expect(thrown(HardenedItem.self, itemBody("scores", deep)) == .tooDeep)
        let fits = Array(#"{"k":"#.utf8) + nested(998) + Array("}".utf8)
        let (_, detail) = try validate(HardenedItem.self, itemBody("scores", fits)).get()
        #expect(
            detail.hasPrefix(
                #"{"detail":[{"type":"int_type","loc":["body","scores","k",0],"msg":"Input should be a valid integer","input":[[["#))
    }

    @Test func recursiveModelStopsAtTheLimit() throws {
        let level = (#"{"children":["#, "]}")
        #expect(thrown(HardenedTree.self, nested(1_000_000, open: level.0, close: level.1)) == .tooDeep)
        // Each level is an object and an array: 500 levels are the deepest 1,000 containers allowed.
        #expect(try validate(HardenedTree.self, nested(499, open: level.0, close: level.1, inner: "{}")).get().value != nil)
        #expect(thrown(HardenedTree.self, nested(500, open: level.0, close: level.1, inner: "{}")) == .tooDeep)
    }

    @Test func codableFallbackStopsAtTheLimit() throws {
        let level = (#"{"children":["#, "]}")
        #expect(thrown(CodableModel<PlainTree>.self, nested(1_000_000, open: level.0, close: level.1)) == .tooDeep)
        let fits = nested(499, open: level.0, close: level.1, inner: #"{"children":[]}"#)
        #expect(try validate(CodableModel<PlainTree>.self, fits).get().value != nil)
    }

    @Test func writerWritesAValueBuiltDeeperThanAnyParsedOne() throws {
        var deep = deepArrayValue(50_000)
        let written = deep.jsonBytes
        dismantle(&deep)
        #expect(written == nested(50_000))
    }

    @Test func validatingABuiltValueTooDeepRecordsAnErrorInsteadOfPassingSilently() throws {
        var errors: [ValidationErrorItem] = []
        let deep = JSONValue.array([deepArrayValue(1500)])
        #expect([[Int]].validate(jsonValue: deep, at: ["body"], errors: &errors) == nil)
        #expect(
            String(decoding: errors.validationErrorBody, as: UTF8.self)
                == #"{"detail":[{"type":"json_invalid","loc":["body"],"msg":"JSON decode error","input":{},"ctx":{"error":"Nesting deeper than 1000 levels"}}]}"#
        )
    }
}

@Suite struct JSONIntegerLimitTests {
    static let digits4300 = String(repeating: "1", count: 4300)
    static let digits4301 = String(repeating: "1", count: 4301)

    @Test func integersUpToPythonsLimitParse() throws {
        #expect(try JSONValue(parsing: Self.digits4300) == .bigInteger(Self.digits4300))
        #expect(try JSONValue(parsing: "-" + Self.digits4300) == .bigInteger("-" + Self.digits4300))
    }

    @Test func longerIntegersAreRejectedNotNull() throws {
        #expect(throws: JSONParseError.integerTooLong) { try JSONValue(parsing: Self.digits4301) }
        #expect(throws: JSONParseError.integerTooLong) { try JSONValue(parsing: "[-" + Self.digits4301 + "]") }
    }

    @Test func floatsHaveNoDigitLimit() throws {
        #expect(try JSONValue(parsing: Self.digits4301 + ".5") != .null)
        #expect(try JSONValue(parsing: Self.digits4301 + "e1") != .null)
    }

    @Test func longIntegerAnywhereInABodyThrowsForA400() throws {
        #expect(thrown(HardenedItem.self, itemBody("x", Array(Self.digits4301.utf8))) == .integerTooLong)
        #expect(thrown(HardenedItem.self, itemBody("tags", Array("[\(Self.digits4301)]".utf8))) == .integerTooLong)
        #expect(thrown(Int.self, Array(Self.digits4301.utf8)) == .integerTooLong)
        #expect(thrown(HardenedStrict.self, itemBody("x", Array(Self.digits4301.utf8))) == .integerTooLong)
        #expect(throws: Never.self) { try validate(HardenedItem.self, itemBody("x", Array(Self.digits4300.utf8))).get() }
    }

    @Test func pythonReportsWhicheverComesFirst() throws {
        // `{"name":"a",,"x":<4301 digits>}`: the syntax error comes first, so it is a 422.
        let syntaxFirst = Array(#"{"name":"a",,"x":"#.utf8) + Array(Self.digits4301.utf8) + Array("}".utf8)
        let (_, detail) = try validate(HardenedItem.self, syntaxFirst).get()
        #expect(detail.contains(#""type":"json_invalid","loc":["body",12]"#))
        let integerFirst = Array(#"{"name":"a","x":"#.utf8) + Array(Self.digits4301.utf8) + Array(",,}".utf8)
        #expect(thrown(HardenedItem.self, integerFirst) == .integerTooLong)
    }
}

@Suite struct JSONEncodingDetectionTests {
    static let text = #"{"name":"é"}"#

    static let encodedBodies: [(String, [UInt8])] = [
        ("UTF-8 with BOM", [0xEF, 0xBB, 0xBF] + Array(text.utf8)),
        ("UTF-16 LE", utf16Bytes(text, bigEndian: false)), ("UTF-16 BE", utf16Bytes(text, bigEndian: true)),
        ("UTF-16 LE with BOM", [0xFF, 0xFE] + utf16Bytes(text, bigEndian: false)),
        ("UTF-16 BE with BOM", [0xFE, 0xFF] + utf16Bytes(text, bigEndian: true)),
        ("UTF-32 LE", utf32Bytes(text, bigEndian: false)), ("UTF-32 BE", utf32Bytes(text, bigEndian: true)),
        ("UTF-32 LE with BOM", [0xFF, 0xFE, 0x00, 0x00] + utf32Bytes(text, bigEndian: false)),
        ("UTF-32 BE with BOM", [0x00, 0x00, 0xFE, 0xFF] + utf32Bytes(text, bigEndian: true)),
    ]

    @Test(arguments: encodedBodies)
    func encodingsPythonDetectsAreAccepted(name: String, body: [UInt8]) throws {
        #expect(try JSONValue(parsing: body) == ["name": "é"], "\(name)")
        #expect(try validate(HardenedItem.self, body).get().value?.name == "é", "\(name)")
    }

    @Test func twoByteUTF16Scalars() throws {
        #expect(try JSONValue(parsing: utf16Bytes("5", bigEndian: false)) == 5)
        #expect(try JSONValue(parsing: utf16Bytes("5", bigEndian: true)) == 5)
        #expect(try JSONValue(parsing: utf16Bytes(#""😀""#, bigEndian: false)) == "😀")
    }

    @Test func errorOffsetsCountTheDecodedText() throws {
        // Python: `{"name":"é",}` in UTF-16 LE is json_invalid at 12; with a UTF-8 BOM `{"name":}` is at 8.
        #expect(throws: JSONParseError.syntax(message: "Expecting property name enclosed in double quotes", characterOffset: 12)) {
            try JSONValue(parsing: utf16Bytes(#"{"name":"é",}"#, bigEndian: false))
        }
        let (_, detail) = try validate(HardenedItem.self, [0xEF, 0xBB, 0xBF] + Array(#"{"name":}"#.utf8)).get()
        #expect(
            detail
                == #"{"detail":[{"type":"json_invalid","loc":["body",8],"msg":"JSON decode error","input":{},"ctx":{"error":"Expecting value"}}]}"#
        )
    }

    @Test func undecodableUTF16Or32IsA400() throws {
        #expect(throws: JSONParseError.invalidUTF8) { try JSONValue(parsing: utf16Bytes(Self.text, bigEndian: false) + [0x00]) }
        #expect(thrown(HardenedItem.self, utf16Bytes(Self.text, bigEndian: true) + [0x00]) == .invalidUTF8)
        #expect(throws: JSONParseError.invalidUTF8) { try JSONValue(parsing: utf32Bytes("1", bigEndian: false) + [0x00, 0x00]) }
        #expect(throws: JSONParseError.invalidUTF8) { try JSONValue(parsing: [0x31, 0x00, 0x00, 0x00, 0x00, 0x00, 0x11, 0x00]) }
    }

    @Test func loneUTF16SurrogatesBecomeReplacementCharacters() throws {
        #expect(try JSONValue(parsing: [0x22, 0x00, 0x00, 0xD8, 0x22, 0x00]) == "\u{FFFD}")
    }

    @Test func invalidUTF8AnywhereWinsOverAnEarlierSyntaxError() throws {
        // Python decodes the whole body before parsing it.
        #expect(throws: JSONParseError.invalidUTF8) { try JSONValue(parsing: Array(#"{"name":,""#.utf8) + [0xFF, 0x22, 0x7D]) }
    }

}

/// `text` as UTF-16 code units in the given byte order, without a byte order mark.
func utf16Bytes(_ text: String, bigEndian: Bool) -> [UInt8] {
    text.utf16.flatMap { unit in bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
}

/// `text` as UTF-32 in the given byte order, without a byte order mark.
func utf32Bytes(_ text: String, bigEndian: Bool) -> [UInt8] {
    text.unicodeScalars.flatMap { scalar in
        let value = scalar.value
        let bytes = [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
        return bigEndian ? bytes : bytes.reversed()
    }
}

@Suite struct JSONObjectHashingTests {
    static let keyCount = 100_000

    /// `{"k0":0,...,"k99999":99999}` plus `extra`.
    static func manyKeys(_ extra: String = "") -> [UInt8] {
        var text = "{"
        for index in 0..<keyCount { text += "\"k\(index)\":\(index)," }
        text.removeLast()
        return Array((text + extra + "}").utf8)
    }

    @Test func aHundredThousandKeysParseInOrder() throws {
        let object = try #require(try JSONValue(parsing: Self.manyKeys()).objectValue)
        #expect(object.count == Self.keyCount)
        #expect(object.first?.key == "k0" && object.last?.key == "k99999")
        #expect(object["k54321"] == 54321)
    }

    @Test func duplicatesKeepTheFirstPositionAndTheLastValue() throws {
        let object = try #require(try JSONValue(parsing: Self.manyKeys(#","k0":"last","k5":null"#)).objectValue)
        #expect(object.count == Self.keyCount)
        #expect(object[0] == JSONObject.Member(key: "k0", value: "last"))
        #expect(object[5] == JSONObject.Member(key: "k5", value: .null))
        #expect(object[6].key == "k6")
    }

    @Test func trailingCommaAfterManyKeysIsJSONInvalid() throws {
        var bytes = Self.manyKeys()
        bytes.insert(UInt8(ascii: ","), at: bytes.count - 1)
        let offset = bytes.count - 1
        #expect(throws: JSONParseError.syntax(message: "Expecting property name enclosed in double quotes", characterOffset: offset)) {
            try JSONValue(parsing: bytes)
        }
    }

    @Test func manyKeysThroughValidation() throws {
        // As an ignored extra field's value, and as a dictionary field's value.
        let body = Array(#"{"name":"a","x":"#.utf8) + Self.manyKeys() + Array("}".utf8)
        #expect(try validate(HardenedItem.self, body).get().value?.name == "a")
        var scores = "{"
        for index in 0..<Self.keyCount { scores += "\"k\(index)\":[\(index)]," }
        scores.removeLast()
        let item = try #require(try validate(HardenedItem.self, itemBody("scores", Array((scores + "}").utf8))).get().value)
        #expect(item.scores.count == Self.keyCount && item.scores["k777"] == [777])
    }

    @Test func aHundredThousandForbiddenKeysAreEachReportedInOrder() throws {
        var errors: [ValidationErrorItem] = []
        var body = Self.manyKeys()
        body.insert(contentsOf: Array(#""name":"a","#.utf8), at: 1)
        #expect(try HardenedStrict.validate(json: body, at: ["body"], errors: &errors) == nil)
        #expect(errors.count == Self.keyCount)
        #expect(errors.first?.location == ["body", "k0"] && errors.last?.location == ["body", "k99999"])
        #expect(errors.allSatisfy { $0.type == "extra_forbidden" })
    }

    @Test func objectAPIKeepsItsSemantics() throws {
        var object: JSONObject = ["a": 1, "b": 2]
        object["a"] = 3
        object["c"] = 4
        #expect(object.keys == ["a", "b", "c"])
        #expect(object.members == [.init(key: "a", value: 3), .init(key: "b", value: 2), .init(key: "c", value: 4)])
        object["b"] = nil
        #expect(object.keys == ["a", "c"])
        object.appendUnchecked("d", 5)
        #expect(JSONValue.object(object).jsonString == #"{"a":3,"c":4,"d":5}"#)
        // Equality and hashing follow member order, as they did when the members were an array.
        let forward: JSONObject = ["x": 1, "y": 2]
        let backward: JSONObject = ["y": 2, "x": 1]
        #expect(forward != backward)
        #expect(forward == JSONObject([("x", 1), ("y", 2)]))
        #expect(Set([forward, backward, JSONObject([("x", 1), ("y", 2)])]).count == 2)
        #expect(JSONObject([("k", 1), ("k", 2)]).members == [.init(key: "k", value: 2)])
    }
}

/// `json.loads` keeps the last value of a repeated key (at the first key's position) before Pydantic sees the
/// object, so only the last occurrence is validated. Expected bodies observed on FastAPI 0.163.2.
@Suite struct JSONDuplicateKeyValidationTests {
    @Test func aRepeatedFieldIsValidatedByItsLastValueOnly() throws {
        #expect(try validate(HardenedItem.self, Array(#"{"name":1,"name":"a"}"#.utf8)).get().value?.name == "a")
        #expect(
            try validate(HardenedItem.self, Array(#"{"name":"a","name":1}"#.utf8)).get().detail
                == #"{"detail":[{"type":"string_type","loc":["body","name"],"msg":"Input should be a valid string","input":1}]}"#)
    }

    @Test func aRepeatedForbiddenKeyIsReportedOnceAtItsFirstPositionWithItsLastValue() throws {
        #expect(
            try validate(HardenedStrict.self, Array(#"{"x":1,"name":"a","y":2,"x":3}"#.utf8)).get().detail
                == #"{"detail":[{"type":"extra_forbidden","loc":["body","x"],"msg":"Extra inputs are not permitted","input":3},{"type":"extra_forbidden","loc":["body","y"],"msg":"Extra inputs are not permitted","input":2}]}"#
        )
    }

    @Test func aHundredThousandRepeatsOfOneKey() throws {
        let repeats = String(repeating: #""name":1,"#, count: 100_000)
        #expect(try validate(HardenedItem.self, Array(#"{\#(repeats)"name":"a"}"#.utf8)).get().value?.name == "a")
        let extras = String(repeating: #""x":1,"#, count: 100_000)
        let (_, detail) = try validate(HardenedStrict.self, Array(#"{\#(extras)"name":"a","x":2}"#.utf8)).get()
        #expect(detail == #"{"detail":[{"type":"extra_forbidden","loc":["body","x"],"msg":"Extra inputs are not permitted","input":2}]}"#)
    }
}

@Suite struct ValidationErrorBodyWriterTests {
    @Test func theDirectWriterSpellsItemsAsTheirJSONValues() throws {
        let items = [
            ValidationErrorItem(type: "missing", location: ["body", "a", 3], message: "Field required", input: nil),
            ValidationErrorItem(
                type: "greater_than", location: ["body", "é\"q"], message: "Input should be greater than 0", input: ["x": [1, 2.5]],
                context: ["gt": 0.0]),
        ]
        let viaTree = JSONValue.object(["detail": .array(items.map(\.jsonValue))]).jsonBytes
        #expect(items.validationErrorBody == viaTree)
        #expect([ValidationErrorItem]().validationErrorBody == Array(#"{"detail":[]}"#.utf8))
    }
}

/// The object index (a linear scan up to 16 members, a hash table past that, built in one pass when the parser
/// closes an object) against a reference model of Python's `dict`: first position, last value.
@Suite struct JSONObjectIndexTests {
    /// `(key, value)` pairs folded the way `json.loads` folds them, by scanning.
    static func reference(_ pairs: [(String, Int)]) -> [(String, Int)] {
        var result: [(String, Int)] = []
        for (key, value) in pairs {
            if let position = result.firstIndex(where: { $0.0 == key }) { result[position].1 = value } else { result.append((key, value)) }
        }
        return result
    }

    static func text(_ pairs: [(String, Int)]) -> String {
        "{" + pairs.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }

    /// Sizes on both sides of the 16-member scan limit and of table growth, with repeats early, late and
    /// adjacent.
    static let shapes: [[(String, Int)]] = [10, 16, 17, 18, 40, 1000].flatMap { count -> [[(String, Int)]] in
        let distinct = (0..<count).map { ("k\($0)", $0) }
        let repeatsFirst = distinct + [("k0", -1)]
        let everyThird = (0..<count).map { ("k\($0 % (count / 3 + 1))", $0) }
        let pairs = (0..<count).flatMap { [("a\($0)", $0), ("a\($0)", -$0)] }
        return [distinct, repeatsFirst, everyThird, pairs]
    }

    @Test(arguments: shapes)
    func parsedObjectsFoldRepeatsAsPython(_ pairs: [(String, Int)]) throws {
        let object = try #require(try JSONValue(parsing: Self.text(pairs)).objectValue)
        let expected = Self.reference(pairs)
        #expect(object.map(\.key) == expected.map(\.0))
        #expect(object.map(\.value) == expected.map { JSONValue.int($0.1) })
        for (key, value) in expected { #expect(object[key] == .int(value)) }
        #expect(object["absent"] == nil)
        // The same object built in code, through the subscript, and through the pairs initialiser.
        var assigned = JSONObject()
        for (key, value) in pairs { assigned[key] = .int(value) }
        #expect(assigned == object)
        #expect(JSONObject(pairs.map { ($0.0, JSONValue.int($0.1)) }) == object)
        #expect(JSONValue.object(object).jsonString == Self.text(expected))
    }

    @Test func removingAndReassigningPastTheScanLimitKeepsLookupsRight() throws {
        var object = JSONObject()
        for index in 0..<40 { object["k\(index)"] = .int(index) }
        for index in stride(from: 0, to: 40, by: 3) { object["k\(index)"] = nil }
        object["k1"] = 100
        object["new"] = 7
        var expected = (0..<40).filter { $0 % 3 != 0 }.map { ("k\($0)", $0) }
        expected[0].1 = 100
        expected.append(("new", 7))
        #expect(object.keys == expected.map(\.0))
        for (key, value) in expected { #expect(object[key] == .int(value)) }
        #expect(object["k0"] == nil && object["k39"] == nil)
        // Down to the scan limit and back over it.
        for (key, _) in expected.dropFirst(10) { object[key] = nil }
        #expect(object.count == 10 && object["k1"] == 100)
        for index in 0..<20 { object["z\(index)"] = .int(index) }
        #expect(object.count == 30 && object["z19"] == 19 && object["k1"] == 100)
        var reserved = JSONObject()
        reserved.reserveCapacity(1000)
        reserved["a"] = 1
        reserved["a"] = 2
        #expect(reserved.members == [.init(key: "a", value: 2)])
    }

    @Test func aDictionaryFieldKeepsTheLastValueOfARepeatedKey() throws {
        var scores = (0..<50).map { "\"k\($0)\":[\($0)]" }
        scores.append(contentsOf: ["\"k3\":[-3]", "\"k49\":[]"])
        let item = try #require(
            try validate(HardenedItem.self, itemBody("scores", Array(("{" + scores.joined(separator: ",") + "}").utf8))).get().value)
        #expect(item.scores.count == 50)
        #expect(item.scores["k3"] == [-3] && item.scores["k49"] == [] && item.scores["k0"] == [0])
        // One bad value anywhere fails the field, repeated or not.
        let bad = Array(#"{"a":[1],"b":["x"],"a":[2]}"#.utf8)
        #expect(
            try validate(HardenedItem.self, itemBody("scores", bad)).get().detail
                == #"{"detail":[{"type":"int_parsing","loc":["body","scores","b",0],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"}]}"#
        )
    }

    @Test func anEchoedInputIsTheParsedTreeWrittenBack() throws {
        // A missing field echoes the whole object, repeats folded, byte for byte as writing its tree.
        var members = (0..<100).map { "\"k\($0)\":{\"v\":\($0),\"v\":[\($0),\"é\\n\"]}" }
        members.append(contentsOf: ["\"k7\":null", "\"k99\":1.5"])
        let body = Array(("{" + members.joined(separator: ",") + "}").utf8)
        let detail = try validate(HardenedItem.self, body).get().detail
        let echoed = String(decoding: try JSONValue(parsing: body).jsonBytes, as: UTF8.self)
        #expect(detail == #"{"detail":[{"type":"missing","loc":["body","name"],"msg":"Field required","input":"# + echoed + "}]}")
        #expect(echoed.hasPrefix(#"{"k0":{"v":[0,"é\n"]},"k1":"#) && echoed.contains(#""k7":null,"#) && echoed.hasSuffix(#""k99":1.5}"#))
    }
}
