import SwiftDiagnostics
import SwiftSyntax
import SwiftSyntaxMacros

extension SchemaMacro {
    /// The stored properties declared by `variable`, or `nil` after diagnosing a problem.
    static func collectFields(of variable: VariableDeclSyntax, in context: some MacroExpansionContext) -> [SchemaField]? {
        if variable.modifiers.contains(where: { $0.name.tokenKind == .keyword(.static) || $0.name.tokenKind == .keyword(.class) }) {
            return []
        }
        let fieldAttribute = variable.attributes.lazy.compactMap { $0.as(AttributeSyntax.self) }.first {
            $0.attributeName.trimmedDescription == "Field"
        }
        let fieldArguments: [(label: String, expression: ExprSyntax)] =
            fieldAttribute?.arguments?.as(LabeledExprListSyntax.self)?.map { ($0.label?.text ?? "", $0.expression) } ?? []
        var fields: [SchemaField] = []
        var failed = false
        for binding in variable.bindings {
            if let accessors = binding.accessorBlock?.accessors {
                // Computed properties are not fields; stored ones with observers (`didSet`) are.
                if case .getter = accessors { continue }
                if case .accessors(let list) = accessors,
                    list.contains(where: { $0.accessorSpecifier.tokenKind == .keyword(.get) })
                {
                    continue
                }
            }
            guard let pattern = binding.pattern.as(IdentifierPatternSyntax.self) else { continue }
            let identifier = pattern.identifier.text
            let name = identifier.trimmingCharacters(in: "`")
            if variable.bindingSpecifier.tokenKind == .keyword(.let), binding.initializer != nil {
                diagnoseLetWithDefault(variable, name: name, in: context)
                failed = true
                continue
            }
            guard let type = binding.typeAnnotation?.type ?? variable.bindings.last?.typeAnnotation?.type else {
                diagnoseMissingType(binding, name: name, in: context)
                failed = true
                continue
            }
            if let fieldAttribute, !checkConstraints(fieldAttribute, fit: type, name: name, in: context) {
                failed = true
                continue
            }
            fields.append(
                SchemaField(
                    identifier: identifier, name: name, type: type.trimmed, defaultValue: binding.initializer?.value.trimmed,
                    isOptional: isOptional(type), fieldArguments: fieldArguments, documentation: DocumentationComment.text(of: variable)))
        }
        return failed ? nil : fields
    }

    static func isOptional(_ type: TypeSyntax) -> Bool {
        if type.is(OptionalTypeSyntax.self) || type.is(ImplicitlyUnwrappedOptionalTypeSyntax.self) { return true }
        if let identifier = type.as(IdentifierTypeSyntax.self), identifier.name.text == "Optional" { return true }
        return false
    }

    static func diagnoseLetWithDefault(_ variable: VariableDeclSyntax, name: String, in context: some MacroExpansionContext) {
        let fixed = variable.bindingSpecifier.with(\.tokenKind, .keyword(.var))
        context.diagnose(
            Diagnostic(
                node: variable.bindingSpecifier,
                message: SchemaDiagnostic.error(
                    "letWithDefault", "@Schema cannot decode '\(name)': a 'let' with a default value cannot be set by an initializer"),
                fixIts: [
                    FixIt(
                        message: SchemaDiagnostic.fixIt("change 'let' to 'var'"),
                        changes: [.replace(oldNode: Syntax(variable.bindingSpecifier), newNode: Syntax(fixed))])
                ]))
    }

    static func diagnoseMissingType(_ binding: PatternBindingSyntax, name: String, in context: some MacroExpansionContext) {
        let message = SchemaDiagnostic.error(
            "missingType", "@Schema needs an explicit type annotation on '\(name)' (macros see syntax, not inferred types)")
        guard let value = binding.initializer?.value, let inferred = literalType(of: value) else {
            context.diagnose(Diagnostic(node: binding.pattern, message: message))
            return
        }
        let annotated = binding.with(\.pattern, binding.pattern.trimmed)
            .with(
                \.typeAnnotation,
                TypeAnnotationSyntax(
                    colon: .colonToken(trailingTrivia: .space),
                    type: TypeSyntax(IdentifierTypeSyntax(name: .identifier(inferred, trailingTrivia: .space)))))
        context.diagnose(
            Diagnostic(
                node: binding.pattern, message: message,
                fixIts: [
                    FixIt(
                        message: SchemaDiagnostic.fixIt("add type annotation ': \(inferred)'"),
                        changes: [.replace(oldNode: Syntax(binding), newNode: Syntax(annotated))])
                ]))
    }

    static func literalType(of expression: ExprSyntax) -> String? {
        if expression.is(IntegerLiteralExprSyntax.self) { return "Int" }
        if expression.is(FloatLiteralExprSyntax.self) { return "Double" }
        if expression.is(StringLiteralExprSyntax.self) { return "String" }
        if expression.is(BooleanLiteralExprSyntax.self) { return "Bool" }
        if let prefix = expression.as(PrefixOperatorExprSyntax.self), prefix.operator.text == "-" {
            return literalType(of: prefix.expression)
        }
        return nil
    }
}
