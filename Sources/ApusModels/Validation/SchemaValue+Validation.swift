extension SchemaValue {
    /// Decodes and validates JSON bytes, appending every error to `errors` with locations starting at
    /// `location` (usually `["body"]`). Returns `nil` when there were errors.
    ///
    /// The bytes are read as `json.loads` reads them: UTF-8 with or without a byte order mark, or UTF-16/32
    /// detected by their zero bytes or mark. Invalid JSON gives one `json_invalid` item as FastAPI does (`loc` =
    /// `location + [character offset]`, `input` `{}`, `ctx.error` = Python's message). An empty body is invalid
    /// JSON here; FastAPI treats an empty body as a missing one (`missing` at `["body"]`), which the caller
    /// decides before calling.
    ///
    /// Throws the ``JSONParseError`` cases other than `syntax` (text that cannot be decoded, nesting past
    /// ``JSONLimits/maximumDepth``, an integer past ``JSONLimits/maximumIntegerDigits``): Python raises
    /// something other than `JSONDecodeError` for them, and FastAPI answers 400, not 422.
    public static func validate(
        json bytes: [UInt8], at location: [LocationElement] = [], spec: FieldSpec<Self>? = nil, errors: inout [ValidationErrorItem]
    ) throws(JSONParseError) -> Self? {
        let outcome: Result<Self?, JSONParseError> = bytes.withUnsafeBufferPointer { buffer in
            switch JSONTextEncoding.utf8Text(of: buffer) {
            case .original(let prefixLength):
                validate(utf8: UnsafeBufferPointer(rebasing: buffer[prefixLength...]), at: location, spec: spec, errors: &errors)
            case .transcoded(let utf8):
                utf8.withUnsafeBufferPointer { validate(utf8: $0, at: location, spec: spec, errors: &errors) }
            case .undecodable:
                .failure(.invalidUTF8)
            }
        }
        return try outcome.get()
    }

    static func validate(
        utf8 buffer: UnsafeBufferPointer<UInt8>, at location: [LocationElement], spec: FieldSpec<Self>?, errors: inout [ValidationErrorItem]
    ) -> Result<Self?, JSONParseError> {
        var decoder = ValidatingDecoder(bytes: buffer, locationPrefix: location)
        do throws(JSONSyntaxError) {
            let value = try decoder.decodeValue(Self.self, spec: spec)
            decoder.reader.skipWhitespace()
            guard decoder.reader.position == buffer.count else { throw JSONSyntaxError() }
            errors.append(contentsOf: decoder.errors)
            return .success(value)
        } catch {
            // Python decodes and parses the whole document before validating, so invalid text hides every
            // other error; the parser finds the first problem in document order, as `json.loads` does.
            switch JSONParser.parse(utf8: buffer) {
            case .success:
                // The reader and the parser accept the same language; reaching here would be a bug in one of them.
                errors.append(ValidationFailure(type: "json_invalid", message: "JSON decode error").item(at: location, input: .object([:])))
                return .success(nil)
            case .failure(let error):
                guard let item = error.validationError(at: location) else { return .failure(error) }
                errors.append(item)
                return .success(nil)
            }
        }
    }

    /// Validates an already-parsed JSON value (for example one member of an embedded body, or a form or
    /// query model assembled by the caller).
    public static func validate(
        jsonValue: JSONValue, at location: [LocationElement] = [], spec: FieldSpec<Self>? = nil, errors: inout [ValidationErrorItem]
    ) -> Self? {
        do {
            return try validate(json: jsonValue.jsonBytes, at: location, spec: spec, errors: &errors)
        } catch {
            // A serialised `JSONValue` is UTF-8 and a tree parsed from the wire is within the limits, so only a
            // value built in code can get here (nested too deep, or a `bigInteger` too long); it must not pass
            // silently as `nil` with no error.
            let failure = ValidationFailure(
                type: "json_invalid", message: "JSON decode error", context: ["error": .string(Self.limitMessage(error))])
            errors.append(failure.item(at: location, input: .object([:])))
            return nil
        }
    }

    private static func limitMessage(_ error: JSONParseError) -> String {
        switch error {
        case .tooDeep: "Nesting deeper than \(JSONLimits.maximumDepth) levels"
        case .integerTooLong: "Integer longer than \(JSONLimits.maximumIntegerDigits) digits"
        case .invalidUTF8, .syntax: "Invalid JSON text"
        }
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
