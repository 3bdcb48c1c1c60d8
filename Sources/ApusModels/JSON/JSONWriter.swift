/// Writes compact JSON bytes into a growable buffer, spelled as FastAPI spells them.
///
/// Strings are escaped as Python's `json.dumps(..., ensure_ascii=False)` escapes them (only `"`, `\`, and
/// control characters; non-ASCII is written as UTF-8), floats as Python's `repr`, non-finite floats as `null`
/// (Pydantic's behaviour for typed output). No listed package offers a writer with these rules and no
/// intermediate tree, so this is hand-written; ``SchemaValue/encode(to:)`` writes straight into it.
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
    public mutating func writeRaw(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends raw bytes, which the caller guarantees are valid JSON at this point.
    @inlinable
    public mutating func writeRaw(_ raw: [UInt8]) { bytes.append(contentsOf: raw) }

    /// Appends one byte such as `,` or `{`.
    @inlinable
    public mutating func writeByte(_ byte: UInt8) { bytes.append(byte) }

    /// `null`.
    @inlinable
    public mutating func writeNull() { writeRaw("null") }

    /// `true` or `false`.
    @inlinable
    public mutating func writeBool(_ value: Bool) { value ? writeRaw("true") : writeRaw("false") }

    /// A decimal integer.
    @inlinable
    public mutating func writeInteger<T: FixedWidthInteger>(_ value: T) {
        if value == 0 {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        var magnitude = value.magnitude
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: enough for 20 digits and a sign
        let length = withUnsafeMutableBytes(of: &scratch) { buffer -> Int in
            var index = buffer.count
            while magnitude != 0 {
                let (quotient, remainder) = magnitude.quotientAndRemainder(dividingBy: 10)
                index -= 1
                buffer[index] = UInt8(truncatingIfNeeded: remainder) &+ UInt8(ascii: "0")
                magnitude = quotient
            }
            if value < 0 {
                index -= 1
                buffer[index] = UInt8(ascii: "-")
            }
            bytes.append(contentsOf: buffer[index...])
            return buffer.count - index
        }
        _ = length
    }

    /// A float as Python's `repr` writes it; non-finite values become `null`.
    public mutating func writeDouble(_ value: Double) {
        let magnitude = value.magnitude
        // In this range Swift's shortest description already has Python's layout ("0.0001", "12.5").
        if magnitude >= 1e-4, magnitude < 9e15 {
            var description = value.description
            description.withUTF8 { bytes.append(contentsOf: $0) }
            return
        }
        PythonNumberText.appendPythonRepr(value, to: &bytes)
    }

    /// A JSON string with Python's escaping.
    @inlinable
    public mutating func writeString(_ value: String) {
        var value = value
        value.withUTF8 { writeEscapedString($0) }
    }

    /// A JSON string from UTF-8 bytes.
    @usableFromInline
    mutating func writeEscapedString(_ utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        var runStart = 0
        for index in 0..<utf8.count {
            let byte = utf8[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
            runStart = index + 1
            switch byte {
            case UInt8(ascii: "\""): writeRaw("\\\"")
            case UInt8(ascii: "\\"): writeRaw("\\\\")
            case 0x0A: writeRaw("\\n")
            case 0x0D: writeRaw("\\r")
            case 0x09: writeRaw("\\t")
            case 0x08: writeRaw("\\b")
            case 0x0C: writeRaw("\\f")
            default:
                let hex: StaticString = "0123456789abcdef"
                writeRaw("\\u00")
                bytes.append(hex.utf8Start[Int(byte >> 4)])
                bytes.append(hex.utf8Start[Int(byte & 0xF)])
            }
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
        bytes.append(UInt8(ascii: "\""))
    }

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
