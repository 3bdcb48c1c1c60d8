#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An `Encoder` that writes JSON the way Starlette's `JSONResponse` does (`json.dumps(..., ensure_ascii=False,
/// separators=(",", ":"))`): keys in the order the value encodes them (declaration order for synthesised
/// `Codable`), compact, UTF-8 without `\u` escapes except for control characters, `/` not escaped, floats in
/// Python's shortest form (`1.0`, `1e-05`, `1e+16`).
///
/// Foundation's `JSONEncoder` keeps keys in a hash table, so their order changes from one process to the next;
/// FastAPI clients (and our differential tests) see declaration order, hence this encoder.
///
/// `Date` is ISO 8601, `Data` base64, `URL` its absolute string, `Decimal` a string (as Pydantic writes them in
/// JSON mode); a non-finite float is an error (Starlette refuses them too).
enum OrderedJSONEncoder {
    /// The JSON bytes of `value`.
    static func encode(_ value: some Encodable) throws -> ByteBuffer {
        let node = try JSONTreeEncoder.node(for: value, codingPath: [])
        var buffer = ByteBuffer()
        buffer.reserveCapacity(128)
        node.write(into: &buffer)
        return buffer
    }
}

/// A JSON value being built; containers are boxes so an `Encoder`'s containers can keep adding to them.
indirect enum JSONNode {
    case null
    case literal(String)
    case string(String)
    case array(JSONArrayBox)
    case object(JSONObjectBox)
    /// A value a `superEncoder` fills in later.
    case pending(JSONSlot)

    func write(into buffer: inout ByteBuffer) {
        switch self {
        case .null:
            buffer.writeStaticString("null")
        case .literal(let text):
            buffer.writeString(text)
        case .string(let text):
            JSONNode.writeQuoted(text, into: &buffer)
        case .array(let box):
            buffer.writeInteger(UInt8(ascii: "["))
            for (index, element) in box.elements.enumerated() {
                if index > 0 { buffer.writeInteger(UInt8(ascii: ",")) }
                element.write(into: &buffer)
            }
            buffer.writeInteger(UInt8(ascii: "]"))
        case .object(let box):
            buffer.writeInteger(UInt8(ascii: "{"))
            for index in box.keys.indices {
                if index > 0 { buffer.writeInteger(UInt8(ascii: ",")) }
                JSONNode.writeQuoted(box.keys[index], into: &buffer)
                buffer.writeInteger(UInt8(ascii: ":"))
                box.values[index].write(into: &buffer)
            }
            buffer.writeInteger(UInt8(ascii: "}"))
        case .pending(let slot):
            (slot.node ?? .object(JSONObjectBox())).write(into: &buffer)
        }
    }

    /// A JSON string as Python's `json.dumps(..., ensure_ascii=False)` writes it.
    static func writeQuoted(_ text: String, into buffer: inout ByteBuffer) {
        buffer.writeInteger(UInt8(ascii: "\""))
        let utf8 = text.utf8
        if !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            buffer.writeString(text)
        } else {
            let hex = Array("0123456789abcdef".utf8)
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "\""): buffer.writeStaticString("\\\"")
                case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
                case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
                case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
                case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
                case 0x08: buffer.writeStaticString("\\b")
                case 0x0C: buffer.writeStaticString("\\f")
                case ..<0x20:
                    buffer.writeStaticString("\\u00")
                    buffer.writeInteger(hex[Int(byte >> 4)])
                    buffer.writeInteger(hex[Int(byte & 0x0F)])
                default: buffer.writeInteger(byte)
                }
            }
        }
        buffer.writeInteger(UInt8(ascii: "\""))
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
        case let flag as Bool: return .literal(flag ? "true" : "false")
        case let number as Int: return .literal(String(number))
        case let number as Int8: return .literal(String(number))
        case let number as Int16: return .literal(String(number))
        case let number as Int32: return .literal(String(number))
        case let number as Int64: return .literal(String(number))
        case let number as UInt: return .literal(String(number))
        case let number as UInt8: return .literal(String(number))
        case let number as UInt16: return .literal(String(number))
        case let number as UInt32: return .literal(String(number))
        case let number as UInt64: return .literal(String(number))
        case let number as Double: return try self.float(number, codingPath: codingPath)
        case let number as Float: return try self.float(Double(number), codingPath: codingPath, text: number.description)
        case let date as Date: return .string(date.formatted(.iso8601))
        case let data as Data: return .string(data.base64EncodedString())
        case let url as URL: return .string(url.absoluteString)
        case let decimal as Decimal: return .string(decimal.description)
        default:
            let slot = JSONSlot()
            try value.encode(to: JSONTreeEncoder(slot: slot, codingPath: codingPath))
            return slot.node ?? .object(JSONObjectBox())
        }
    }

    static func float(_ number: Double, codingPath: [any CodingKey], text: String? = nil) throws -> JSONNode {
        guard number.isFinite else {
            throw EncodingError.invalidValue(
                number,
                EncodingError.Context(codingPath: codingPath, debugDescription: "Out of range float values are not JSON compliant")
            )
        }
        return .literal(text ?? number.description)
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
