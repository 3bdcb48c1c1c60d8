public import ApusWireFormats

/// Writes compact JSON bytes into a growable buffer, spelled as FastAPI spells them.
///
/// The spelling is ApusWireFormats' `JSONText`, which ApusCore's encoder for plain `Encodable`s shares: strings
/// escaped as Python's `json.dumps(..., ensure_ascii=False)` escapes them (only `"`, `\`, and control
/// characters; non-ASCII is written as UTF-8), floats as Python's `repr`, non-finite floats as `null` (Pydantic's
/// typed output). No listed package offers a writer with these rules and no intermediate tree, so this is
/// hand-written; ``SchemaValue/encode(to:)`` writes straight into it.
public struct JSONWriter: Sendable {
    /// The bytes written so far.
    public var bytes: [UInt8]
    /// What to leave out (nil fields, named fields).
    public var options: EncodingOptions
    /// How deep in nested objects the writer is; `include`/`exclude` apply at depth 0 only.
    public var objectDepth = 0

    /// A writer with an empty buffer; `capacity` is reserved up front.
    public init(options: EncodingOptions = EncodingOptions(), capacity: Int = 256) {
        self.bytes = []
        self.bytes.reserveCapacity(capacity)
        self.options = options
    }

    /// Appends raw bytes, which the caller guarantees are valid JSON at this point.
    @inlinable
    public mutating func writeRaw(_ text: StaticString) { JSONText.appendRaw(text, to: &bytes) }

    /// Appends raw bytes, which the caller guarantees are valid JSON at this point.
    @inlinable
    public mutating func writeRaw(_ raw: [UInt8]) { bytes.append(contentsOf: raw) }

    /// Appends one byte such as `,` or `{`.
    @inlinable
    public mutating func writeByte(_ byte: UInt8) { bytes.append(byte) }

    /// `null`.
    @inlinable
    public mutating func writeNull() { JSONText.appendNull(to: &bytes) }

    /// `true` or `false`.
    @inlinable
    public mutating func writeBool(_ value: Bool) { JSONText.appendBool(value, to: &bytes) }

    /// A decimal integer.
    @inlinable
    public mutating func writeInteger<T: FixedWidthInteger>(_ value: T) { JSONText.appendInteger(value, to: &bytes) }

    /// A float as Python's `repr` writes it; non-finite values become `null` (the one rule, see `JSONText`).
    public mutating func writeDouble(_ value: Double) { JSONText.appendDouble(value, to: &bytes) }

    /// A `Float` as the `Double` its shortest decimal form spells (`0.1`); non-finite values become `null`.
    public mutating func writeFloat(_ value: Float) { JSONText.appendFloat(value, to: &bytes) }

    /// A JSON string with Python's escaping.
    @inlinable
    public mutating func writeString(_ value: String) { JSONText.appendString(value, to: &bytes) }

    /// Any ``JSONValue``.
    ///
    /// Iterative: the open containers and the index of the next member in each are kept on a stack of their
    /// own, so a value nested arbitrarily deep (one built in code; trees parsed from the wire stop at
    /// ``JSONLimits/maximumDepth``) is written with constant call-stack use.
    public mutating func write(_ value: JSONValue) {
        guard let first = writeScalarOrOpen(value) else { return }
        var open: [(container: JSONValue, next: Int)] = [(first, 0)]
        while let (container, next) = open.last {
            let child: JSONValue
            switch container {
            case .array(let array):
                guard next < array.count else {
                    writeByte(UInt8(ascii: "]"))
                    open.removeLast()
                    continue
                }
                if next > 0 { writeByte(UInt8(ascii: ",")) }
                child = array[next]
            case .object(let object):
                guard next < object.count else {
                    writeByte(UInt8(ascii: "}"))
                    open.removeLast()
                    continue
                }
                if next > 0 { writeByte(UInt8(ascii: ",")) }
                let member = object[next]
                writeString(member.key)
                writeByte(UInt8(ascii: ":"))
                child = member.value
            default:
                // Only non-empty arrays and objects are pushed.
                open.removeLast()
                continue
            }
            open[open.count - 1].next = next + 1
            if let opened = writeScalarOrOpen(child) { open.append((opened, 0)) }
        }
    }

    /// Writes a scalar or an empty container whole; writes the opening bracket of a non-empty container and
    /// returns it, for ``write(_:)`` to fill.
    private mutating func writeScalarOrOpen(_ value: JSONValue) -> JSONValue? {
        switch value {
        case .null: writeNull()
        case .bool(let bool): writeBool(bool)
        case .int(let int): writeInteger(int)
        case .bigInteger(let digits): bytes.append(contentsOf: digits.utf8)
        case .double(let double): writeDouble(double)
        case .string(let string): writeString(string)
        case .array(let array):
            guard !array.isEmpty else {
                writeRaw("[]")
                return nil
            }
            writeByte(UInt8(ascii: "["))
            return value
        case .object(let object):
            guard !object.isEmpty else {
                writeRaw("{}")
                return nil
            }
            writeByte(UInt8(ascii: "{"))
            return value
        }
        return nil
    }
}
