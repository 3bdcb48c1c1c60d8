import ApusMacros
import SwiftSyntaxMacroExpansion
import SwiftSyntaxMacrosGenericTestSupport
import SwiftSyntaxMacros
import SwiftSyntaxMacrosTestSupport
import XCTest

/// The route macros' compile-time errors and their fix-its. On an error the peer is still generated, empty, so
/// that `@Routes` adds no "no member" error to the real one.
final class RoutesMacroDiagnosticTests: XCTestCase {
    let macros: [String: any Macro.Type] = ["GET": RouteMacro.self, "PUT": RouteMacro.self, "Routes": RoutesMacro.self]

    func testABlockingRouteMustBeSynchronous() {
        assertMacroExpansion(
            """
            @GET("/report", blocking: .shared)
            func report() async throws -> Report { report }
            """,
            expandedSource: """
                func report() async throws -> Report { report }

                func __apus_route_report(_ registrar: some ApusCore.RouteRegistering) {
                }
                """,
            diagnostics: [
                DiagnosticSpec(
                    message: "route 'report' is declared blocking, so it must be synchronous: it runs on a thread of the blocking pool",
                    line: 2, column: 15)
            ],
            macros: macros)
    }

    func testPlaceholderWithoutParameterOffersToAddOne() {
        assertMacroExpansion(
            """
            @GET("/items/{item_id}")
            func readItem(q: String? = nil) -> Item { item }
            """,
            expandedSource: """
                func readItem(q: String? = nil) -> Item { item }

                func __apus_route_readItem(_ registrar: some ApusCore.RouteRegistering) {
                }
                """,
            diagnostics: [
                DiagnosticSpec(
                    message: "path placeholder '{item_id}' has no matching parameter in 'readItem' (expected 'itemId' or 'item_id')",
                    line: 1,
                    column: 6, fixIts: [FixItSpec(message: "add parameter 'itemId: String'")])
            ],
            macros: macros, applyFixIts: ["add parameter 'itemId: String'"],
            fixedSource: """
                @GET("/items/{item_id}")
                func readItem(q: String? = nil, itemId: String) -> Item { item }
                """)
    }

    func testPlaceholderWithoutParameterOffersToRenameItAfterAnUnusedParameter() {
        assertMacroExpansion(
            """
            @GET("/users/{user_id}")
            func readUser(id: Int) -> User { user }
            """,
            expandedSource: """
                func readUser(id: Int) -> User { user }

                func __apus_route_readUser(_ registrar: some ApusCore.RouteRegistering) {
                }
                """,
            diagnostics: [
                DiagnosticSpec(
                    message: "path placeholder '{user_id}' has no matching parameter in 'readUser' (expected 'userId' or 'user_id')",
                    line: 1,
                    column: 6,
                    fixIts: [FixItSpec(message: "add parameter 'userId: String'"), FixItSpec(message: "rename '{user_id}' to '{id}'")])
            ],
            macros: macros, applyFixIts: ["rename '{user_id}' to '{id}'"],
            fixedSource: """
                @GET("/users/{id}")
                func readUser(id: Int) -> User { user }
                """)
    }

    func testOptionalPathParameterIsAnError() {
        assertMacroExpansion(
            """
            @GET("/users/{user_id}")
            func readUser(userId: Int?) -> User { user }
            """,
            expandedSource: """
                func readUser(userId: Int?) -> User { user }

                func __apus_route_readUser(_ registrar: some ApusCore.RouteRegistering) {
                }
                """,
            diagnostics: [
                DiagnosticSpec(
                    message: "path parameter 'userId' is always present; it cannot be optional", line: 2, column: 23,
                    fixIts: [FixItSpec(message: "make the type 'Int'")])
            ],
            macros: macros, applyFixIts: ["make the type 'Int'"],
            fixedSource: """
                @GET("/users/{user_id}")
                func readUser(userId: Int) -> User { user }
                """)
    }

    func testDefaultedPathParameterIsAnError() {
        assertMacroExpansion(
            """
            @GET("/users/{user_id}")
            func readUser(userId: Int = 1, q: String) -> User { user }
            """,
            expandedSource: """
                func readUser(userId: Int = 1, q: String) -> User { user }

                func __apus_route_readUser(_ registrar: some ApusCore.RouteRegistering) {
                }
                """,
            diagnostics: [
                DiagnosticSpec(
                    message: "path parameter 'userId' is always present; it cannot have a default value", line: 2, column: 27,
                    fixIts: [FixItSpec(message: "remove the default value")])
            ],
            macros: macros, applyFixIts: ["remove the default value"],
            fixedSource: """
                @GET("/users/{user_id}")
                func readUser(userId: Int, q: String) -> User { user }
                """)
    }

    func testInterpolatedPathIsAnErrorWithAPlaceholderFixIt() {
        assertMacroExpansion(
            #"""
            @GET("/items/\(itemId)")
            func readItem(itemId: Int) -> Item { item }
            """#,
            expandedSource: """
                func readItem(itemId: Int) -> Item { item }

                func __apus_route_readItem(_ registrar: some ApusCore.RouteRegistering) {
                }
                """,
            diagnostics: [
                DiagnosticSpec(
                    message: "@GET path cannot use string interpolation; write path parameters as placeholders ('{item_id}')", line: 1,
                    column: 6, fixIts: [FixItSpec(message: #"use path placeholders: "/items/{item_id}""#)])
            ],
            macros: macros, applyFixIts: [#"use path placeholders: "/items/{item_id}""#],
            fixedSource: """
                @GET("/items/{item_id}")
                func readItem(itemId: Int) -> Item { item }
                """)
    }

    func testNonLiteralPathIsAnError() {
        assertMacroExpansion(
            """
            @GET(itemsPath)
            func readItems() -> [Item] { items }
            """,
            expandedSource: """
                func readItems() -> [Item] { items }

                func __apus_route_readItems(_ registrar: some ApusCore.RouteRegistering) {
                }
                """,
            diagnostics: [
                DiagnosticSpec(
                    message: "@GET path must be a string literal (the macro reads its placeholders at compile time)", line: 1, column: 6)
            ],
            macros: macros)
    }

    func testVariadicParameterIsAnErrorWithAnArrayFixIt() {
        assertMacroExpansion(
            """
            @GET("/tags")
            func readTags(tag: String...) -> [String] { tag }
            """,
            expandedSource: """
                func readTags(tag: String...) -> [String] { tag }

                func __apus_route_readTags(_ registrar: some ApusCore.RouteRegistering) {
                }
                """,
            diagnostics: [
                DiagnosticSpec(
                    message: "route parameter 'tag' cannot be variadic; a repeated query key is an array", line: 2, column: 26,
                    fixIts: [FixItSpec(message: "use '[String]'")])
            ],
            macros: macros, applyFixIts: ["use '[String]'"],
            fixedSource: """
                @GET("/tags")
                func readTags(tag: [String]) -> [String] { tag }
                """)
    }

    func testMutatingRouteIsAnError() {
        assertMacroExpansion(
            """
            @PUT("/count")
            mutating func bump() -> Int { count }
            """,
            expandedSource: """
                mutating func bump() -> Int { count }

                func __apus_route_bump(_ registrar: some ApusCore.RouteRegistering) {
                }
                """,
            diagnostics: [
                DiagnosticSpec(
                    message: "route 'bump' cannot be mutating: routes share one value across requests", line: 2, column: 1,
                    fixIts: [FixItSpec(message: "remove 'mutating'")])
            ],
            macros: macros, applyFixIts: ["remove 'mutating'"],
            fixedSource: """
                @PUT("/count")
                func bump() -> Int { count }
                """)
    }

    func testRouteWithoutResultIsAnError() {
        assertMacroExpansion(
            """
            @GET("/ping")
            func ping() {}
            """,
            expandedSource: """
                func ping() {}

                func __apus_route_ping(_ registrar: some ApusCore.RouteRegistering) {
                }
                """,
            diagnostics: [
                DiagnosticSpec(
                    message: "route 'ping' must return a value: a model or other SchemaValue, an Encodable value, or a Response", line: 2,
                    column: 6)
            ],
            macros: macros)
    }

    func testPathMarkerWithoutPlaceholderIsAnError() {
        assertMacroExpansion(
            """
            @GET("/items")
            func readItems(@From.Path itemId: Int) -> [Item] { items }
            """,
            expandedSource: """
                func readItems(@From.Path itemId: Int) -> [Item] { items }

                func __apus_route_readItems(_ registrar: some ApusCore.RouteRegistering) {
                }
                """,
            diagnostics: [
                DiagnosticSpec(
                    message: #"'itemId' is marked @From.Path but the path "/items" has no '{item_id}' or '{itemId}'"#, line: 2, column: 16)
            ],
            macros: macros)
    }

    func testRoutesOnAnActorIsAnError() {
        assertMacroExpansion(
            """
            @Routes
            actor Counter {}
            """,
            expandedSource: """
                actor Counter {}
                """,
            diagnostics: [
                DiagnosticSpec(
                    message:
                        "@Routes applies to a struct, an enum, a final class or an extension (a RouteGroup is Sendable and called concurrently)",
                    line: 1, column: 1)
            ],
            macros: macros)
    }
}
