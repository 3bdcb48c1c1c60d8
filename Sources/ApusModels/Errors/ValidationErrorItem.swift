/// One validation error, shaped like an item of FastAPI's 422 `detail` list.
///
/// `type` and `msg` are Pydantic's (see the static constructors in `ValidationErrorItem+Pydantic.swift`);
/// `location` is the full path starting with the source (`["body", "address", "zip"]`); `input` is the value
/// that failed (`nil` renders as `null`, FastAPI's spelling of "no value"); `context` is Pydantic's `ctx`.
public struct ValidationErrorItem: Sendable, Hashable, Error {
    /// Pydantic's error type, for example `"missing"` or `"int_parsing"`.
    public var type: String
    /// Where the error is: source, then field names, indexes and keys.
    public var location: [LocationElement]
    /// Pydantic's human-readable message.
    public var message: String
    /// The offending input; `nil` is written as `null`.
    public var input: JSONValue?
    /// Pydantic's `ctx`, written only when present.
    public var context: JSONObject?

    /// Creates an error item.
    public init(
        type: String, location: [LocationElement], message: String, input: JSONValue?, context: JSONObject? = nil
    ) {
        self.type = type
        self.location = location
        self.message = message
        self.input = input
        self.context = context
    }

    /// The item as FastAPI writes it: keys `type`, `loc`, `msg`, `input`, then `ctx` when present.
    public var jsonValue: JSONValue {
        var object = JSONObject()
        object.appendUnchecked("type", .string(type))
        object.appendUnchecked("loc", .array(location.map(\.jsonValue)))
        object.appendUnchecked("msg", .string(message))
        object.appendUnchecked("input", input ?? .null)
        if let context { object.appendUnchecked("ctx", .object(context)) }
        return .object(object)
    }

    /// A copy with `prefix` put in front of the location (for example `["body"]`).
    public func prefixed(by prefix: [LocationElement]) -> ValidationErrorItem {
        var copy = self
        copy.location = prefix + location
        return copy
    }
}

extension Array where Element == ValidationErrorItem {
    /// FastAPI's 422 response body for these errors: `{"detail":[...]}`, compact, non-ASCII unescaped.
    public var validationErrorBody: [UInt8] {
        var writer = JSONWriter(capacity: 128 * Swift.max(count, 1))
        writeValidationErrorBody(into: &writer)
        return writer.bytes
    }

    /// Writes FastAPI's 422 body into `writer`.
    ///
    /// Each item is written field by field, in ``ValidationErrorItem/jsonValue``'s order, rather than through a
    /// tree: a body with 10^5 extra keys under `extra="forbid"` has 10^5 items.
    public func writeValidationErrorBody(into writer: inout JSONWriter) {
        writer.writeRaw("{\"detail\":[")
        for (index, item) in enumerated() {
            if index > 0 { writer.writeByte(UInt8(ascii: ",")) }
            writer.writeRaw("{\"type\":")
            writer.writeString(item.type)
            writer.writeRaw(",\"loc\":[")
            for (position, element) in item.location.enumerated() {
                if position > 0 { writer.writeByte(UInt8(ascii: ",")) }
                switch element {
                case .key(let key): writer.writeString(key)
                case .index(let index): writer.writeInteger(index)
                }
            }
            writer.writeRaw("],\"msg\":")
            writer.writeString(item.message)
            writer.writeRaw(",\"input\":")
            writer.write(item.input ?? .null)
            if let context = item.context {
                writer.writeRaw(",\"ctx\":")
                writer.write(.object(context))
            }
            writer.writeByte(UInt8(ascii: "}"))
        }
        writer.writeRaw("]}")
    }
}
