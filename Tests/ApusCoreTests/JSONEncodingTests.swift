#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import ApusCore
import Testing

/// JSON bodies as Starlette's `JSONResponse` writes them.
@Suite struct JSONEncodingTests {
    static func json(_ value: some Encodable) throws -> String {
        String(buffer: try Response.json(value).body.buffer ?? ByteBuffer())
    }

    struct Item: Encodable {
        let zeta: Int
        let alpha: String
        let middle: [Double]
        let nested: Nested
    }

    struct Nested: Encodable {
        let b: Bool
        let a: String?
    }

    @Test func keysKeepDeclarationOrderAtEveryLevel() throws {
        let item = Item(zeta: 1, alpha: "x", middle: [1.5], nested: Nested(b: true, a: nil))
        #expect(try Self.json(item) == #"{"zeta":1,"alpha":"x","middle":[1.5],"nested":{"b":true}}"#)
    }

    @Test func floatsAreWrittenAsPythonDoes() throws {
        #expect(try Self.json([1.0, 0.1, 1e-05, 1e16, 123.456, -0.0]) == "[1.0,0.1,1e-05,1e+16,123.456,-0.0]")
        // Swift's own description switches to exponents earlier than Python's repr does.
        #expect(try Self.json([1e15, Double.leastNonzeroMagnitude]) == "[1000000000000000.0,5e-324]")
        #expect(try Self.json([Float(0.1), Float(2e7)]) == "[0.1,20000000.0]")
    }

    /// The one rule for non-finite floats (ApusWireFormats' `JSONText`): `null`, as FastAPI writes them in a
    /// typed return, the same as `SchemaValue` output.
    @Test func nonFiniteFloatsAreNull() throws {
        #expect(try Self.json([Double.nan, .infinity, -.infinity]) == "[null,null,null]")
        #expect(try Self.json(["x": Float.infinity]) == #"{"x":null}"#)
    }

    @Test func stringsEscapeOnlyWhatPythonEscapes() throws {
        #expect(try Self.json("a\"b\\c/d\n\t\u{1}é😀") == #""a\"b\\c/d\n\t\u0001é😀""#)
    }

    @Test func everyIntegerWidth() throws {
        let values: [any Encodable] = [Int8(-8), Int16(16), Int32(32), Int64(-64), UInt(1), UInt8(8), UInt16(16), UInt32(32), UInt64.max]
        #expect(try values.map { try Self.json($0) } == ["-8", "16", "32", "-64", "1", "8", "16", "32", "18446744073709551615"])
    }

    @Test func foundationValuesAsPydanticJSONMode() throws {
        #expect(try Self.json(Date(timeIntervalSince1970: 0)) == #""1970-01-01T00:00:00Z""#)
        #expect(try Self.json(Date(timeIntervalSince1970: 1_704_164_645.123)) == #""2024-01-02T03:04:05.123000Z""#)
        #expect(try Self.json([Date(timeIntervalSince1970: -1e12)]) == "[null]")  // before year 1
        #expect(try Self.json(UUID(uuidString: "0E9E8C2A-3B1D-4F5E-9A7B-1C2D3E4F5A6B")!) == #""0e9e8c2a-3b1d-4f5e-9a7b-1c2d3e4f5a6b""#)
        #expect(try Self.json(Data([1, 2, 3])) == #""AQID""#)
        #expect(try Self.json(URL(string: "https://example.com/a?b=c")!) == #""https://example.com/a?b=c""#)
        #expect(try Self.json(Decimal(string: "1.50")!) == #""1.5""#)
    }

    @Test func optionalNilIsNull() throws {
        #expect(try Self.json([1, nil, 3] as [Int?]) == "[1,null,3]")
    }

    @Test func typeEncodingNothingIsEmptyObject() throws {
        struct Empty: Encodable {
            func encode(to encoder: any Encoder) throws {}
        }
        #expect(try Self.json(Empty()) == "{}")
    }

    @Test func subclassSharesItsSuperclassContainer() throws {
        class Base: Encodable {
            let base = 1
            enum CodingKeys: String, CodingKey { case base }
        }
        final class Derived: Base {
            let derived = 2
            enum DerivedKeys: String, CodingKey { case derived }
            override func encode(to encoder: any Encoder) throws {
                try super.encode(to: encoder)
                var container = encoder.container(keyedBy: DerivedKeys.self)
                try container.encode(self.derived, forKey: .derived)
            }
        }
        #expect(try Self.json(Derived()) == #"{"base":1,"derived":2}"#)
    }

    @Test func superEncoderNestsUnderSuper() throws {
        struct Wrapper: Encodable {
            enum CodingKeys: String, CodingKey { case own }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode("o", forKey: .own)
                try "s".encode(to: container.superEncoder())
            }
        }
        #expect(try Self.json(Wrapper()) == #"{"own":"o","super":"s"}"#)
    }

    @Test func repeatedKeyReplacesValueInPlace() throws {
        struct Twice: Encodable {
            enum CodingKeys: String, CodingKey { case a, b }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(1, forKey: .a)
                try container.encode(2, forKey: .b)
                try container.encode(3, forKey: .a)
            }
        }
        #expect(try Self.json(Twice()) == #"{"a":3,"b":2}"#)
    }
}
