/// # ApusModels: models and validation for Apus (what Pydantic is to FastAPI)
///
/// No HTTP here: typed endpoints (issue 4), OpenAPI, settings and jobs build on these entry points.
///
/// **Decode and validate a body.** ``SchemaValue/validate(json:at:errors:)`` reads JSON bytes, collects
/// *every* error with its full location (prefix it with `["body"]`) and returns the value or `nil`. Invalid
/// JSON gives FastAPI's single `json_invalid` item (`loc: ["body", <character offset>]`, `input: {}`,
/// `ctx.error`: Python's message). It throws ``JSONParseError`` only where Python raises something other than
/// `JSONDecodeError` (bytes that are not text, nesting past ``JSONLimits/maximumDepth``, integers past
/// ``JSONLimits/maximumIntegerDigits``), which FastAPI answers with a 400 instead of a 422. Values already parsed: ``SchemaValue/validate(jsonValue:at:errors:)``.
///
/// **Values from strings** (path, query, header, cookie, form): ``SchemaValue/validate(parameter:at:spec:errors:)``
/// and ``SchemaValue/validate(parameters:at:spec:errors:)`` (repeated query keys into an array), with
/// Pydantic's lax rules and the raw string as `input`. Constraints come from a ``FieldSpec``
/// (`FieldSpec<Int>(gt: 0, le: 100)`).
///
/// **Errors.** ``ValidationErrorItem`` (`type`, `location`, `message`, `input`, `context`) and
/// `[ValidationErrorItem].validationErrorBody`, the exact bytes of FastAPI's 422 body.
///
/// **JSON Schema.** ``SchemaValue/jsonSchema(in:)`` with a ``JSONSchemaGenerator``, which collects model
/// and enum components for `#/components/schemas/<Name>`; keys come out in the order FastAPI's
/// `/openapi.json` shows them.
///
/// **Encoding.** ``SchemaValue/encode(to:)`` writes into a ``JSONWriter`` (a `[UInt8]` buffer; copy it
/// into a NIO `ByteBuffer` in one call); ``SchemaValue/jsonBytes(options:)`` is the convenience.
/// ``EncodingOptions`` drops nil fields and includes/excludes top-level fields.
///
/// **JSON values.** ``JSONValue`` / ``JSONObject`` (ordered), parsed with Python's `json.loads` rules and
/// written as FastAPI writes them.
///
/// **Models.** ``SchemaModel`` is what `@Schema` generates; it can be written by hand. Plain `Codable`
/// types go through ``CodableModel`` (see its limits).

/// A type ApusModels can decode from JSON with validation, encode to JSON, and describe in JSON Schema.
///
/// The conformances for `String`, integers, `Double`, `Float`, `Bool`, ``ExactDecimal``, `Decimal`, `UUID`, `Date`, `URL`,
/// `Data`, arrays, sets, `[String: T]`, optionals, ``SchemaEnum`` enums and ``SchemaModel`` models ship
/// with the package; implement it for your own leaf types when none of those fit.
///
/// The associated `...Constraint` types say which ``FieldSpec`` constraints apply: each defaults to
/// ``ConstraintDoesNotApplyToThisType``, so only the types that declare them accept those arguments.
public protocol SchemaValue: Sendable {
    // generated-begin: constraint types, from FieldSpecArgument.Constraint in Sources/ApusMacros/Schema/FieldSpecArgument.swift
    /// The type of `gt`, `ge`, `lt`, `le` and `multipleOf` (the number type itself for numbers; ``ExactDecimal`` for
    /// `Decimal`).
    associatedtype NumericConstraint: Sendable = ConstraintDoesNotApplyToThisType
    /// The type of `minLength` and `maxLength` (`Int` for strings).
    associatedtype LengthConstraint: Sendable = ConstraintDoesNotApplyToThisType
    /// The type of `pattern` (`String` for strings).
    associatedtype PatternConstraint: Sendable = ConstraintDoesNotApplyToThisType
    /// The type of `format` (``StringFormat`` for strings).
    associatedtype FormatConstraint: Sendable = ConstraintDoesNotApplyToThisType
    /// The type of `minItems` and `maxItems` (`Int` for arrays, sets and dictionaries).
    associatedtype ItemCountConstraint: Sendable = ConstraintDoesNotApplyToThisType
    /// The type of `uniqueItems` (`Bool` for arrays).
    associatedtype UniqueItemsConstraint: Sendable = ConstraintDoesNotApplyToThisType
    // generated-end: constraint types

    /// Reads the next value from `decoder.reader`. On a problem, records it (see
    /// ``ValidatingDecoder/record(_:inputAt:)``), leaves the reader after the value and returns `nil`.
    /// Throws only when the bytes are not JSON.
    static func decode(from decoder: inout ValidatingDecoder) throws(JSONSyntaxError) -> Self?

    /// Writes the value as JSON.
    func encode(to writer: inout JSONWriter)

    /// The value's JSON Schema; models and enums register a component in `generator` and return a `$ref`.
    static func jsonSchema(in generator: inout JSONSchemaGenerator) -> JSONObject

    /// The checks that `spec`'s constraints compile to for this type; the default has none.
    static func constraintChecks(for spec: FieldSpec<Self>) -> [ConstraintCheck<Self>]

    /// Adds `spec`'s constraints to this type's schema (`minLength`, `exclusiveMinimum`, ...).
    static func addConstraints(of spec: FieldSpec<Self>, to schema: inout JSONObject)

    /// `true` for `Optional`: such a field is not required and its absence means `nil`.
    static var isOptional: Bool { get }

    /// `true` for models and enums, whose field schemas are a bare `$ref` without a `title` (as Pydantic).
    static var isReferenced: Bool { get }

    /// `true` when this value is `nil` (for ``EncodingOptions/dropNilFields``).
    var isNil: Bool { get }
}

extension SchemaValue {
    /// No constraints by default.
    public static func constraintChecks(for spec: FieldSpec<Self>) -> [ConstraintCheck<Self>] { [] }
    /// No constraint keywords by default.
    public static func addConstraints(of spec: FieldSpec<Self>, to schema: inout JSONObject) {}
    /// Not optional by default.
    public static var isOptional: Bool { false }
    /// Inline by default.
    public static var isReferenced: Bool { false }
    /// Never `nil` by default.
    public var isNil: Bool { false }
}
