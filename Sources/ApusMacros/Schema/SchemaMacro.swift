import SwiftDiagnostics
public import SwiftSyntax
import SwiftSyntaxBuilder
public import SwiftSyntaxMacros

/// `@Schema`: makes a struct a `SchemaModel`, generating from its stored properties the field table, an
/// error-collecting decoder, a JSON encoder and the JSON Schema.
///
/// The macro never guesses types: it copies each property's type and `@Field` arguments into calls that the
/// compiler type-checks (`FieldSpec<Int>(minLength: 3)` does not compile). What syntax alone can tell is
/// diagnosed here with fix-its: a missing type annotation, a `let` with a default (which an initializer
/// cannot set), and constraints on types they obviously do not fit.
public struct SchemaMacro: ExtensionMacro {
    public static func expansion(
        of node: AttributeSyntax, attachedTo declaration: some DeclGroupSyntax, providingExtensionsOf type: some TypeSyntaxProtocol,
        conformingTo protocols: [TypeSyntax], in context: some MacroExpansionContext
    ) throws -> [ExtensionDeclSyntax] {
        guard let structDecl = declaration.as(StructDeclSyntax.self) else {
            context.diagnose(
                Diagnostic(node: node, message: SchemaDiagnostic.error("notStruct", "@Schema can only be applied to a struct")))
            return []
        }
        var fields: [SchemaField] = []
        var failed = false
        for member in structDecl.memberBlock.members {
            guard let variable = member.decl.as(VariableDeclSyntax.self) else { continue }
            switch collectFields(of: variable, in: context) {
            case .some(let collected): fields += collected
            case .none: failed = true
            }
        }
        if failed { return [] }

        let access = accessPrefix(of: structDecl)
        let isGeneric = structDecl.genericParameterClause != nil
        let configuration =
            node.arguments?.as(LabeledExprListSyntax.self).map { list in
                list.map { ", \($0.label?.text ?? ""): \($0.expression.trimmedDescription)" }.joined()
            } ?? ""
        let modelDescription = DocumentationComment.text(of: structDecl)

        var members: [String] = []
        let tableEntries = fields.map { field in
            "    .init(name: \(literal(field.name)), alias: \(field.alias?.trimmedDescription ?? "nil"), isRequired: \(field.isRequired)),"
        }.joined(separator: "\n")
        let table = "ApusModels.ModelFieldTable([\n\(tableEntries)\n]\(configuration))"
        if isGeneric {
            members.append("\(access)static var fieldTable: ApusModels.ModelFieldTable { \(table) }")
        } else {
            members.append("\(access)static let fieldTable = \(table)")
        }
        for field in fields {
            guard let spec = field.specExpression else { continue }
            let keyword = isGeneric ? "var" : "let"
            let body = isGeneric ? "{ \(spec) }" : "= \(spec)"
            members.append("static \(keyword) __apus_spec_\(field.name): ApusModels.FieldSpec<\(field.typeText)> \(body)")
        }
        members.append(initializer(fields))
        members.append(decoder(fields, access: access))
        members.append(encoder(fields, access: access))
        members.append(schema(fields, access: access, description: modelDescription))

        let extensionDecl: DeclSyntax = """
            extension \(type.trimmed): ApusModels.SchemaModel {
            \(raw: members.joined(separator: "\n\n"))
            }
            """
        guard let result = extensionDecl.as(ExtensionDeclSyntax.self) else { return [] }
        return [result]
    }

    static func literal(_ text: String) -> String { StringLiteralExprSyntax(content: text).description }

    static func accessPrefix(of decl: StructDeclSyntax) -> String {
        for modifier in decl.modifiers {
            switch modifier.name.tokenKind {
            case .keyword(.public), .keyword(.open): return "public "
            case .keyword(.package): return "package "
            default: continue
            }
        }
        return ""
    }

    static func initializer(_ fields: [SchemaField]) -> String {
        let parameters = fields.enumerated().map { index, field in
            index == 0 ? "__apusDecoded \(field.identifier): \(field.typeText)" : "\(field.identifier): \(field.typeText)"
        }
        let assignments = fields.map { "    self.\($0.identifier) = \($0.identifier)" }
        let parameterList = parameters.isEmpty ? "__apusDecoded: Void" : parameters.joined(separator: ", ")
        return "init(\(parameterList)) {\n\(assignments.joined(separator: "\n"))\n}"
    }

    static func decoder(_ fields: [SchemaField], access: String) -> String {
        var lines = [
            "\(access)static func decode(from decoder: inout ApusModels.ValidatingDecoder) throws(ApusModels.JSONSyntaxError) -> Self? {",
            "    guard var state = try decoder.beginModel(fieldTable) else { return nil }",
        ]
        for field in fields { lines.append("    var __apus_\(field.name): (\(field.typeText))? = nil") }
        if fields.isEmpty {
            lines.append("    while try decoder.nextField(&state, fieldTable) != nil {}")
        } else {
            lines.append("    while let field = try decoder.nextField(&state, fieldTable) {")
            lines.append("        switch field {")
            for (index, field) in fields.enumerated() {
                let spec = field.specExpression == nil ? "nil" : "__apus_spec_\(field.name)"
                let label = index == fields.count - 1 ? "default" : "case \(index)"
                lines.append("        \(label): __apus_\(field.name) = try decoder.decodeValue((\(field.typeText)).self, spec: \(spec))")
            }
            lines.append("        }")
            lines.append("    }")
        }
        let required = fields.filter(\.isRequired).map { "let __apus_\($0.name)" }
        lines.append("    guard \((["decoder.endModel(&state, fieldTable)"] + required).joined(separator: ", ")) else { return nil }")
        let arguments = fields.enumerated().map { index, field -> String in
            let label = index == 0 ? "__apusDecoded" : field.identifier
            if field.isRequired { return "\(label): __apus_\(field.name)" }
            let fallback = field.defaultValue.map { "(\($0.trimmedDescription))" } ?? "nil"
            return "\(label): __apus_\(field.name) ?? \(fallback)"
        }
        let argumentList = arguments.isEmpty ? "__apusDecoded: ()" : arguments.joined(separator: ", ")
        lines.append("    return decoder.validateModel(Self(\(argumentList)), state)")
        lines.append("}")
        return lines.joined(separator: "\n")
    }

    static func encoder(_ fields: [SchemaField], access: String) -> String {
        var lines = ["\(access)func encode(to writer: inout ApusModels.JSONWriter) {"]
        lines.append(fields.isEmpty ? "    let state = writer.beginModel()" : "    var state = writer.beginModel()")
        for (index, field) in fields.enumerated() {
            lines.append("    writer.writeField(&state, Self.fieldTable, \(index), self.\(field.identifier))")
        }
        lines.append("    writer.endModel(state)")
        lines.append("}")
        return lines.joined(separator: "\n")
    }

    static func schema(_ fields: [SchemaField], access: String, description: String?) -> String {
        var lines = [
            "\(access)static func modelSchema(in generator: inout ApusModels.JSONSchemaGenerator) -> ApusModels.JSONObject {",
            "    \(fields.isEmpty ? "let" : "var") builder = ApusModels.ModelSchemaBuilder(table: fieldTable, description: \(description.map(literal) ?? "nil"))",
        ]
        for (index, field) in fields.enumerated() {
            let spec = field.specExpression == nil ? "nil" : "__apus_spec_\(field.name)"
            let defaultValue =
                field.defaultValue.map { ", defaultValue: ((\($0.trimmedDescription)) as \(field.typeText)).jsonValue" } ?? ""
            lines.append("    builder.addField(\(index), (\(field.typeText)).self, spec: \(spec)\(defaultValue), in: &generator)")
        }
        lines.append("    return builder.build(title: schemaName)")
        lines.append("}")
        return lines.joined(separator: "\n")
    }
}
