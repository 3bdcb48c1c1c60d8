/// Thrown by ``JSONReader`` when the text is not valid JSON. It carries nothing: the top-level decode then
/// re-parses the document with ``JSONParser`` to report Python's exact message and position, which keeps
/// the hot path free of error bookkeeping.
public struct JSONSyntaxError: Error, Sendable {
    /// Creates the error.
    public init() {}
}

/// A forward-only scanner over JSON bytes, used to decode models without building a ``JSONValue`` tree.
///
/// It accepts exactly what ``JSONParser`` accepts (Python's grammar), so a document is valid for one if and
/// only if it is valid for the other. No listed package (Foundation's `JSONDecoder` builds its own tree and
/// stops at the first error; swift-extras-json is not available here) offers a scanner we can drive field by
/// field, so it is hand-written.
///
/// The reader borrows the bytes: it is created by ``SchemaValue/validate(json:at:errors:)`` inside
/// `withUnsafeBufferPointer` and never outlives that call.
///
/// Every container is entered through ``beginObject()`` or ``beginArray()`` and left through
/// ``nextMember(closing:)``, which keep ``depth``: entering a level past ``JSONLimits/maximumDepth`` throws, so
/// a decoder that recurses once per level (nested arrays, dictionaries, models) uses bounded stack. Skipping
/// does not recurse at all.
public struct JSONReader {
    @usableFromInline let bytes: UnsafeBufferPointer<UInt8>
    /// The offset of the next unread byte.
    public var position: Int
    /// How many containers the reader is inside.
    @usableFromInline var depth = 0

    /// A reader at the start of `bytes`.
    public init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        self.position = 0
    }

    /// The kind of the next value, after skipping whitespace.
    public enum NextValue: Sendable {
        case string, number, object, array, `true`, `false`, null
        /// `NaN`, `Infinity` or `-Infinity`, which Python's `json` accepts.
        case nonFiniteNumber
        /// Not the start of any value.
        case invalid
    }

    /// Skips JSON whitespace.
    @inlinable
    public mutating func skipWhitespace() {
        while position < bytes.count {
            let byte = bytes[position]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            position += 1
        }
    }

    /// Skips whitespace and tells what comes next, without consuming it.
    @inlinable
    public mutating func peek() -> NextValue {
        skipWhitespace()
        guard position < bytes.count else { return .invalid }
        switch bytes[position] {
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        case UInt8(ascii: "-"):
            if position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "I") { return .nonFiniteNumber }
            return .number
        case UInt8(ascii: "t"): return .true
        case UInt8(ascii: "f"): return .false
        case UInt8(ascii: "n"): return .null
        case UInt8(ascii: "N"), UInt8(ascii: "I"): return .nonFiniteNumber
        default: return .invalid
        }
    }

    /// Reads a string value (the next byte must be `"`).
    public mutating func readString() throws(JSONSyntaxError) -> String {
        let token = try readStringToken()
        guard let string = token.decode(in: bytes) else { throw JSONSyntaxError() }
        return string
    }

    mutating func readStringToken() throws(JSONSyntaxError) -> JSONStringScanner.Token {
        switch JSONStringScanner(bytes: bytes, position: position).scan() {
        case .success(let token):
            position = token.end
            return token
        case .failure:
            throw JSONSyntaxError()
        }
    }

    /// Reads a number token (the next value must be a number).
    mutating func readNumberToken() throws(JSONSyntaxError) -> JSONNumberScanner.Token {
        guard let token = JSONNumberScanner.scan(bytes, at: position), !token.exceedsDigitLimit(in: bytes) else {
            throw JSONSyntaxError()
        }
        position = token.end
        return token
    }

    /// Rejects a string that is skipped or compared as bytes but is not UTF-8, so that such a document fails
    /// here as it fails in Python (which decodes the whole body first).
    mutating func validateUTF8(_ token: JSONStringScanner.Token) throws(JSONSyntaxError) {
        guard token.hasNonASCII else { return }
        let content = UnsafeBufferPointer(rebasing: bytes[token.contentStart..<(token.end - 1)])
        guard String(validating: content, as: UTF8.self) != nil else { throw JSONSyntaxError() }
    }

    /// Reads `NaN`, `Infinity` or `-Infinity`.
    @usableFromInline
    mutating func readNonFiniteNumber() throws(JSONSyntaxError) -> Double {
        if consume("NaN") { return .nan }
        if consume("Infinity") { return .infinity }
        if consume("-Infinity") { return -.infinity }
        throw JSONSyntaxError()
    }

    /// Consumes `literal` if it comes next.
    @usableFromInline
    mutating func consume(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        for index in 0..<count where bytes[position + index] != literal.utf8Start[index] { return false }
        position += count
        return true
    }

    /// Reads `true`, `false` or `null`.
    @usableFromInline
    mutating func readLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        guard consume(literal) else { throw JSONSyntaxError() }
    }

    /// Skips one complete value of any kind, checking it as strictly as reading it would.
    ///
    /// Iterative, so a value nested 10^6 deep costs no stack; the closing bracket of each open container is
    /// kept on a small stack of its own, bounded by ``JSONLimits/maximumDepth``.
    public mutating func skipValue() throws(JSONSyntaxError) {
        var closers: [UInt8] = []
        while true {
            switch peek() {
            case .string: try validateUTF8(try readStringToken())
            case .number: _ = try readNumberToken()
            case .nonFiniteNumber: _ = try readNonFiniteNumber()
            case .true: try readLiteral("true")
            case .false: try readLiteral("false")
            case .null: try readLiteral("null")
            case .invalid: throw JSONSyntaxError()
            case .object:
                if try !beginObject() {
                    closers.append(UInt8(ascii: "}"))
                    _ = try readKeyToken()
                    continue
                }
            case .array:
                if try !beginArray() {
                    closers.append(UInt8(ascii: "]"))
                    continue
                }
            }
            // A value ended: move to the next member of the innermost open container, closing those that end.
            while let closer = closers.last {
                if try nextMember(closing: closer) {
                    if closer == UInt8(ascii: "}") { _ = try readKeyToken() }
                    break
                }
                closers.removeLast()
            }
            if closers.isEmpty { return }
        }
    }

    /// Consumes `{`; returns `true` if the object is empty (and consumes `}` too). Throws when the object
    /// would nest deeper than ``JSONLimits/maximumDepth``.
    @inlinable
    public mutating func beginObject() throws(JSONSyntaxError) -> Bool {
        try beginContainer(closing: UInt8(ascii: "}"))
    }

    /// Consumes `[`; returns `true` if the array is empty (and consumes `]` too). Throws when the array
    /// would nest deeper than ``JSONLimits/maximumDepth``.
    @inlinable
    public mutating func beginArray() throws(JSONSyntaxError) -> Bool {
        try beginContainer(closing: UInt8(ascii: "]"))
    }

    @inlinable
    mutating func beginContainer(closing: UInt8) throws(JSONSyntaxError) -> Bool {
        // An empty container counts too: Python enters a recursion level for `[]` as for `[1]`.
        guard depth < JSONLimits.maximumDepth else { throw JSONSyntaxError() }
        position += 1
        skipWhitespace()
        if position < bytes.count, bytes[position] == closing {
            position += 1
            return true
        }
        depth += 1
        return false
    }

    /// Reads an object key and the `:` after it; the reader is then at the value.
    mutating func readKeyToken() throws(JSONSyntaxError) -> JSONStringScanner.Token {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw JSONSyntaxError() }
        let token = try readStringToken()
        try validateUTF8(token)
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw JSONSyntaxError() }
        position += 1
        return token
    }

    /// Reads an object key and the `:` after it.
    public mutating func readKey() throws(JSONSyntaxError) -> String {
        let token = try readKeyToken()
        guard let key = token.decode(in: bytes) else { throw JSONSyntaxError() }
        return key
    }

    /// After a member or element: consumes `,` and returns `true`, or consumes `closing` and returns `false`
    /// (leaving the container).
    @inlinable
    public mutating func nextMember(closing: UInt8) throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        guard position < bytes.count else { throw JSONSyntaxError() }
        let byte = bytes[position]
        position += 1
        if byte == UInt8(ascii: ",") { return true }
        if byte == closing {
            depth -= 1
            return false
        }
        throw JSONSyntaxError()
    }

    /// The value that starts at `offset`, as a tree; used only to build an error's `input`.
    public func value(at offset: Int) -> JSONValue {
        JSONParser.parseValue(in: bytes, at: offset)
    }
}
