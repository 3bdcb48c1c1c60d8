/// Parses JSON text into a ``JSONValue`` with the grammar and error messages of CPython 3.11's `json.loads`.
///
/// Python is more lenient than RFC 8259 in one way (it accepts `NaN`, `Infinity` and `-Infinity`) and this
/// parser follows it, because FastAPI parses bodies with `json.loads`. Errors carry Python's message and
/// position so a `json_invalid` 422 matches FastAPI byte for byte. Lone UTF-16 surrogates in `\u` escapes,
/// which Python keeps, become U+FFFD because a Swift `String` cannot hold them.
enum JSONParser {
    /// Parses a complete document (surrounding whitespace allowed).
    static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        let result: Result<JSONValue, JSONParseError> = bytes.withUnsafeBufferPointer { buffer in
            var parser = Cursor(bytes: buffer)
            do throws(ParseFailure) {
                parser.skipWhitespace()
                let value = try parser.parseValue()
                parser.skipWhitespace()
                if parser.position != buffer.count { throw ParseFailure(message: "Extra data", byteOffset: parser.position) }
                return .success(value)
            } catch {
                if error.message == ParseFailure.invalidUTF8 { return .failure(.invalidUTF8) }
                return .failure(
                    .syntax(message: error.message, characterOffset: characterOffset(of: error.byteOffset, in: buffer)))
            }
        }
        return try result.get()
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

    struct ParseFailure: Error {
        static let invalidUTF8 = "\u{0}invalid UTF-8"
        var message: String
        var byteOffset: Int
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

        func fail(_ message: String, _ offset: Int) -> ParseFailure { ParseFailure(message: message, byteOffset: offset) }

        mutating func parseValue() throws(ParseFailure) -> JSONValue {
            guard position < bytes.count else { throw fail("Expecting value", position) }
            switch bytes[position] {
            case UInt8(ascii: "\""): return .string(try parseString())
            case UInt8(ascii: "{"): return try parseObject()
            case UInt8(ascii: "["): return try parseArray()
            case UInt8(ascii: "n") where matches("null"): position += 4; return .null
            case UInt8(ascii: "t") where matches("true"): position += 4; return .bool(true)
            case UInt8(ascii: "f") where matches("false"): position += 5; return .bool(false)
            case UInt8(ascii: "N") where matches("NaN"): position += 3; return .double(.nan)
            case UInt8(ascii: "I") where matches("Infinity"): position += 8; return .double(.infinity)
            case UInt8(ascii: "-") where matches("-Infinity"): position += 9; return .double(-.infinity)
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
            position = token.end
            return token.value(in: bytes)
        }

        mutating func parseObject() throws(ParseFailure) -> JSONValue {
            position += 1
            var object = JSONObject()
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                position += 1
                return .object(object)
            }
            while true {
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
                object[key] = try parseValue()
                skipWhitespace()
                if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                    position += 1
                    return .object(object)
                }
                guard position < bytes.count, bytes[position] == UInt8(ascii: ",") else {
                    throw fail("Expecting ',' delimiter", position)
                }
                position += 1
                skipWhitespace()
            }
        }

        mutating func parseArray() throws(ParseFailure) -> JSONValue {
            position += 1
            var array: [JSONValue] = []
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                position += 1
                return .array(array)
            }
            while true {
                array.append(try parseValue())
                skipWhitespace()
                if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                    position += 1
                    return .array(array)
                }
                guard position < bytes.count, bytes[position] == UInt8(ascii: ",") else {
                    throw fail("Expecting ',' delimiter", position)
                }
                position += 1
                skipWhitespace()
            }
        }

        mutating func parseString() throws(ParseFailure) -> String {
            let scanner = JSONStringScanner(bytes: bytes, position: position)
            switch scanner.scan() {
            case .success(let token):
                position = token.end
                guard let string = token.decode(in: bytes) else { throw fail(ParseFailure.invalidUTF8, 0) }
                return string
            case .failure(let error):
                throw fail(error.message, error.byteOffset)
            }
        }
    }
}
