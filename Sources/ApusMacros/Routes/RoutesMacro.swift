import SwiftDiagnostics
public import SwiftSyntax
import SwiftSyntaxBuilder
public import SwiftSyntaxMacros

/// `@Routes`: makes a type a `RouteGroup` whose `registerRoutes(in:)` calls the peer each `@GET`/`@POST`/...
/// method generated. `@Routes(prefix:tags:dependencies:)` arguments become the group's `routeGroupOptions`.
public struct RoutesMacro: ExtensionMacro {
    public static func expansion(
        of node: AttributeSyntax, attachedTo declaration: some DeclGroupSyntax, providingExtensionsOf type: some TypeSyntaxProtocol,
        conformingTo protocols: [TypeSyntax], in context: some MacroExpansionContext
    ) throws -> [ExtensionDeclSyntax] {
        if declaration.is(ActorDeclSyntax.self) || declaration.is(ProtocolDeclSyntax.self) {
            context.diagnose(
                Diagnostic(
                    node: node,
                    message: SchemaDiagnostic.error(
                        "routesOnActor",
                        "@Routes applies to a struct, an enum, a final class or an extension (a RouteGroup is Sendable and called concurrently)"
                    )))
            return []
        }
        var calls: [String] = []
        var seen: [String: FunctionDeclSyntax] = [:]
        for member in declaration.memberBlock.members {
            guard let function = member.decl.as(FunctionDeclSyntax.self),
                function.attributes.contains(where: { $0.as(AttributeSyntax.self).map(RouteMacro.isRouteAttribute) ?? false })
            else { continue }
            let peer = RouteMacro.peerName(of: function)
            if seen[peer] != nil {
                context.diagnose(
                    Diagnostic(
                        node: function.name,
                        message: SchemaDiagnostic.error(
                            "duplicateRouteName",
                            "route methods of one @Routes type need distinct names; '\(function.name.text)' is used twice")))
                continue
            }
            seen[peer] = function
            calls.append("    self.\(peer)(registrar)")
        }
        let access = accessPrefix(of: declaration)
        var members = [
            "\(access)func registerRoutes(in registrar: some ApusCore.RouteRegistering) {\n\(calls.joined(separator: "\n"))\n}"
        ]
        if let arguments = node.arguments?.as(LabeledExprListSyntax.self), !arguments.isEmpty {
            let list = arguments.map { "\($0.label?.text ?? "_"): \($0.expression.trimmedDescription)" }.joined(separator: ", ")
            members.insert(
                "\(access)static var routeGroupOptions: ApusEndpoints.RouteGroupOptions {\n    ApusEndpoints.RouteGroupOptions(\(list))\n}",
                at: 0)
        }
        let conformance = protocols.isEmpty ? "" : ": ApusEndpoints.RouteGroup"
        let extensionDecl: DeclSyntax = """
            extension \(type.trimmed)\(raw: conformance) {
            \(raw: members.joined(separator: "\n\n"))
            }
            """
        guard let result = extensionDecl.as(ExtensionDeclSyntax.self) else { return [] }
        return [result]
    }

    private static func accessPrefix(of declaration: some DeclGroupSyntax) -> String {
        for modifier in declaration.modifiers {
            switch modifier.name.tokenKind {
            case .keyword(.public), .keyword(.open): return "public "
            case .keyword(.package): return "package "
            default: continue
            }
        }
        return ""
    }
}
