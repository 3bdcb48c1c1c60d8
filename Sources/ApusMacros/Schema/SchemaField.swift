import SwiftDiagnostics
import SwiftSyntax
import SwiftSyntaxBuilder
import SwiftSyntaxMacros

/// One stored property of a `@Schema` struct, as the macro sees it (syntax only: macros have no types).
struct SchemaField {
    /// The property name as written (with backticks if it had them).
    var identifier: String
    /// The name without backticks: the Swift field name.
    var name: String
    var type: TypeSyntax
    var defaultValue: ExprSyntax?
    var isOptional: Bool
    var fieldArguments: [(label: String, expression: ExprSyntax)]
    var documentation: String?

    var isRequired: Bool { defaultValue == nil && !isOptional }
    var alias: ExprSyntax? { fieldArguments.first { $0.label == "alias" }?.expression }
    var typeText: String { type.trimmedDescription }

    /// The `FieldSpec<T>(...)` expression, or `nil` when the field has no metadata.
    var specExpression: String? {
        var arguments = fieldArguments
        if let documentation, !arguments.contains(where: { $0.label == "description" }) {
            arguments.append(("description", ExprSyntax(StringLiteralExprSyntax(content: documentation))))
        }
        guard !arguments.isEmpty else { return nil }
        // `FieldSpec.init`'s order, with the doc comment's description in its place.
        let ordered = arguments.sorted {
            (FieldSpecArgument.labels.firstIndex(of: $0.label) ?? 99) < (FieldSpecArgument.labels.firstIndex(of: $1.label) ?? 99)
        }
        let list = ordered.map { "\($0.label): \($0.expression.trimmedDescription)" }.joined(separator: ", ")
        return "ApusModels.FieldSpec<\(typeText)>(\(list))"
    }
}

/// Reads doc comments (`///` lines and `/** */` blocks) from a declaration's leading trivia, as Pydantic
/// reads docstrings: lines joined with newlines, surrounding blank lines dropped.
enum DocumentationComment {
    static func text(of node: some SyntaxProtocol) -> String? {
        var lines: [String] = []
        for piece in node.leadingTrivia {
            switch piece {
            case .docLineComment(let comment):
                var line = Substring(comment.dropFirst(3))
                if line.first == " " { line = line.dropFirst() }
                lines.append(String(line))
            case .docBlockComment(let comment):
                let body = comment.dropFirst(3).dropLast(2)
                for rawLine in body.split(separator: "\n", omittingEmptySubsequences: false) {
                    var line = rawLine.drop(while: { $0 == " " || $0 == "\t" })
                    if line.first == "*" { line = line.dropFirst() }
                    if line.first == " " { line = line.dropFirst() }
                    lines.append(String(line))
                }
            default: continue
            }
        }
        while lines.first?.trimmingCharacters(in: " ").isEmpty == true { lines.removeFirst() }
        while lines.last?.trimmingCharacters(in: " ").isEmpty == true { lines.removeLast() }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var text = Substring(self)
        while text.first == set { text = text.dropFirst() }
        while text.last == set { text = text.dropLast() }
        return String(text)
    }
}
