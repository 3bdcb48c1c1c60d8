import SwiftDiagnostics
public import SwiftSyntax
import SwiftSyntaxBuilder
public import SwiftSyntaxMacros

/// `@GET`, `@POST`, `@PUT`, `@PATCH`, `@DELETE`, `@HEAD`, `@OPTIONS` on a method of a `@Routes` type: generates
/// the peer `__apus_route_<name>(_:)`, which registers the method as a typed endpoint with the macro-free API.
///
/// The macro reads only syntax: the path literal, parameter names, labels, types and defaults as written, the
/// `@From.*` markers and the `///` comment. It never decides a parameter's source from its type; it emits
/// `RouteParameterInference.extractor(for: T.self, ...)` and the compiler picks the overload. What syntax alone
/// can tell is diagnosed here, with fix-its. On an error the peer is still generated (empty), so that `@Routes`
/// does not add "no member" errors to the real one.
public struct RouteMacro: PeerMacro {
    public static func expansion(
        of node: AttributeSyntax, providingPeersOf declaration: some DeclSyntaxProtocol, in context: some MacroExpansionContext
    ) throws -> [DeclSyntax] {
        let attributeName = node.attributeName.as(MemberTypeSyntax.self)?.name.text ?? node.attributeName.trimmedDescription
        guard let function = declaration.as(FunctionDeclSyntax.self) else {
            context.diagnose(
                Diagnostic(
                    node: node, message: SchemaDiagnostic.error("routeNotFunction", "@\(attributeName) can only be applied to a method")))
            return []
        }
        let stub: DeclSyntax = "func \(raw: peerName(of: function))(_ registrar: some ApusCore.RouteRegistering) {}"
        guard let route = RouteDeclaration(attribute: node, method: attributeName, function: function, in: context) else {
            return [stub]
        }
        return [
            DeclSyntax(
                stringLiteral: route.generatedPeer(location: context.location(of: node, at: .afterLeadingTrivia, filePathMode: .fileID)))
        ]
    }

    /// The name of the peer that registers `function` (what `@Routes` calls).
    static func peerName(of function: FunctionDeclSyntax) -> String {
        "__apus_route_\(function.name.identifier?.name ?? function.name.text)"
    }

    /// The HTTP method of each route attribute.
    static let methods = [
        "GET": "get", "POST": "post", "PUT": "put", "PATCH": "patch", "DELETE": "delete", "HEAD": "head", "OPTIONS": "options",
    ]

    /// Whether `attribute` is one of the route macros (`@GET`, `@Apus.GET`...).
    static func isRouteAttribute(_ attribute: AttributeSyntax) -> Bool {
        let name = attribute.attributeName.as(MemberTypeSyntax.self)?.name.text ?? attribute.attributeName.trimmedDescription
        return methods[name] != nil
    }
}
