/// Parses JSON text into a ``JSONValue`` with the grammar and error messages of CPython 3.11's `json.loads`.
///
/// Python is more lenient than RFC 8259 in one way (it accepts `NaN`, `Infinity` and `-Infinity`) and this
/// parser follows it, because FastAPI parses bodies with `json.loads`. Errors carry Python's message and
/// position so a `json_invalid` 422 matches FastAPI byte for byte. Lone UTF-16 surrogates in `\u` escapes,
/// which Python keeps, become U+FFFD because a Swift `String` cannot hold them.
///
/// The parser does not recurse: containers being filled are kept on explicit stacks, so its stack use is
/// constant however deep the text nests, and nesting past ``JSONLimits/maximumDepth`` is
/// ``JSONParseError/tooDeep`` (Python's `RecursionError`), which also keeps every tree built from the wire
/// shallow enough for `JSONValue`'s recursive destruction, equality and hashing.
enum JSONParser {
    /// Parses a complete document (surrounding whitespace allowed), in the encoding `json.loads` detects.
    static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        let result: Result<JSONValue, JSONParseError> = bytes.withUnsafeBufferPointer { buffer in
            switch JSONTextEncoding.utf8Text(of: buffer) {
            case .original(let prefixLength): parse(utf8: UnsafeBufferPointer(rebasing: buffer[prefixLength...]))
            case .transcoded(let utf8): utf8.withUnsafeBufferPointer { parse(utf8: $0) }
            case .undecodable: .failure(.invalidUTF8)
            }
        }
        return try result.get()
    }

    /// Parses a complete document that is already UTF-8 (its encoding detected, a byte order mark removed).
    static func parse(utf8 buffer: UnsafeBufferPointer<UInt8>) -> Result<JSONValue, JSONParseError> {
        var parser = Cursor(bytes: buffer)
        do throws(ParseFailure) {
            parser.skipWhitespace()
            let value = try parser.parseValue()
            parser.skipWhitespace()
            if parser.position != buffer.count { throw .syntax("Extra data", byteOffset: parser.position) }
            return .success(value)
        } catch {
            // Python decodes the whole body before parsing, so bytes that are not UTF-8 anywhere win over any
            // error the parser found before reaching them.
            guard String(validating: buffer, as: UTF8.self) != nil else { return .failure(.invalidUTF8) }
            switch error {
            case .syntax(let message, let byteOffset):
                return .failure(.syntax(message: message, characterOffset: characterOffset(of: byteOffset, in: buffer)))
            case .fatal(let reason):
                return .failure(reason)
            }
        }
    }

    /// Parses one value starting at `offset` in a document already known to be valid (used to build error
    /// `input` values lazily). Returns `.null` if the text there is not valid, which cannot happen for
    /// offsets handed out by ``JSONReader``.
    static func parseValue(in buffer: UnsafeBufferPointer<UInt8>, at offset: Int) -> JSONValue {
        var parser = Cursor(bytes: buffer)
        parser.position = offset
        parser.skipWhitespace()
        return (try? parser.parseValue()) ?? .null
    }

    /// Python reports positions in code points; UTF-8 continuation bytes do not start one.
    static func characterOffset(of byteOffset: Int, in buffer: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        for index in 0..<min(byteOffset, buffer.count) where buffer[index] & 0xC0 != 0x80 { count += 1 }
        return count
    }

    enum ParseFailure: Error {
        /// A `JSONDecodeError` with Python's message, at a byte offset.
        case syntax(String, byteOffset: Int)
        /// Any other exception `json.loads` raises.
        case fatal(JSONParseError)
    }

    struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func skipWhitespace() {
            while position < bytes.count {
                switch bytes[position] {
                case 0x20, 0x09, 0x0A, 0x0D: position += 1
                default: return
                }
            }
        }

        func fail(_ message: String, _ offset: Int) -> ParseFailure { .syntax(message, byteOffset: offset) }

        enum ContainerKind {
            case array, object
            var closing: UInt8 { self == .array ? UInt8(ascii: "]") : UInt8(ascii: "}") }
        }

        /// Parses one value at `position` (no whitespace before it) and everything nested in it.
        mutating func parseValue() throws(ParseFailure) -> JSONValue {
            // The open containers, innermost last. Arrays and objects are on stacks of their own so that adding
            // a member mutates the innermost one in place rather than copying it. An object's members are
            // collected in order, repeats included, and made a `JSONObject` (repeats merged) when it closes.
            var kinds: [ContainerKind] = []
            var arrays: [[JSONValue]] = []
            var objects: [[JSONObject.Member]] = []
            var keys: [String] = []
            while true {
                var value: JSONValue
                guard position < bytes.count else { throw fail("Expecting value", position) }
                switch bytes[position] {
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    // Python enters a recursion level for every container, an empty one too.
                    guard kinds.count < JSONLimits.maximumDepth else { throw .fatal(.tooDeep) }
                    let kind: ContainerKind = bytes[position] == UInt8(ascii: "[") ? .array : .object
                    position += 1
                    skipWhitespace()
                    if position < bytes.count, bytes[position] == kind.closing {
                        position += 1
                        value = kind == .array ? .array([]) : .object(JSONObject())
                    } else {
                        if kind == .array {
                            arrays.append([])
                        } else {
                            keys.append(try parseKey())
                            objects.append([])
                        }
                        kinds.append(kind)
                        continue
                    }
                default:
                    value = try parseScalar()
                }
                // Store the value in its container; close every container that ends here.
                while true {
                    guard let kind = kinds.last else { return value }
                    skipWhitespace()
                    switch kind {
                    case .array: arrays[arrays.count - 1].append(value)
                    case .object: objects[objects.count - 1].append(JSONObject.Member(key: keys.removeLast(), value: value))
                    }
                    if position < bytes.count, bytes[position] == kind.closing {
                        position += 1
                        kinds.removeLast()
                        value = kind == .array ? .array(arrays.removeLast()) : .object(JSONObject(mergingDuplicates: objects.removeLast()))
                        continue
                    }
                    guard position < bytes.count, bytes[position] == UInt8(ascii: ",") else {
                        throw fail("Expecting ',' delimiter", position)
                    }
                    position += 1
                    skipWhitespace()
                    if kind == .object { keys.append(try parseKey()) }
                    break
                }
            }
        }

        /// A member's key and the `:` after it, with the whitespace around them; at the start of the key.
        mutating func parseKey() throws(ParseFailure) -> String {
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw fail("Expecting property name enclosed in double quotes", position)
            }
            let key = try parseString()
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                throw fail("Expecting ':' delimiter", position)
            }
            position += 1
            skipWhitespace()
            return key
        }

        /// A string, literal or number at `position`.
        mutating func parseScalar() throws(ParseFailure) -> JSONValue {
            switch bytes[position] {
            case UInt8(ascii: "\""): return .string(try parseString())
            case UInt8(ascii: "n") where matches("null"):
                position += 4
                return .null
            case UInt8(ascii: "t") where matches("true"):
                position += 4
                return .bool(true)
            case UInt8(ascii: "f") where matches("false"):
                position += 5
                return .bool(false)
            case UInt8(ascii: "N") where matches("NaN"):
                position += 3
                return .double(.nan)
            case UInt8(ascii: "I") where matches("Infinity"):
                position += 8
                return .double(.infinity)
            case UInt8(ascii: "-") where matches("-Infinity"):
                position += 9
                return .double(-.infinity)
            default: return try parseNumber()
            }
        }

        func matches(_ literal: StaticString) -> Bool {
            let count = literal.utf8CodeUnitCount
            guard position + count <= bytes.count else { return false }
            let pointer = literal.utf8Start
            for index in 0..<count where bytes[position + index] != pointer[index] { return false }
            return true
        }

        mutating func parseNumber() throws(ParseFailure) -> JSONValue {
            guard let token = JSONNumberScanner.scan(bytes, at: position) else { throw fail("Expecting value", position) }
            if token.exceedsDigitLimit(in: bytes) { throw .fatal(.integerTooLong) }
            position = token.end
            return token.value(in: bytes)
        }

        mutating func parseString() throws(ParseFailure) -> String {
            let scanner = JSONStringScanner(bytes: bytes, position: position)
            switch scanner.scan() {
            case .success(let token):
                position = token.end
                guard let string = token.decode(in: bytes) else { throw .fatal(.invalidUTF8) }
                return string
            case .failure(let error):
                throw fail(error.message, error.byteOffset)
            }
        }
    }
}
