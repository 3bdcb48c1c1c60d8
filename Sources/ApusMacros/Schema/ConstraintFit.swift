import SwiftDiagnostics
import SwiftSyntax
import SwiftSyntaxMacros

/// What syntax alone tells about a field's type, enough to reject constraints that cannot fit it.
/// Types the macro does not recognise (type aliases, user types) are left to the compiler, where the
/// `FieldSpec` initializer's associated-type parameters reject a mismatch.
enum SyntacticKind {
    case number, string, bool, array, set, dictionary, unknown

    static let numberNames: Set<String> = [
        "Int", "Int8", "Int16", "Int32", "Int64", "UInt", "UInt8", "UInt16", "UInt32", "UInt64", "Double", "Float", "Decimal",
        "ExactDecimal",
    ]

    init(_ type: TypeSyntax) {
        if let optional = type.as(OptionalTypeSyntax.self) {
            self.init(optional.wrappedType)
            return
        }
        if type.is(ArrayTypeSyntax.self) {
            self = .array
            return
        }
        if type.is(DictionaryTypeSyntax.self) {
            self = .dictionary
            return
        }
        guard let identifier = type.as(IdentifierTypeSyntax.self) else {
            self = .unknown
            return
        }
        let name = identifier.name.text
        if name == "Optional", let wrapped = identifier.genericArgumentClause?.arguments.first?.argument.as(TypeSyntax.self) {
            self.init(wrapped)
        } else if Self.numberNames.contains(name) {
            self = .number
        } else if name == "String" {
            self = .string
        } else if name == "Bool" {
            self = .bool
        } else if name == "Array" {
            self = .array
        } else if name == "Set" {
            self = .set
        } else if name == "Dictionary" {
            self = .dictionary
        } else {
            self = .unknown
        }
    }

    /// The kinds each constraint argument applies to, and how to say so (``FieldSpecArgument/all``'s constraints).
    static let constraintTargets: [String: (kinds: Set<SyntacticKind>, description: String)] = Dictionary(
        uniqueKeysWithValues: FieldSpecArgument.all.compactMap { argument in argument.constraintTarget.map { (argument.label, $0) } })
}

extension SchemaMacro {
    /// Diagnoses `@Field` constraints that cannot apply to `type`, with a fix-it removing each; returns
    /// whether all fit.
    static func checkConstraints(
        _ attribute: AttributeSyntax, fit type: TypeSyntax, name: String, in context: some MacroExpansionContext
    ) -> Bool {
        let kind = SyntacticKind(type)
        guard kind != .unknown, let arguments = attribute.arguments?.as(LabeledExprListSyntax.self) else { return true }
        var fits = true
        for argument in arguments {
            guard let label = argument.label?.text, let target = SyntacticKind.constraintTargets[label], !target.kinds.contains(kind)
            else { continue }
            fits = false
            var kept = Array(arguments.filter { $0.id != argument.id })
            if let last = kept.popLast() { kept.append(last.with(\.trailingComma, nil)) }
            let remaining = LabeledExprListSyntax(kept)
            context.diagnose(
                Diagnostic(
                    node: argument,
                    message: SchemaDiagnostic.error(
                        "constraintDoesNotFit",
                        "'\(label)' does not apply to '\(name)' of type '\(type.trimmedDescription)'; it constrains \(target.description)"),
                    fixIts: [
                        FixIt(
                            message: SchemaDiagnostic.fixIt("remove '\(label):'"),
                            changes: [.replace(oldNode: Syntax(arguments), newNode: Syntax(remaining))])
                    ]))
        }
        return fits
    }
}
