/// Thrown when a body is not UTF-8: FastAPI answers this with 400 `{"detail":"There was an error parsing
/// the body"}` rather than a 422, because Python fails to decode the text before parsing JSON.
public struct InvalidUTF8Error: Error, Sendable, Hashable {
    /// Creates the error.
    public init() {}
}

extension SchemaValue {
    /// Decodes and validates JSON bytes, appending every error to `errors` with locations starting at
    /// `location` (usually `["body"]`). Returns `nil` when there were errors.
    ///
    /// Invalid JSON gives one `json_invalid` item as FastAPI does (`loc` = `location + [character offset]`,
    /// `input` `{}`, `ctx.error` = Python's message). An empty body is invalid JSON here; FastAPI treats an
    /// empty body as a missing one (`missing` at `["body"]`), which the caller decides before calling.
    public static func validate(
        json bytes: [UInt8], at location: [LocationElement] = [], spec: FieldSpec<Self>? = nil, errors: inout [ValidationErrorItem]
    ) throws(InvalidUTF8Error) -> Self? {
        let outcome: Result<Self?, InvalidUTF8Error> = bytes.withUnsafeBufferPointer { buffer in
            do throws(InvalidUTF8Error) {
                return .success(try validate(buffer: buffer, at: location, spec: spec, errors: &errors))
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }

    static func validate(
        buffer: UnsafeBufferPointer<UInt8>, at location: [LocationElement], spec: FieldSpec<Self>?, errors: inout [ValidationErrorItem]
    ) throws(InvalidUTF8Error) -> Self? {
        var decoder = ValidatingDecoder(bytes: buffer, locationPrefix: location)
        do throws(JSONSyntaxError) {
            let value = try decoder.decodeValue(Self.self, spec: spec)
            decoder.reader.skipWhitespace()
            guard decoder.reader.position == buffer.count else { throw JSONSyntaxError() }
            errors.append(contentsOf: decoder.errors)
            return value
        } catch {
            // Python decodes and parses the whole document before validating, so invalid text hides every
            // other error.
            guard String(validating: buffer, as: UTF8.self) != nil else { throw InvalidUTF8Error() }
            do throws(JSONParseError) {
                _ = try JSONParser.parse(Array(buffer))
                // The reader and the parser accept the same language; reaching here would be a bug in one of them.
                errors.append(ValidationFailure(type: "json_invalid", message: "JSON decode error").item(at: location, input: .object([:])))
            } catch {
                guard let item = error.validationError(at: location) else { throw InvalidUTF8Error() }
                errors.append(item)
            }
            return nil
        }
    }

    /// Validates an already-parsed JSON value (for example one member of an embedded body, or a form or
    /// query model assembled by the caller).
    public static func validate(
        jsonValue: JSONValue, at location: [LocationElement] = [], spec: FieldSpec<Self>? = nil, errors: inout [ValidationErrorItem]
    ) -> Self? {
        // A serialised `JSONValue` is valid UTF-8 JSON, so `InvalidUTF8Error` cannot occur.
        (try? validate(json: jsonValue.jsonBytes, at: location, spec: spec, errors: &errors)) ?? nil
    }

    /// Validates one string from a path, query, header, cookie or form field with Pydantic's lax rules:
    /// errors carry the raw string as `input` (`"5"` and `" 5"` are ints, `"yes"` a bool, `"1e3"` a float).
    public static func validate(
        parameter: String, at location: [LocationElement], spec: FieldSpec<Self>? = nil, errors: inout [ValidationErrorItem]
    ) -> Self? {
        validate(jsonValue: .string(parameter), at: location, spec: spec, errors: &errors)
    }

    /// Validates repeated values (`?tag=a&tag=b`) as an array type such as `[Int]`: element errors are at
    /// `location + [index]` with the raw string as input.
    public static func validate(
        parameters: [String], at location: [LocationElement], spec: FieldSpec<Self>? = nil, errors: inout [ValidationErrorItem]
    ) -> Self? {
        validate(jsonValue: .array(parameters.map(JSONValue.string)), at: location, spec: spec, errors: &errors)
    }

    /// The value as compact JSON bytes.
    public func jsonBytes(options: EncodingOptions = EncodingOptions()) -> [UInt8] {
        var writer = JSONWriter(options: options)
        encode(to: &writer)
        return writer.bytes
    }

    /// The value as a ``JSONValue`` (used for schema defaults).
    public var jsonValue: JSONValue {
        let bytes = jsonBytes()
        return (try? JSONValue(parsing: bytes)) ?? .null
    }
}
