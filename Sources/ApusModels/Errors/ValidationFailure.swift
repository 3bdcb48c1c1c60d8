/// What went wrong with one value, before a location and input are attached: Pydantic's error `type`, its
/// message and its `ctx`. The static members are Pydantic's catalogue with its exact wording.
public struct ValidationFailure: Error, Sendable, Hashable {
    /// Pydantic's error type.
    public var type: String
    /// Pydantic's message.
    public var message: String
    /// Pydantic's `ctx`, if the error type has one.
    public var context: JSONObject?

    /// A failure with a custom type; prefer the Pydantic constructors below.
    public init(type: String, message: String, context: JSONObject? = nil) {
        self.type = type
        self.message = message
        self.context = context
    }

    /// The item for this failure at `location` with `input`.
    public func item(at location: [LocationElement], input: JSONValue?) -> ValidationErrorItem {
        ValidationErrorItem(type: type, location: location, message: message, input: input, context: context)
    }
}

extension ValidationFailure {
    /// `missing`: a required field is absent.
    public static let missing = ValidationFailure(type: "missing", message: "Field required")
    /// `extra_forbidden`: an unknown key in a model that forbids them.
    public static let extraForbidden = ValidationFailure(type: "extra_forbidden", message: "Extra inputs are not permitted")
    /// `model_attributes_type`: a model was given something other than an object.
    public static let modelAttributesType = ValidationFailure(
        type: "model_attributes_type", message: "Input should be a valid dictionary or object to extract fields from")

    /// `string_type`.
    public static let stringType = ValidationFailure(type: "string_type", message: "Input should be a valid string")
    /// `int_type`.
    public static let intType = ValidationFailure(type: "int_type", message: "Input should be a valid integer")
    /// `int_parsing`.
    public static let intParsing = ValidationFailure(
        type: "int_parsing", message: "Input should be a valid integer, unable to parse string as an integer")
    /// `int_from_float`.
    public static let intFromFloat = ValidationFailure(
        type: "int_from_float", message: "Input should be a valid integer, got a number with a fractional part")
    /// `int_parsing_size`: an integer outside the range of the Swift type.
    public static let intParsingSize = ValidationFailure(
        type: "int_parsing_size", message: "Unable to parse input string as an integer, exceeded maximum size")
    /// `finite_number`.
    public static let finiteNumber = ValidationFailure(type: "finite_number", message: "Input should be a finite number")
    /// `float_type`.
    public static let floatType = ValidationFailure(type: "float_type", message: "Input should be a valid number")
    /// `float_parsing`.
    public static let floatParsing = ValidationFailure(
        type: "float_parsing", message: "Input should be a valid number, unable to parse string as a number")
    /// `bool_type`.
    public static let boolType = ValidationFailure(type: "bool_type", message: "Input should be a valid boolean")
    /// `bool_parsing`.
    public static let boolParsing = ValidationFailure(
        type: "bool_parsing", message: "Input should be a valid boolean, unable to interpret input")
    /// `decimal_type`.
    public static let decimalType = ValidationFailure(
        type: "decimal_type", message: "Decimal input should be an integer, float, string or Decimal object")
    /// `decimal_parsing`.
    public static let decimalParsing = ValidationFailure(type: "decimal_parsing", message: "Input should be a valid decimal")
    /// `uuid_type`.
    public static let uuidType = ValidationFailure(type: "uuid_type", message: "UUID input should be a string, bytes or UUID object")
    /// `datetime_type`.
    public static let datetimeType = ValidationFailure(type: "datetime_type", message: "Input should be a valid datetime")
    /// `url_type`.
    public static let urlType = ValidationFailure(type: "url_type", message: "URL input should be a string or URL")
    /// `bytes_type`.
    public static let bytesType = ValidationFailure(type: "bytes_type", message: "Input should be a valid bytes")
    /// `list_type`.
    public static let listType = ValidationFailure(type: "list_type", message: "Input should be a valid list")
    /// `set_type`.
    public static let setType = ValidationFailure(type: "set_type", message: "Input should be a valid set")
    /// `dict_type`.
    public static let dictType = ValidationFailure(type: "dict_type", message: "Input should be a valid dictionary")

    /// `uuid_parsing` with the parser's reason.
    public static func uuidParsing(_ reason: String) -> ValidationFailure {
        ValidationFailure(type: "uuid_parsing", message: "Input should be a valid UUID, \(reason)", context: ["error": .string(reason)])
    }

    /// `datetime_from_date_parsing` with the parser's reason.
    public static func datetimeParsing(_ reason: String) -> ValidationFailure {
        ValidationFailure(
            type: "datetime_from_date_parsing", message: "Input should be a valid datetime or date, \(reason)",
            context: ["error": .string(reason)])
    }

    /// `url_parsing` with the parser's reason.
    public static func urlParsing(_ reason: String) -> ValidationFailure {
        ValidationFailure(type: "url_parsing", message: "Input should be a valid URL, \(reason)", context: ["error": .string(reason)])
    }

    /// `bytes_invalid_encoding` (base64).
    public static func bytesInvalidEncoding(_ reason: String) -> ValidationFailure {
        ValidationFailure(
            type: "bytes_invalid_encoding", message: "Data should be valid base64: \(reason)", context: ["error": .string(reason)])
    }

    /// `enum`: the input is none of the cases; `expected` is Pydantic's list (`'red' or 'green'`).
    public static func enumMismatch(expected: String) -> ValidationFailure {
        ValidationFailure(type: "enum", message: "Input should be \(expected)", context: ["expected": .string(expected)])
    }

    /// `value_error` from a validator written in Swift; `ctx.error` is `{}` as FastAPI renders it.
    public static func valueError(_ message: String) -> ValidationFailure {
        ValidationFailure(type: "value_error", message: "Value error, \(message)", context: ["error": .object([:])])
    }

    /// `value_error` for an invalid e-mail address, worded as `email-validator` words it.
    public static func invalidEmail(_ reason: String) -> ValidationFailure {
        ValidationFailure(
            type: "value_error", message: "value is not a valid email address: \(reason)", context: ["reason": .string(reason)])
    }

    /// `decimal_max_digits`: more digits than `maxDigits` (Pydantic counts the coefficient's digits and the zeros
    /// a positive exponent adds, or the decimal places when there are more of them).
    public static func decimalMaxDigits(_ maxDigits: Int) -> ValidationFailure {
        ValidationFailure(
            type: "decimal_max_digits",
            message: "Decimal input should have no more than \(maxDigits) digit\(maxDigits == 1 ? "" : "s") in total",
            context: ["max_digits": .int(maxDigits)])
    }

    /// `string_too_short`.
    public static func stringTooShort(minLength: Int) -> ValidationFailure {
        ValidationFailure(
            type: "string_too_short", message: "String should have at least \(minLength) character\(minLength == 1 ? "" : "s")",
            context: ["min_length": .int(minLength)])
    }

    /// `string_too_long`.
    public static func stringTooLong(maxLength: Int) -> ValidationFailure {
        ValidationFailure(
            type: "string_too_long", message: "String should have at most \(maxLength) character\(maxLength == 1 ? "" : "s")",
            context: ["max_length": .int(maxLength)])
    }

    /// `string_pattern_mismatch`.
    public static func stringPatternMismatch(_ pattern: String) -> ValidationFailure {
        ValidationFailure(
            type: "string_pattern_mismatch", message: "String should match pattern '\(pattern)'",
            context: ["pattern": .string(pattern)])
    }

    /// `too_short` for a collection; `kind` is `List`, `Set` or `Dictionary`.
    public static func tooShort(kind: String, minLength: Int, actualLength: Int) -> ValidationFailure {
        ValidationFailure(
            type: "too_short",
            message: "\(kind) should have at least \(minLength) item\(minLength == 1 ? "" : "s") after validation, not \(actualLength)",
            context: ["field_type": .string(kind), "min_length": .int(minLength), "actual_length": .int(actualLength)])
    }

    /// `too_long` for a collection.
    public static func tooLong(kind: String, maxLength: Int, actualLength: Int) -> ValidationFailure {
        ValidationFailure(
            type: "too_long",
            message: "\(kind) should have at most \(maxLength) item\(maxLength == 1 ? "" : "s") after validation, not \(actualLength)",
            context: ["field_type": .string(kind), "max_length": .int(maxLength), "actual_length": .int(actualLength)])
    }

    /// `unique_items`: an array declared `uniqueItems` has a repeated element. Pydantic v2 has no such
    /// check (it offers `set`), so this type is Apus's own, named after Pydantic v1's.
    public static let uniqueItems = ValidationFailure(type: "unique_items", message: "List should have unique items")

    /// A numeric bound failure; `bound` is the constraint as JSON (its type follows the field's type, so
    /// `gt=0` on a `Double` reads `0.0` in `ctx`) and `display` how Pydantic prints it inside the message.
    public static func numericBound(_ kind: NumericBoundKind, bound: JSONValue, display: String) -> ValidationFailure {
        ValidationFailure(type: kind.errorType, message: "Input should be \(kind.phrase) \(display)", context: [kind.contextKey: bound])
    }
}

/// The five numeric constraints.
public enum NumericBoundKind: Sendable, Hashable {
    case greaterThan, greaterThanOrEqual, lessThan, lessThanOrEqual, multipleOf

    var errorType: String {
        switch self {
        case .greaterThan: "greater_than"
        case .greaterThanOrEqual: "greater_than_equal"
        case .lessThan: "less_than"
        case .lessThanOrEqual: "less_than_equal"
        case .multipleOf: "multiple_of"
        }
    }

    var phrase: String {
        switch self {
        case .greaterThan: "greater than"
        case .greaterThanOrEqual: "greater than or equal to"
        case .lessThan: "less than"
        case .lessThanOrEqual: "less than or equal to"
        case .multipleOf: "a multiple of"
        }
    }

    var contextKey: String {
        switch self {
        case .greaterThan: "gt"
        case .greaterThanOrEqual: "ge"
        case .lessThan: "lt"
        case .lessThanOrEqual: "le"
        case .multipleOf: "multiple_of"
        }
    }

    /// The JSON Schema keyword.
    var schemaKeyword: String {
        switch self {
        case .greaterThan: "exclusiveMinimum"
        case .greaterThanOrEqual: "minimum"
        case .lessThan: "exclusiveMaximum"
        case .lessThanOrEqual: "maximum"
        case .multipleOf: "multipleOf"
        }
    }
}
