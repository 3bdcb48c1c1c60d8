import SwiftSyntax
import SwiftSyntaxMacros

extension RouteDeclaration {
    /// The peer that registers the route: one call to the typed-endpoint registration function (`on(.get)(...)`)
    /// with an extractor per parameter.
    func generatedPeer(location: AbstractSourceLocation?) -> String {
        let extractors = parameters.indices.map { "        " + extractor(at: $0) + "," }
        var arguments = ["        \(SchemaMacro.literal(path)),"] + extractors
        if let status = option("status") { arguments.append("        status: \(status),") }
        arguments.append("        metadata: \(metadata()),")
        if let responses = option("responses") { arguments.append("        responses: \(responses),") }
        if let dependencies = option("dependencies") { arguments.append("        dependencies: \(dependencies),") }
        if let blocking = option("blocking") { arguments.append("        blocking: \(blocking),") }
        if let location {
            arguments.append("        file: \(location.file),")
            arguments.append("        line: \(location.line)")
        } else if let last = arguments.popLast() {
            arguments.append(String(last.dropLast()))
        }
        return """
            func \(RouteMacro.peerName(of: function))(_ registrar: some ApusCore.RouteRegistering) {
                registrar.on(.\(method))(
            \(arguments.joined(separator: "\n"))
                ) \(handlerClosure())
            }
            """
    }

    private func option(_ label: String) -> String? {
        options.first { $0.label == label }?.expression.description
    }

    /// `RouteMetadata(...)` with the method's name, the doc comment's summary and description, and the options.
    private func metadata() -> String {
        var fields = ["name: \(SchemaMacro.literal(function.name.identifier?.name ?? function.name.text))"]
        if let summary = option("summary") ?? documentation.summary.map(SchemaMacro.literal) { fields.append("summary: \(summary)") }
        if let description = option("description") ?? documentation.description.map(SchemaMacro.literal) {
            fields.append("description: \(description)")
        }
        for label in ["tags", "operationID", "deprecated", "includeInSchema"] {
            if let value = option(label) { fields.append("\(label): \(value)") }
        }
        return "ApusCore.RouteMetadata(\(fields.joined(separator: ", ")))"
    }

    /// The extractor for parameter `index`: decided by the path template, then the marker, then the compiler.
    private func extractor(at index: Int) -> String {
        let parameter = parameters[index]
        let type = "(\(parameter.type.description)).self"
        let description =
            (documentation.parameters[parameter.name] ?? parameter.label.flatMap { documentation.parameters[$0] })
            .map(SchemaMacro.literal) ?? "nil"
        let defaultValue = parameter.defaultValue?.description ?? "nil"
        let specList = parameter.specArguments.map { "\($0.label): \($0.expression.description)" }.joined(separator: ", ")
        let spec = specList.isEmpty ? "" : ", spec: ApusModels.FieldSpec<\(parameter.type.description)>(\(specList))"
        let alias = parameter.markerArguments["alias"]?.as(StringLiteralExprSyntax.self)?.description
        let inference = "ApusEndpoints.RouteParameterInference"
        if let placeholder = placeholders[index] {
            return "\(inference).path(for: \(type), name: \(SchemaMacro.literal(placeholder)), description: \(description)\(spec))"
        }
        switch parameter.marker {
        case .none, .path:
            return
                "\(inference).extractor(for: \(type), name: \(SchemaMacro.literal(parameter.wireName)), default: \(defaultValue), description: \(description))"
        case .query:
            let name = alias ?? SchemaMacro.literal(parameter.wireName)
            return "\(inference).query(for: \(type), name: \(name), default: \(defaultValue), description: \(description)\(spec))"
        case .header:
            let name = alias ?? SchemaMacro.literal(RouteNaming.headerName(parameter.wireName))
            return "\(inference).header(for: \(type), name: \(name), default: \(defaultValue), description: \(description)\(spec))"
        case .cookie:
            let name = alias ?? SchemaMacro.literal(parameter.wireName)
            return "\(inference).cookie(for: \(type), name: \(name), default: \(defaultValue), description: \(description)\(spec))"
        case .form:
            let name = alias ?? SchemaMacro.literal(parameter.wireName)
            return "\(inference).form(for: \(type), name: \(name), default: \(defaultValue), description: \(description)\(spec))"
        case .file:
            let name = alias ?? SchemaMacro.literal(parameter.wireName)
            let fileDescription = parameter.markerArguments["description"]?.description ?? description
            return "\(inference).file(for: \(type), name: \(name), default: \(defaultValue), description: \(fileDescription))"
        case .body:
            let embed = parameter.markerArguments["embed"].map { ", embed: \($0.description)" } ?? ""
            return
                "\(inference).body(for: \(type), name: \(SchemaMacro.literal(parameter.wireName))\(embed), default: \(defaultValue), description: \(description)\(spec))"
        }
    }

    /// `{ [self] p0, p1 in try await self.method(label: p0, p1) }`, with `try`/`await` only when the method needs
    /// them (otherwise Swift warns inside the expansion, where users see it).
    private func handlerClosure() -> String {
        let isStatic = function.modifiers.contains { $0.name.tokenKind == .keyword(.static) || $0.name.tokenKind == .keyword(.class) }
        let names = parameters.indices.map { "p\($0)" }
        let callArguments = zip(parameters, names).map { parameter, name in
            parameter.label.map { "\(Self.argumentLabel($0)): \(name)" } ?? name
        }
        let effects = function.signature.effectSpecifiers
        let prefix = (effects?.throwsClause != nil ? "try " : "") + (effects?.asyncSpecifier != nil ? "await " : "")
        let receiver = isStatic ? "Self" : "self"
        let functionName = function.name.text
        let call = "\(prefix)\(receiver).\(functionName)(\(callArguments.joined(separator: ", ")))"
        let capture = isStatic ? "" : "[self] "
        let parameterList = names.isEmpty ? (isStatic ? "" : "in") : names.joined(separator: ", ") + " in"
        let head = [capture.trimmingCharacters(in: " "), parameterList].filter { !$0.isEmpty }.joined(separator: " ")
        return head.isEmpty ? "{\n        \(call)\n    }" : "{ \(head)\n        \(call)\n    }"
    }

    /// Argument labels that are keywords need no backticks, except `inout`, `var` and `let`.
    private static func argumentLabel(_ label: String) -> String {
        ["inout", "var", "let"].contains(label) ? "`\(label)`" : label
    }
}
