import ApusMacros
import SwiftSyntax
import SwiftSyntaxMacroExpansion
import SwiftSyntaxMacrosGenericTestSupport
import SwiftSyntaxMacros
import SwiftSyntaxMacrosTestSupport
import XCTest

/// What `@Routes` and `@GET`/`@POST`/... generate: calls into the macro-free typed-endpoint API.
final class RoutesMacroExpansionTests: XCTestCase {
    let macros: [String: MacroSpec] = [
        "Routes": MacroSpec(type: RoutesMacro.self, conformances: [TypeSyntax(IdentifierTypeSyntax(name: .identifier("RouteGroup")))]),
        "GET": MacroSpec(type: RouteMacro.self),
        "POST": MacroSpec(type: RouteMacro.self),
    ]

    func testRouteParametersBecomeExtractorCallsAndTheCommentBecomesDocumentation() {
        assertMacroExpansion(
            """
            @Routes(tags: ["items"])
            public struct ItemsAPI {
                /// Read an item.
                ///
                /// Looks it up.
                /// - Parameter q: Text to search for.
                @GET("/items/{item_id}", deprecated: true)
                func readItem(itemId: Int, q: String? = nil, @From.Header xToken: String, user: CurrentUser) async throws -> Item {
                    try await load(itemId)
                }
            }
            """,
            expandedSource: #"""
                public struct ItemsAPI {
                    /// Read an item.
                    ///
                    /// Looks it up.
                    /// - Parameter q: Text to search for.
                    func readItem(itemId: Int, q: String? = nil, @From.Header xToken: String, user: CurrentUser) async throws -> Item {
                        try await load(itemId)
                    }

                    func __apus_route_readItem(_ registrar: some ApusCore.RouteRegistering) {
                        registrar.on(.get)(
                            "/items/{item_id}",
                            ApusEndpoints.RouteParameterInference.path(for: (Int).self, name: "item_id", description: nil),
                            ApusEndpoints.RouteParameterInference.extractor(for: (String?).self, name: "q", default: nil, description: "Text to search for."),
                            ApusEndpoints.RouteParameterInference.header(for: (String).self, name: "x-token", default: nil, description: nil),
                            ApusEndpoints.RouteParameterInference.extractor(for: (CurrentUser).self, name: "user", default: nil, description: nil),
                            metadata: ApusCore.RouteMetadata(name: "readItem", summary: "Read an item.", description: "Looks it up.", deprecated: true),
                            file: "TestModule/test.swift",
                            line: 7
                        ) { [self] p0, p1, p2, p3 in
                            try await self.readItem(itemId: p0, q: p1, xToken: p2, user: p3)
                        }
                    }
                }

                extension ItemsAPI: ApusEndpoints.RouteGroup {
                    public static var routeGroupOptions: ApusEndpoints.RouteGroupOptions {
                        ApusEndpoints.RouteGroupOptions(tags: ["items"])
                    }

                    public func registerRoutes(in registrar: some ApusCore.RouteRegistering) {
                        self.__apus_route_readItem(registrar)
                    }
                }
                """#,
            macroSpecs: macros)
    }

    func testOptionsLabelsDefaultsAndStaticMethods() {
        assertMacroExpansion(
            """
            @Routes
            struct API {
                @POST("/items/", status: .created, summary: "Create", responses: [.model(Message.self, status: .conflict, description: "Exists")])
                static func create(_ item: Item, page_size pageSize: Int = 20, @From.Query(alias: "q-x", maxLength: 5) q: String = "a") -> Item {
                    item
                }

                @GET("/health")
                func health() -> String { "ok" }

                func helper() {}
            }
            """,
            expandedSource: #"""
                struct API {
                    static func create(_ item: Item, page_size pageSize: Int = 20, @From.Query(alias: "q-x", maxLength: 5) q: String = "a") -> Item {
                        item
                    }

                    func __apus_route_create(_ registrar: some ApusCore.RouteRegistering) {
                        registrar.on(.post)(
                            "/items/",
                            ApusEndpoints.RouteParameterInference.extractor(for: (Item).self, name: "item", default: nil, description: nil),
                            ApusEndpoints.RouteParameterInference.extractor(for: (Int).self, name: "page_size", default: 20, description: nil),
                            ApusEndpoints.RouteParameterInference.query(for: (String).self, name: "q-x", default: "a", description: nil, spec: ApusModels.FieldSpec<String>(maxLength: 5)),
                            status: .created,
                            metadata: ApusCore.RouteMetadata(name: "create", summary: "Create"),
                            responses: [.model(Message.self, status: .conflict, description: "Exists")],
                            file: "TestModule/test.swift",
                            line: 3
                        ) { p0, p1, p2 in
                            Self.create(p0, page_size: p1, q: p2)
                        }
                    }
                    func health() -> String { "ok" }

                    func __apus_route_health(_ registrar: some ApusCore.RouteRegistering) {
                        registrar.on(.get)(
                            "/health",
                            metadata: ApusCore.RouteMetadata(name: "health"),
                            file: "TestModule/test.swift",
                            line: 8
                        ) { [self] in
                            self.health()
                        }
                    }

                    func helper() {}
                }

                extension API: ApusEndpoints.RouteGroup {
                    func registerRoutes(in registrar: some ApusCore.RouteRegistering) {
                        self.__apus_route_create(registrar)
                        self.__apus_route_health(registrar)
                    }
                }
                """#,
            macroSpecs: macros)
    }
}
