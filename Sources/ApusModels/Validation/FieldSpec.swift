/// The declared metadata and constraints of one field or parameter: Pydantic's `Field(...)`.
///
/// `@Field(...)` and `@From` marker arguments are copied verbatim into this initializer, so the compiler checks them: an
/// unknown label is a typo, and a constraint whose type is ``ConstraintDoesNotApplyToThisType`` for the
/// field's type (such as `minLength:` on an `Int`) does not compile. The checks are compiled once, when
/// the spec is created (a `static let` in generated code).
///
/// The arguments are listed once, in `FieldSpecArgument.all` (`Sources/ApusMacros/Schema/FieldSpecArgument.swift`):
/// the properties, the initializer and ``converted(to:)`` below are generated from it, as are the `@Field` macro's
/// and the `@From` markers' parameters.
public struct FieldSpec<Value: SchemaValue>: Sendable {
    /// The compiled constraint checks.
    @usableFromInline var checks: [ConstraintCheck<Value>] = []

    // generated-begin: FieldSpec arguments, from FieldSpecArgument.all in Sources/ApusMacros/Schema/FieldSpecArgument.swift
    /// The name on the wire, overriding the model's naming strategy.
    public var alias: String?
    /// The schema `title`; by default derived from the wire name as Pydantic does (`first_name` → `First Name`).
    public var title: String?
    /// The schema `description`; `@Schema` fills it from the property's `///` comment.
    public var description: String?
    /// Schema `examples`.
    public var examples: [JSONValue]?
    /// Marks the field `deprecated` in the schema.
    public var deprecated: Bool
    /// `gt`: exclusive minimum.
    public var greaterThan: Value.NumericConstraint?
    /// `ge`: inclusive minimum.
    public var greaterThanOrEqual: Value.NumericConstraint?
    /// `lt`: exclusive maximum.
    public var lessThan: Value.NumericConstraint?
    /// `le`: inclusive maximum.
    public var lessThanOrEqual: Value.NumericConstraint?
    /// `multiple_of`.
    public var multipleOf: Value.NumericConstraint?
    /// `min_length` of a string, in Unicode scalars as Python counts.
    public var minLength: Value.LengthConstraint?
    /// `max_length` of a string.
    public var maxLength: Value.LengthConstraint?
    /// `pattern`: a regular expression searched for anywhere in the string (Pydantic's semantics).
    public var pattern: Value.PatternConstraint?
    /// A string format checked and shown in the schema.
    public var format: Value.FormatConstraint?
    /// `min_length` of a collection.
    public var minItems: Value.ItemCountConstraint?
    /// `max_length` of a collection.
    public var maxItems: Value.ItemCountConstraint?
    /// Rejects arrays with repeated elements.
    public var uniqueItems: Value.UniqueItemsConstraint?
    /// A validator run after the type and constraints pass: it may transform the value, and an error it throws becomes
    /// a `value_error` (Pydantic's `@field_validator(mode="after")`).
    public var validator: (@Sendable (Value) throws -> Value)?

    /// Creates a spec. Every argument is optional; see the properties for their meaning.
    public init(
        alias: String? = nil,
        title: String? = nil,
        description: String? = nil,
        examples: [JSONValue]? = nil,
        deprecated: Bool = false,
        gt: Value.NumericConstraint? = nil,
        ge: Value.NumericConstraint? = nil,
        lt: Value.NumericConstraint? = nil,
        le: Value.NumericConstraint? = nil,
        multipleOf: Value.NumericConstraint? = nil,
        minLength: Value.LengthConstraint? = nil,
        maxLength: Value.LengthConstraint? = nil,
        pattern: Value.PatternConstraint? = nil,
        format: Value.FormatConstraint? = nil,
        minItems: Value.ItemCountConstraint? = nil,
        maxItems: Value.ItemCountConstraint? = nil,
        uniqueItems: Value.UniqueItemsConstraint? = nil,
        validator: (@Sendable (Value) throws -> Value)? = nil
    ) {
        self.alias = alias
        self.title = title
        self.description = description
        self.examples = examples
        self.deprecated = deprecated
        self.greaterThan = gt
        self.greaterThanOrEqual = ge
        self.lessThan = lt
        self.lessThanOrEqual = le
        self.multipleOf = multipleOf
        self.minLength = minLength
        self.maxLength = maxLength
        self.pattern = pattern
        self.format = format
        self.minItems = minItems
        self.maxItems = maxItems
        self.uniqueItems = uniqueItems
        self.validator = validator
        self.checks = Value.constraintChecks(for: self)
    }

    /// The same metadata and constraints for another value type with the same constraint types (used by
    /// `Optional` to check its wrapped value).
    public func converted<Other: SchemaValue>(to type: Other.Type) -> FieldSpec<Other>
    where
        Other.NumericConstraint == Value.NumericConstraint,
        Other.LengthConstraint == Value.LengthConstraint,
        Other.PatternConstraint == Value.PatternConstraint,
        Other.FormatConstraint == Value.FormatConstraint,
        Other.ItemCountConstraint == Value.ItemCountConstraint,
        Other.UniqueItemsConstraint == Value.UniqueItemsConstraint
    {
        FieldSpec<Other>(
            alias: alias, title: title, description: description, examples: examples, deprecated: deprecated, gt: greaterThan,
            ge: greaterThanOrEqual, lt: lessThan, le: lessThanOrEqual, multipleOf: multipleOf, minLength: minLength,
            maxLength: maxLength, pattern: pattern, format: format, minItems: minItems, maxItems: maxItems,
            uniqueItems: uniqueItems)
    }
    // generated-end: FieldSpec arguments

    /// Whether decoding has anything to check after the type itself.
    @inlinable
    public var hasChecks: Bool { !checks.isEmpty || validator != nil }

    /// Runs the constraints, then the validator; records the first failure (Pydantic stops at the first
    /// failing constraint of a value) with the JSON value at `offset` as input.
    @inlinable
    public func check(_ value: Value, decoder: inout ValidatingDecoder, inputAt offset: Int) -> Value? {
        for check in checks {
            if let failure = check(value) {
                decoder.record(failure, inputAt: offset)
                return nil
            }
        }
        guard let validator else { return value }
        do {
            return try validator(value)
        } catch {
            decoder.record(.valueError(ValueError.message(of: error)), inputAt: offset)
            return nil
        }
    }
}

/// An error to throw from a field or model validator; its message becomes Pydantic's
/// `"Value error, <message>"`. Any other error is described with `String(describing:)`.
public struct ValueError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The message shown after `"Value error, "`.
    public var message: String

    /// An error with this message.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }

    @usableFromInline
    static func message(of error: any Error) -> String {
        (error as? ValueError)?.message ?? String(describing: error)
    }
}
