/// One argument of `FieldSpec.init`: a field's metadata or constraint, as Pydantic's `Field(...)` takes it.
///
/// ``all`` is the one list of these arguments, and ``Constraint`` the one list of constraint families. Swift cannot
/// share a parameter list between an initializer, a property wrapper and a macro, so the code that spells them is
/// generated from these lists into marked regions (`// generated-begin: ...`) of the files that hold it:
/// `FieldSpec`'s properties, initializer and `converted(to:)`, the `@From` markers' initializer, the `@Field` macro's
/// parameters, and `SchemaValue`'s and `Optional`'s constraint types. `Tests/ApusMacrosTests/GeneratedSourcesTests.swift`
/// fails when a region is not what the lists render; `APUS_REGENERATE_SOURCES=1 swift test --filter GeneratedSourcesTests`
/// rewrites them. The macros read the lists at expansion time: the order in which they re-emit arguments and the
/// constraint-fit diagnostics.
struct FieldSpecArgument {
    /// A family of constraints whose value type one `SchemaValue` associated type gives for each field type.
    enum Constraint: CaseIterable {
        case numeric, length, pattern, format, itemCount, uniqueItems

        /// The `SchemaValue` associated type giving the argument's type (`ConstraintDoesNotApplyToThisType` where
        /// the constraint does not fit).
        var associatedType: String {
            switch self {
            case .numeric: "NumericConstraint"
            case .length: "LengthConstraint"
            case .pattern: "PatternConstraint"
            case .format: "FormatConstraint"
            case .itemCount: "ItemCountConstraint"
            case .uniqueItems: "UniqueItemsConstraint"
            }
        }

        /// What the associated type is for the types the constraint fits, after the list of its arguments.
        var typeNote: String {
            switch self {
            case .numeric: "(the number type itself for numbers; ``ExactDecimal`` for `Decimal`)"
            case .length: "(`Int` for strings)"
            case .pattern: "(`String` for strings)"
            case .format: "(``StringFormat`` for strings)"
            case .itemCount: "(`Int` for arrays, sets and dictionaries)"
            case .uniqueItems: "(`Bool` for arrays)"
            }
        }

        /// The argument's type in the `@Field` macro's declaration, where no field type is known.
        var macroType: String {
            switch self {
            case .numeric: "Double"
            case .length, .itemCount: "Int"
            case .pattern: "String"
            case .format: "StringFormat"
            case .uniqueItems: "Bool"
            }
        }

        /// The field types, as far as syntax tells them, that the constraint applies to, and how to say so.
        var target: (kinds: Set<SyntacticKind>, description: String) {
            switch self {
            case .numeric: ([.number], "numbers")
            case .length, .pattern, .format: ([.string], "strings")
            case .itemCount: ([.array, .set, .dictionary], "arrays, sets and dictionaries")
            case .uniqueItems: ([.array], "arrays")
            }
        }
    }

    enum Kind {
        /// `alias`: a `String` in `FieldSpec` and `@Field`; in the markers, the type their kind gives (`String` for
        /// query, header, cookie and form, `ArgumentDoesNotApplyToThisMarker` for path and body).
        case wireName
        /// Documentation or naming, the same type for every field: `type` in `FieldSpec` and the markers,
        /// `macroType` in `@Field`.
        case metadata(type: String, macroType: String, defaultValue: String)
        /// A constraint, typed by the field's type.
        case constraint(Constraint)
        /// The after-validator, a function of the field's type (`@Field` takes any function and leaves the
        /// type check to the `FieldSpec` it generates).
        case validator
    }

    /// The argument label, Pydantic's keyword in camel case.
    let label: String
    /// The `FieldSpec` property that stores it.
    let property: String
    let kind: Kind
    /// The property's `///` summary.
    let documentation: String

    /// `FieldSpec.init`'s arguments, in order.
    static let all: [FieldSpecArgument] = [
        .init("alias", .wireName, "The name on the wire, overriding the model's naming strategy."),
        .init(
            "title", .metadata(type: "String?", macroType: "String?", defaultValue: "nil"),
            "The schema `title`; by default derived from the wire name as Pydantic does (`first_name` → `First Name`)."),
        .init(
            "description", .metadata(type: "String?", macroType: "String?", defaultValue: "nil"),
            "The schema `description`; `@Schema` fills it from the property's `///` comment."),
        .init("examples", .metadata(type: "[JSONValue]?", macroType: "[JSONValue]?", defaultValue: "nil"), "Schema `examples`."),
        .init(
            "deprecated", .metadata(type: "Bool", macroType: "Bool", defaultValue: "false"), "Marks the field `deprecated` in the schema."),
        .init("gt", property: "greaterThan", .constraint(.numeric), "`gt`: exclusive minimum."),
        .init("ge", property: "greaterThanOrEqual", .constraint(.numeric), "`ge`: inclusive minimum."),
        .init("lt", property: "lessThan", .constraint(.numeric), "`lt`: exclusive maximum."),
        .init("le", property: "lessThanOrEqual", .constraint(.numeric), "`le`: inclusive maximum."),
        .init("multipleOf", .constraint(.numeric), "`multiple_of`."),
        .init("minLength", .constraint(.length), "`min_length` of a string, in Unicode scalars as Python counts."),
        .init("maxLength", .constraint(.length), "`max_length` of a string."),
        .init(
            "pattern", .constraint(.pattern), "`pattern`: a regular expression searched for anywhere in the string (Pydantic's semantics)."),
        .init("format", .constraint(.format), "A string format checked and shown in the schema."),
        .init("minItems", .constraint(.itemCount), "`min_length` of a collection."),
        .init("maxItems", .constraint(.itemCount), "`max_length` of a collection."),
        .init("uniqueItems", .constraint(.uniqueItems), "Rejects arrays with repeated elements."),
        .init(
            "validator", .validator,
            "A validator run after the type and constraints pass: it may transform the value, and an error it throws becomes a "
                + "`value_error` (Pydantic's `@field_validator(mode=\"after\")`)."),
    ]

    init(_ label: String, property: String? = nil, _ kind: Kind, _ documentation: String) {
        self.label = label
        self.property = property ?? label
        self.kind = kind
        self.documentation = documentation
    }

    /// The argument's type in `FieldSpec<Value>`.
    var specType: String {
        switch kind {
        case .wireName: "String?"
        case .metadata(let type, _, _): type
        case .constraint(let constraint): "Value.\(constraint.associatedType)?"
        case .validator: "(@Sendable (Value) throws -> Value)?"
        }
    }

    /// The argument's type in `ParameterMarker<Kind, Value>`'s initializer.
    var markerType: String {
        if case .wireName = kind { return "Kind.Alias?" }
        return specType
    }

    /// The argument's type in the `@Field` macro.
    var macroType: String {
        switch kind {
        case .wireName: "String?"
        case .metadata(_, let macroType, _): macroType
        case .constraint(let constraint): "\(constraint.macroType)?"
        case .validator: "(any Sendable)?"
        }
    }

    var defaultValue: String {
        if case .metadata(_, _, let defaultValue) = kind { return defaultValue }
        return "nil"
    }

    /// The field types a constraint applies to; `nil` for metadata and the validator, which apply to all.
    var constraintTarget: (kinds: Set<SyntacticKind>, description: String)? {
        if case .constraint(let constraint) = kind { return constraint.target }
        return nil
    }

    /// The labels in `FieldSpec.init`'s order.
    static let labels = all.map(\.label)
}
