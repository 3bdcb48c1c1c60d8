#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import ApusWireFormats

/// An `Encoder` that writes JSON the way Starlette's `JSONResponse` does (`json.dumps(..., ensure_ascii=False,
/// separators=(",", ":"))`): keys in the order the value encodes them (declaration order for synthesised
/// `Codable`), compact, and spelled by ApusWireFormats' `JSONText`, the rules ApusModels' `JSONWriter` follows
/// too: UTF-8 without `\u` escapes except for control characters, `/` not escaped, floats in Python's shortest
/// form (`1.0`, `1e-05`, `1e+16`), and a non-finite float as `null` (FastAPI's answer for a typed return; see
/// `JSONText`).
///
/// Foundation's `JSONEncoder` keeps keys in a hash table, so their order changes from one process to the next;
/// FastAPI clients (and our differential tests) see declaration order, hence this encoder.
///
/// `Date` is ISO 8601 as Pydantic writes it (`2024-01-02T03:04:05.123000Z`, `null` outside years 1 to 9999),
/// `UUID` lowercase, `Data` base64, `URL` its absolute string, `Decimal` a string: as `SchemaValue` writes them.
public enum OrderedJSONEncoder {
    /// The JSON bytes of `value`.
    public static func encode(_ value: some Encodable) throws -> ByteBuffer {
        let node = try JSONTreeEncoder.node(for: value, codingPath: [])
        var bytes: [UInt8] = []
        bytes.reserveCapacity(128)
        node.write(into: &bytes)
        return ByteBuffer(bytes: bytes)
    }
}

/// A JSON value being built; containers are boxes so an `Encoder`'s containers can keep adding to them.
indirect enum JSONNode {
    case null
    case bool(Bool)
    case integer(Int64)
    case unsignedInteger(UInt64)
    case double(Double)
    case float(Float)
    case string(String)
    case array(JSONArrayBox)
    case object(JSONObjectBox)
    /// A value a `superEncoder` fills in later.
    case pending(JSONSlot)

    func write(into output: inout [UInt8]) {
        switch self {
        case .null: JSONText.appendNull(to: &output)
        case .bool(let value): JSONText.appendBool(value, to: &output)
        case .integer(let value): JSONText.appendInteger(value, to: &output)
        case .unsignedInteger(let value): JSONText.appendInteger(value, to: &output)
        case .double(let value): JSONText.appendDouble(value, to: &output)
        case .float(let value): JSONText.appendFloat(value, to: &output)
        case .string(let text): JSONText.appendString(text, to: &output)
        case .array(let box):
            output.append(UInt8(ascii: "["))
            for (index, element) in box.elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                element.write(into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let box):
            output.append(UInt8(ascii: "{"))
            for index in box.keys.indices {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                JSONText.appendString(box.keys[index], to: &output)
                output.append(UInt8(ascii: ":"))
                box.values[index].write(into: &output)
            }
            output.append(UInt8(ascii: "}"))
        case .pending(let slot):
            (slot.node ?? .object(JSONObjectBox())).write(into: &output)
        }
    }
}

/// An object's members, in the order they were first set (setting a key again replaces its value in place).
final class JSONObjectBox {
    var keys: [String] = []
    var values: [JSONNode] = []
    private var positions: [String: Int] = [:]

    func set(_ value: JSONNode, for key: String) {
        if let position = self.positions[key] {
            self.values[position] = value
        } else {
            self.positions[key] = self.keys.count
            self.keys.append(key)
            self.values.append(value)
        }
    }
}

/// An array's elements.
final class JSONArrayBox {
    var elements: [JSONNode] = []
}

/// Where one value's encoding goes.
final class JSONSlot {
    var node: JSONNode?
}

/// The `Encoder` handed to `encode(to:)`: its containers write into its slot.
struct JSONTreeEncoder: Encoder {
    let slot: JSONSlot
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// The node for `value`, with the special cases Pydantic's JSON mode has.
    static func node<Value: Encodable>(for value: Value, codingPath: [any CodingKey]) throws -> JSONNode {
        switch value {
        case let text as String: return .string(text)
        case let flag as Bool: return .bool(flag)
        case let number as Int: return .integer(Int64(number))
        case let number as Int8: return .integer(Int64(number))
        case let number as Int16: return .integer(Int64(number))
        case let number as Int32: return .integer(Int64(number))
        case let number as Int64: return .integer(number)
        case let number as UInt: return .unsignedInteger(UInt64(number))
        case let number as UInt8: return .unsignedInteger(UInt64(number))
        case let number as UInt16: return .unsignedInteger(UInt64(number))
        case let number as UInt32: return .unsignedInteger(UInt64(number))
        case let number as UInt64: return .unsignedInteger(number)
        case let number as Double: return .double(number)
        case let number as Float: return .float(number)
        case let date as Date:
            return DateTimeText.format(secondsSince1970: date.timeIntervalSince1970).map(JSONNode.string) ?? .null
        case let uuid as UUID: return .string(uuid.uuidString.lowercased())
        case let data as Data: return .string(data.base64EncodedString())
        case let url as URL: return .string(url.absoluteString)
        case let decimal as Decimal: return .string(decimal.description)
        default:
            let slot = JSONSlot()
            try value.encode(to: JSONTreeEncoder(slot: slot, codingPath: codingPath))
            return slot.node ?? .object(JSONObjectBox())
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        // A class and its superclass share one container, as with Foundation's encoder.
        if case .object(let box) = self.slot.node {
            return KeyedEncodingContainer(JSONKeyedContainer<Key>(box: box, codingPath: self.codingPath))
        }
        let box = JSONObjectBox()
        self.slot.node = .object(box)
        return KeyedEncodingContainer(JSONKeyedContainer<Key>(box: box, codingPath: self.codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array(let box) = self.slot.node {
            return JSONUnkeyedContainer(box: box, codingPath: self.codingPath)
        }
        let box = JSONArrayBox()
        self.slot.node = .array(box)
        return JSONUnkeyedContainer(box: box, codingPath: self.codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        JSONSingleValueContainer(slot: self.slot, codingPath: self.codingPath)
    }
}

struct JSONKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: JSONObjectBox
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws {
        self.box.set(.null, for: key.stringValue)
    }

    mutating func encode<Value: Encodable>(_ value: Value, forKey key: Key) throws {
        self.box.set(try JSONTreeEncoder.node(for: value, codingPath: self.codingPath + [key]), for: key.stringValue)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type,
        forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested = JSONObjectBox()
        self.box.set(.object(nested), for: key.stringValue)
        return KeyedEncodingContainer(JSONKeyedContainer<NestedKey>(box: nested, codingPath: self.codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = JSONArrayBox()
        self.box.set(.array(nested), for: key.stringValue)
        return JSONUnkeyedContainer(box: nested, codingPath: self.codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder {
        self.superEncoder(named: "super")
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        self.superEncoder(named: key.stringValue)
    }

    private func superEncoder(named name: String) -> any Encoder {
        let slot = JSONSlot()
        self.box.set(.pending(slot), for: name)
        return JSONTreeEncoder(slot: slot, codingPath: self.codingPath)
    }
}

struct JSONUnkeyedContainer: UnkeyedEncodingContainer {
    let box: JSONArrayBox
    let codingPath: [any CodingKey]
    var count: Int { self.box.elements.count }

    mutating func encodeNil() throws {
        self.box.elements.append(.null)
    }

    mutating func encode<Value: Encodable>(_ value: Value) throws {
        self.box.elements.append(try JSONTreeEncoder.node(for: value, codingPath: self.codingPath))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = JSONObjectBox()
        self.box.elements.append(.object(nested))
        return KeyedEncodingContainer(JSONKeyedContainer<NestedKey>(box: nested, codingPath: self.codingPath))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = JSONArrayBox()
        self.box.elements.append(.array(nested))
        return JSONUnkeyedContainer(box: nested, codingPath: self.codingPath)
    }

    mutating func superEncoder() -> any Encoder {
        let slot = JSONSlot()
        self.box.elements.append(.pending(slot))
        return JSONTreeEncoder(slot: slot, codingPath: self.codingPath)
    }
}

struct JSONSingleValueContainer: SingleValueEncodingContainer {
    let slot: JSONSlot
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws {
        self.slot.node = .null
    }

    mutating func encode<Value: Encodable>(_ value: Value) throws {
        self.slot.node = try JSONTreeEncoder.node(for: value, codingPath: self.codingPath)
    }
}
