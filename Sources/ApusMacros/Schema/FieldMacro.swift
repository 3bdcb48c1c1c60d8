public import SwiftSyntax
public import SwiftSyntaxMacros

/// `@Field(...)`: a marker read by `@Schema`. It expands to nothing; its declaration mirrors
/// `FieldSpec.init`, so the compiler checks the argument labels (a typo is an error with a fix-it).
public struct FieldMacro: PeerMacro {
    public static func expansion(
        of node: AttributeSyntax, providingPeersOf declaration: some DeclSyntaxProtocol, in context: some MacroExpansionContext
    ) throws -> [DeclSyntax] {
        []
    }
}
