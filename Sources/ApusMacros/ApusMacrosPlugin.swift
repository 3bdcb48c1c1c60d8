import SwiftCompilerPlugin
import SwiftSyntaxMacros

/// The compiler plugin that provides Apus's macros.
@main
struct ApusMacrosPlugin: CompilerPlugin {
    let providingMacros: [any Macro.Type] = [SchemaMacro.self, FieldMacro.self, RoutesMacro.self, RouteMacro.self]
}
