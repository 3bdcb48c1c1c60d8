/// Why JSON text could not be parsed, in the words of Python's `json` module.
public enum JSONParseError: Error, Sendable, Equatable {
    /// Python's `json.JSONDecodeError`: `message` is its `msg` (for example `"Expecting value"`) and
    /// `characterOffset` its `pos`, counted in Unicode scalars as Python counts string indexes.
    case syntax(message: String, characterOffset: Int)
    /// The bytes are not UTF-8. FastAPI answers this with a 400 (`"There was an error parsing the body"`),
    /// not a 422, because decoding fails before JSON parsing starts.
    case invalidUTF8

    /// FastAPI's 422 item for this error at `location` (usually `["body"]`): `json_invalid` with the offset
    /// appended to the location, `input` `{}` and `ctx.error` the Python message. `nil` for ``invalidUTF8``.
    public func validationError(at location: [LocationElement]) -> ValidationErrorItem? {
        guard case .syntax(let message, let offset) = self else { return nil }
        return ValidationErrorItem(
            type: "json_invalid", location: location + [.index(offset)], message: "JSON decode error",
            input: .object([:]), context: ["error": .string(message)])
    }
}
