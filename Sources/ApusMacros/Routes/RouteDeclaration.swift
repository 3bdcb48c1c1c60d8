import SwiftDiagnostics
import SwiftSyntax
import SwiftSyntaxBuilder
import SwiftSyntaxMacros

/// A route method checked against its attribute: the path template, which parameter each placeholder names, the
/// options and the doc comment. `nil` after diagnosing what is wrong.
struct RouteDeclaration {
    let method: String
    let path: String
    let function: FunctionDeclSyntax
    let parameters: [RouteHandlerParameter]
    /// The placeholder each path parameter fills, by parameter index.
    let placeholders: [Int: String]
    let documentation: RouteDocumentation
    /// The attribute's labeled arguments (`status`, `tags`, `summary`...), as written.
    let options: [(label: String, expression: ExprSyntax)]

    init?(attribute: AttributeSyntax, method attributeName: String, function: FunctionDeclSyntax, in context: some MacroExpansionContext) {
        self.method = RouteMacro.methods[attributeName] ?? "get"
        self.function = function
        let arguments = attribute.arguments?.as(LabeledExprListSyntax.self) ?? []
        self.options = arguments.compactMap { argument in argument.label.map { ($0.text, argument.expression.trimmed) } }
        let parameters = function.signature.parameterClause.parameters.map(RouteHandlerParameter.init)
        self.parameters = parameters
        self.documentation = RouteDocumentation(DocumentationComment.text(of: function))

        var valid = true
        guard let pathArgument = arguments.first(where: { $0.label == nil })?.expression,
            let path = Self.literalPath(pathArgument, attribute: attributeName, in: context)
        else { return nil }
        self.path = path

        var placeholders: [Int: String] = [:]
        let names = RouteNaming.placeholders(in: path)
        for placeholder in names {
            let match = parameters.indices.first { index in
                let parameter = parameters[index]
                return (parameter.marker == nil || parameter.marker == .path) && placeholders[index] == nil
                    && RouteNaming.matches(placeholder: placeholder, name: parameter.wireName)
            }
            if let match {
                placeholders[match] = placeholder
            } else {
                Self.diagnoseUnmatched(
                    placeholder, path: path, literal: pathArgument, function: function, parameters: parameters,
                    taken: placeholders, in: context)
                valid = false
            }
        }
        for (index, parameter) in parameters.enumerated() {
            if placeholders[index] != nil {
                valid = Self.checkPathParameter(parameter, in: context) && valid
            } else if parameter.marker == .path {
                context.diagnose(
                    Diagnostic(
                        node: parameter.syntax,
                        message: SchemaDiagnostic.error(
                            "pathMarkerWithoutPlaceholder",
                            "'\(parameter.name)' is marked @From.Path but the path \"\(path)\" has no '{\(RouteNaming.snakeCase(parameter.wireName))}' or '{\(parameter.wireName)}'"
                        )))
                valid = false
            }
            valid = Self.checkShape(parameter, in: context) && valid
        }
        self.placeholders = placeholders
        valid = Self.checkFunction(function, attribute: attributeName, in: context) && valid
        if self.options.contains(where: { $0.label == "blocking" }), let async = function.signature.effectSpecifiers?.asyncSpecifier {
            context.diagnose(
                Diagnostic(
                    node: async,
                    message: SchemaDiagnostic.error(
                        "blockingAsyncRoute",
                        "route '\(function.name.text)' is declared blocking, so it must be synchronous: it runs on a thread of the blocking pool"
                    )))
            valid = false
        }
        if !valid { return nil }
    }

    // MARK: Checks

    /// The path, which must be a string literal without interpolation: the macro reads the placeholders from it.
    private static func literalPath(_ expression: ExprSyntax, attribute: String, in context: some MacroExpansionContext) -> String? {
        if let literal = expression.as(StringLiteralExprSyntax.self) {
            var text = ""
            var fixed = ""
            var fixable = true
            for segment in literal.segments {
                if let string = segment.as(StringSegmentSyntax.self) {
                    text += string.content.text
                    fixed += string.content.text
                } else if let interpolation = segment.as(ExpressionSegmentSyntax.self) {
                    if interpolation.expressions.count == 1,
                        let reference = interpolation.expressions.first?.expression.as(DeclReferenceExprSyntax.self)
                    {
                        fixed += "{\(RouteNaming.snakeCase(reference.baseName.text))}"
                    } else {
                        fixable = false
                    }
                    text = ""
                }
            }
            if !literal.segments.contains(where: { $0.is(ExpressionSegmentSyntax.self) }) { return text }
            let fixIts =
                fixable
                ? [
                    FixIt(
                        message: SchemaDiagnostic.fixIt("use path placeholders: \"\(fixed)\""),
                        changes: [.replace(oldNode: Syntax(literal), newNode: Syntax(StringLiteralExprSyntax(content: fixed)))])
                ]
                : []
            context.diagnose(
                Diagnostic(
                    node: literal,
                    message: SchemaDiagnostic.error(
                        "pathInterpolation",
                        "@\(attribute) path cannot use string interpolation; write path parameters as placeholders ('{item_id}')"),
                    fixIts: fixIts))
            return nil
        }
        context.diagnose(
            Diagnostic(
                node: expression,
                message: SchemaDiagnostic.error(
                    "pathNotLiteral", "@\(attribute) path must be a string literal (the macro reads its placeholders at compile time)")))
        return nil
    }

    /// A placeholder no parameter fills: offer to add one, or to rename the placeholder after an unused parameter.
    private static func diagnoseUnmatched(
        _ placeholder: String, path: String, literal: ExprSyntax, function: FunctionDeclSyntax, parameters: [RouteHandlerParameter],
        taken: [Int: String], in context: some MacroExpansionContext
    ) {
        let clause = function.signature.parameterClause
        let newName = RouteNaming.camelCase(placeholder)
        var list = Array(clause.parameters)
        if !list.isEmpty {
            list[list.count - 1] = list[list.count - 1].with(\.trailingComma, .commaToken(trailingTrivia: .space))
        }
        list.append(
            FunctionParameterSyntax(
                firstName: .identifier(newName), colon: .colonToken(trailingTrivia: .space),
                type: TypeSyntax(IdentifierTypeSyntax(name: .identifier("String")))))
        var fixIts = [
            FixIt(
                message: SchemaDiagnostic.fixIt("add parameter '\(newName): String'"),
                changes: [.replace(oldNode: Syntax(clause), newNode: Syntax(clause.with(\.parameters, FunctionParameterListSyntax(list))))])
        ]
        let candidate = parameters.indices.first { index in
            taken[index] == nil && parameters[index].marker == nil && parameters[index].defaultValue == nil
                && !parameters[index].isWrittenOptional
                && !RouteNaming.placeholders(in: path).contains { RouteNaming.matches(placeholder: $0, name: parameters[index].wireName) }
        }
        if let candidate, literal.is(StringLiteralExprSyntax.self) {
            let wire = parameters[candidate].label ?? RouteNaming.snakeCase(parameters[candidate].name)
            let newPath = path.replacingFirst("{\(placeholder)}", with: "{\(wire)}")
            fixIts.append(
                FixIt(
                    message: SchemaDiagnostic.fixIt("rename '{\(placeholder)}' to '{\(wire)}'"),
                    changes: [.replace(oldNode: Syntax(literal), newNode: Syntax(StringLiteralExprSyntax(content: newPath)))]))
        }
        context.diagnose(
            Diagnostic(
                node: literal,
                message: SchemaDiagnostic.error(
                    "placeholderWithoutParameter",
                    "path placeholder '{\(placeholder)}' has no matching parameter in '\(function.name.text)' (expected '\(newName)' or '\(placeholder)')"
                ),
                fixIts: fixIts))
    }

    /// A path parameter is always present in a matched path: it can be neither optional nor defaulted.
    private static func checkPathParameter(_ parameter: RouteHandlerParameter, in context: some MacroExpansionContext) -> Bool {
        var valid = true
        if let wrapped = RouteHandlerParameter.wrappedType(of: parameter.syntax.type) {
            context.diagnose(
                Diagnostic(
                    node: parameter.syntax.type,
                    message: SchemaDiagnostic.error(
                        "optionalPathParameter", "path parameter '\(parameter.name)' is always present; it cannot be optional"),
                    fixIts: [
                        FixIt(
                            message: SchemaDiagnostic.fixIt("make the type '\(wrapped.trimmedDescription)'"),
                            changes: [
                                .replace(
                                    oldNode: Syntax(parameter.syntax.type),
                                    newNode: Syntax(wrapped.with(\.trailingTrivia, parameter.syntax.type.trailingTrivia)))
                            ])
                    ]))
            valid = false
        }
        if let defaultValue = parameter.syntax.defaultValue {
            context.diagnose(
                Diagnostic(
                    node: defaultValue,
                    message: SchemaDiagnostic.error(
                        "defaultedPathParameter", "path parameter '\(parameter.name)' is always present; it cannot have a default value"),
                    fixIts: [
                        FixIt(
                            message: SchemaDiagnostic.fixIt("remove the default value"),
                            changes: [
                                .replace(
                                    oldNode: Syntax(parameter.syntax),
                                    newNode: Syntax(parameter.syntax.with(\.defaultValue, nil).with(\.type, parameter.syntax.type.trimmed)))
                            ])
                    ]))
            valid = false
        }
        return valid
    }

    /// Variadic and `inout` parameters have no request value; marker aliases must be literals.
    private static func checkShape(_ parameter: RouteHandlerParameter, in context: some MacroExpansionContext) -> Bool {
        if let ellipsis = parameter.syntax.ellipsis {
            let array = ArrayTypeSyntax(element: parameter.syntax.type.trimmed)
            context.diagnose(
                Diagnostic(
                    node: ellipsis,
                    message: SchemaDiagnostic.error(
                        "variadicParameter", "route parameter '\(parameter.name)' cannot be variadic; a repeated query key is an array"),
                    fixIts: [
                        FixIt(
                            message: SchemaDiagnostic.fixIt("use '\(array.description)'"),
                            changes: [
                                .replace(
                                    oldNode: Syntax(parameter.syntax),
                                    newNode: Syntax(parameter.syntax.with(\.ellipsis, nil).with(\.type, TypeSyntax(array))))
                            ])
                    ]))
            return false
        }
        if let alias = parameter.markerArguments["alias"], !alias.is(StringLiteralExprSyntax.self) {
            context.diagnose(
                Diagnostic(
                    node: alias,
                    message: SchemaDiagnostic.error(
                        "aliasNotLiteral", "alias must be a string literal (the macro writes it into the route)")))
            return false
        }
        return true
    }

    /// The method itself: it returns a value and can be called on a captured `self`.
    private static func checkFunction(_ function: FunctionDeclSyntax, attribute: String, in context: some MacroExpansionContext) -> Bool {
        var valid = true
        if function.signature.returnClause == nil {
            context.diagnose(
                Diagnostic(
                    node: function.name,
                    message: SchemaDiagnostic.error(
                        "routeWithoutResult",
                        "route '\(function.name.text)' must return a value: a model or other SchemaValue, an Encodable value, or a Response"
                    )))
            valid = false
        }
        if let mutating = function.modifiers.first(where: { $0.name.tokenKind == .keyword(.mutating) }) {
            let remaining = function.modifiers.filter { $0.name.tokenKind != .keyword(.mutating) }
            // The line break before `mutating` moves to the next token, which an empty list has none of.
            let removal: [FixIt.Change] =
                remaining.isEmpty
                ? [
                    .replace(oldNode: Syntax(function.modifiers), newNode: Syntax(remaining)),
                    .replaceLeadingTrivia(token: function.funcKeyword, newTrivia: function.modifiers.leadingTrivia),
                ]
                : [
                    .replace(
                        oldNode: Syntax(function.modifiers),
                        newNode: Syntax(remaining.with(\.leadingTrivia, function.modifiers.leadingTrivia)))
                ]
            context.diagnose(
                Diagnostic(
                    node: mutating,
                    message: SchemaDiagnostic.error(
                        "mutatingRoute", "route '\(function.name.text)' cannot be mutating: routes share one value across requests"),
                    fixIts: [
                        FixIt(
                            message: SchemaDiagnostic.fixIt("remove 'mutating'"),
                            changes: removal)
                    ]))
            valid = false
        }
        return valid
    }
}

extension String {
    /// This string with the first occurrence of `target` replaced.
    func replacingFirst(_ target: String, with replacement: String) -> String {
        let characters = Array(self)
        let pattern = Array(target)
        guard !pattern.isEmpty, characters.count >= pattern.count else { return self }
        for start in 0...(characters.count - pattern.count) where Array(characters[start..<start + pattern.count]) == pattern {
            return String(characters[..<start]) + replacement + String(characters[(start + pattern.count)...])
        }
        return self
    }
}
