/// Why JSON text could not be parsed, in the words of Python's `json` module.
///
/// Only ``syntax(message:characterOffset:)`` is Python's `json.JSONDecodeError`, which FastAPI answers with a
/// 422 `json_invalid`. Every other case is an exception Python raises before or while parsing that is not a
/// `JSONDecodeError` (`UnicodeDecodeError`, `RecursionError`, `ValueError`); FastAPI answers those with 400
/// `{"detail":"There was an error parsing the body"}`, and so does Apus.
public enum JSONParseError: Error, Sendable, Equatable {
    /// Python's `json.JSONDecodeError`: `message` is its `msg` (for example `"Expecting value"`) and
    /// `characterOffset` its `pos`, counted in Unicode scalars as Python counts string indexes.
    case syntax(message: String, characterOffset: Int)
    /// The bytes are not text in the encoding `json.loads` detects (UTF-8, or UTF-16/32 by their zero bytes
    /// or byte order mark): Python's `UnicodeDecodeError`.
    case invalidUTF8
    /// Arrays and objects nest deeper than ``JSONLimits/maximumDepth``: Python's `RecursionError`.
    case tooDeep
    /// An integer has more digits than ``JSONLimits/maximumIntegerDigits``: Python's `ValueError`
    /// ("Exceeds the limit (4300 digits) for integer string conversion").
    case integerTooLong

    /// FastAPI's 422 item for this error at `location` (usually `["body"]`): `json_invalid` with the offset
    /// appended to the location, `input` `{}` and `ctx.error` the Python message. `nil` for the other cases,
    /// which are a 400 rather than a 422.
    public func validationError(at location: [LocationElement]) -> ValidationErrorItem? {
        guard case .syntax(let message, let offset) = self else { return nil }
        return ValidationErrorItem(
            type: "json_invalid", location: location + [.index(offset)], message: "JSON decode error",
            input: .object([:]), context: ["error": .string(message)])
    }
}

/// The bounds every JSON reader, parser and writer in Apus keeps, so hostile input costs bounded stack and
/// linear time.
public enum JSONLimits {
    /// The deepest nesting of arrays and objects accepted: 1,000 levels (the outermost container is level 1).
    ///
    /// FastAPI parses with `json.loads`, whose C scanner counts each level against Python's recursion limit
    /// (1,000 by default, less the frames FastAPI itself is running in): depth 900 validates normally, deeper
    /// documents raise `RecursionError` and get a 400. 1,000 accepts everything FastAPI accepts and stops where
    /// Python's limit stops. Every decoder that recurses per level (nested arrays, dictionaries, models,
    /// `Codable` fallback) enters the level through ``JSONReader``, so its stack use is bounded by this number;
    /// skipping, parsing and writing do not recurse at all.
    public static let maximumDepth = 1000

    /// The longest integer accepted, in digits (the sign not counted): Python's default
    /// `sys.get_int_max_str_digits()`, past which `json.loads` raises `ValueError`.
    public static let maximumIntegerDigits = 4300
}
