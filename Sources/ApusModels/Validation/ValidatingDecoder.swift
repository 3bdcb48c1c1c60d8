/// The state of one validating decode: the reader over the JSON bytes, the errors found so far and the
/// location of the value being decoded.
///
/// ``SchemaValue/decode(from:)`` implementations read their value from ``reader`` and report problems with
/// ``record(_:inputAt:)``; they return `nil` after recording, and decoding carries on with the next field so
/// that every error of a payload is found in one pass.
public struct ValidatingDecoder {
    /// The reader, positioned at the next value.
    public var reader: JSONReader
    /// Every error recorded so far, in order.
    public var errors: [ValidationErrorItem]
    /// The location of the value being decoded, including the caller's prefix (such as `["body"]`).
    public var location: [LocationElement]

    /// A decoder over `bytes` whose error locations start with `prefix`.
    public init(bytes: UnsafeBufferPointer<UInt8>, locationPrefix prefix: [LocationElement]) {
        self.reader = JSONReader(bytes: bytes)
        self.errors = []
        self.location = prefix
        self.location.reserveCapacity(prefix.count + 8)
    }

    /// Records `failure` at the current location with the JSON value starting at `offset` as its input.
    public mutating func record(_ failure: ValidationFailure, inputAt offset: Int) {
        errors.append(failure.item(at: location, input: reader.value(at: offset)))
    }

    /// Records `failure` at the current location with `input`.
    public mutating func record(_ failure: ValidationFailure, input: JSONValue?) {
        errors.append(failure.item(at: location, input: input))
    }

    /// Skips the value at the reader and records `failure` with that value as input.
    public mutating func rejectValue(_ failure: ValidationFailure) throws(JSONSyntaxError) {
        reader.skipWhitespace()
        let start = reader.position
        try reader.skipValue()
        record(failure, inputAt: start)
    }

    /// Decodes the next value as `T`, applies `spec`'s constraints and validator, and returns it, or records
    /// the errors and returns `nil`.
    @inlinable
    public mutating func decodeValue<T: SchemaValue>(_ type: T.Type, spec: FieldSpec<T>?) throws(JSONSyntaxError) -> T? {
        reader.skipWhitespace()
        let start = reader.position
        guard let value = try T.decode(from: &self) else { return nil }
        guard let spec, spec.hasChecks else { return value }
        return spec.check(value, decoder: &self, inputAt: start)
    }
}
