@testable import ApusMacros

/// The code that spells `FieldSpec`'s arguments, rendered from ``FieldSpecArgument/all``: Swift has no way to
/// share a parameter list between an initializer, a property wrapper and a macro declaration, so each is generated
/// into a marked region of its file.
enum FieldSpecArgumentSources {
    /// A generated region: the file it sits in (from the package root), its name in the markers, and its text.
    struct Region {
        var path: String
        var name: String
        var text: String
    }

    static var regions: [Region] {
        [
            Region(path: "Sources/ApusModels/Validation/FieldSpec.swift", name: "FieldSpec arguments", text: fieldSpecMembers),
            Region(path: "Sources/ApusEndpoints/RouteGroups/From.swift", name: "marker initializer", text: markerInitializer),
            Region(path: "Sources/Apus/ModelMacros.swift", name: "@Field parameters", text: fieldMacroParameters),
            Region(path: "Sources/ApusModels/Values/SchemaValue.swift", name: "constraint types", text: constraintAssociatedTypes),
            Region(path: "Sources/ApusModels/Values/Optional.swift", name: "constraint types", text: optionalConstraintTypes),
        ]
    }

    static let arguments = FieldSpecArgument.all

    /// `FieldSpec`'s stored properties, its initializer and `converted(to:)`.
    static var fieldSpecMembers: String {
        var lines: [String] = []
        for argument in arguments {
            lines += documentation(argument.documentation, indent: 4)
            lines.append("    public var \(argument.property): \(argument.specType)")
        }
        lines.append("")
        lines.append("    /// Creates a spec. Every argument is optional; see the properties for their meaning.")
        lines.append("    public init(")
        lines += arguments.enumerated().map { index, argument in
            "        \(argument.label): \(argument.specType) = \(argument.defaultValue)\(index == arguments.count - 1 ? "" : ",")"
        }
        lines.append("    ) {")
        lines += arguments.map { "        self.\($0.property) = \($0.label)" }
        lines.append("        self.checks = Value.constraintChecks(for: self)")
        lines.append("    }")
        lines.append("")
        lines.append("    /// The same metadata and constraints for another value type with the same constraint types (used by")
        lines.append("    /// `Optional` to check its wrapped value).")
        lines.append("    public func converted<Other: SchemaValue>(to type: Other.Type) -> FieldSpec<Other>")
        lines.append("    where")
        let constraints = FieldSpecArgument.Constraint.allCases
        lines += constraints.enumerated().map { index, constraint in
            let type = constraint.associatedType
            return "        Other.\(type) == Value.\(type)\(index == constraints.count - 1 ? "" : ",")"
        }
        lines.append("    {")
        // The validator is a function of `Value`, which has no counterpart for `Other`.
        let converted = arguments.filter { if case .validator = $0.kind { false } else { true } }
        lines.append("        FieldSpec<Other>(")
        lines += wrapped(converted.map { "\($0.label): \($0.property)" }, indent: 12, last: ")")
        lines.append("    }")
        return lines.joined(separator: "\n")
    }

    /// `ParameterMarker`'s initializer: `wrappedValue`, `embed`, then `FieldSpec`'s arguments.
    static var markerInitializer: String {
        var lines = [
            "    /// Marks a parameter; `embed` and `alias` apply where the marker's kind takes them, the rest are ``FieldSpec``'s",
            "    /// arguments.",
            "    public init(",
        ]
        let parameters =
            ["wrappedValue: Value", "embed: Kind.Embed? = nil"]
            + arguments.map { "\($0.label): \($0.markerType) = \($0.defaultValue)" }
        lines += wrapped(parameters, indent: 8, last: "")
        lines.append("    ) where Value: SchemaValue {")
        lines.append("        self.wrappedValue = wrappedValue")
        lines.append("    }")
        return lines.joined(separator: "\n")
    }

    /// The `@Field` macro's parameters.
    static var fieldMacroParameters: String {
        wrapped(arguments.map { "\($0.label): \($0.macroType) = \($0.defaultValue)" }, indent: 4, last: "").joined(separator: "\n")
    }

    /// `SchemaValue`'s associated types, one per constraint family.
    static var constraintAssociatedTypes: String {
        FieldSpecArgument.Constraint.allCases.flatMap { constraint in
            let labels = arguments.filter { if case .constraint(constraint) = $0.kind { true } else { false } }.map { "`\($0.label)`" }
            let listed = labels.count > 1 ? labels.dropLast().joined(separator: ", ") + " and " + labels.last! : labels.joined()
            return documentation("The type of \(listed) \(constraint.typeNote).", indent: 4)
                + ["    associatedtype \(constraint.associatedType): Sendable = ConstraintDoesNotApplyToThisType"]
        }.joined(separator: "\n")
    }

    /// `Optional`'s associated types: the wrapped type's.
    static var optionalConstraintTypes: String {
        FieldSpecArgument.Constraint.allCases.flatMap { constraint in
            [
                "    /// Constraints apply to the wrapped value.",
                "    public typealias \(constraint.associatedType) = Wrapped.\(constraint.associatedType)",
            ]
        }.joined(separator: "\n")
    }

    /// `items` joined with commas into lines of at most 130 columns, the last followed by `last`.
    static func wrapped(_ items: [String], indent: Int, last: String) -> [String] {
        let prefix = String(repeating: " ", count: indent)
        var lines: [String] = []
        var line = prefix
        for (index, item) in items.enumerated() {
            let piece = item + (index == items.count - 1 ? last : ",")
            if line != prefix, line.count + 1 + piece.count > 130 {
                lines.append(line)
                line = prefix
            }
            line += (line == prefix ? "" : " ") + piece
        }
        lines.append(line)
        return lines
    }

    /// A `///` comment wrapped at 120 columns.
    static func documentation(_ text: String, indent: Int) -> [String] {
        let prefix = String(repeating: " ", count: indent) + "///"
        var lines: [String] = []
        var line = prefix
        for word in text.split(separator: " ") {
            if line != prefix, line.count + 1 + word.count > 120 {
                lines.append(line)
                line = prefix
            }
            line += " " + word
        }
        lines.append(line)
        return lines
    }
}
