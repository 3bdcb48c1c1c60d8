import ApusCore
import ApusTesting
import Testing

@Suite struct RouterTests {
    @Test func prefixesConcatenate() async throws {
        let app = App()
        let users = Router(prefix: "/users")
        users.get("/") { _ in "users" }
        app.include(users, prefix: "/v1")
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/v1/users/").text == #""users""#)
        }
    }

    @Test func nestedRoutersConcatenateEveryPrefix() async throws {
        let app = App()
        let items = Router(prefix: "/items")
        items.get("/{item_id}") { request in request.pathParameters["item_id"] ?? "" }
        let v1 = Router(prefix: "/api/v1")
        v1.include(items)
        app.include(v1)
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/api/v1/items/7").text == #""7""#)
        }
    }

    @Test func sameRouterIncludedTwiceServesBothPrefixes() async throws {
        let app = App()
        let items = Router(prefix: "/items")
        items.get("") { request in request.matchedPath ?? "" }
        app.include(items, prefix: "/api/v1")
        app.include(items, prefix: "/api/v2")
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/api/v1/items").text == #""/api/v1/items""#)
            #expect(try await client.get("/api/v2/items").text == #""/api/v2/items""#)
        }
    }

    @Test func routesAddedAfterIncludeAreServed() async throws {
        let app = App()
        let router = Router(prefix: "/late")
        app.include(router)
        router.get("/x") { _ in "late" }
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/late/x").status == .ok)
        }
    }

    @Test func tagsMergeOuterFirstWithoutDuplicates() throws {
        let app = App()
        let inner = Router(prefix: "/i", tags: ["inner", "shared"])
        inner.get("/x", metadata: RouteMetadata(tags: ["route", "shared"])) { _ in "x" }
        let outer = Router(prefix: "/o", tags: ["outer", "shared"])
        outer.include(inner, tags: ["include"])
        app.include(outer)
        let route = try #require(try app.routes().first)
        #expect(route.metadata.tags == ["outer", "shared", "include", "inner", "route"])
    }

    @Test func routerDeprecationAndSchemaExclusionApplyToRoutes() throws {
        let app = App()
        let router = Router(metadata: RouteMetadata(deprecated: true, includeInSchema: false))
        router.get("/x") { _ in "x" }
        app.include(router)
        let route = try #require(try app.routes().first)
        #expect(route.metadata.deprecated)
        #expect(!route.metadata.includeInSchema)
    }

    @Test func routeOwnSummaryWinsOverRouters() throws {
        let app = App()
        let router = Router(metadata: RouteMetadata(summary: "router", operationID: "router_op"))
        router.get("/x", metadata: RouteMetadata(summary: "route")) { _ in "x" }
        app.include(router)
        let route = try #require(try app.routes().first)
        #expect(route.metadata.summary == "route")
        #expect(route.metadata.operationID == "router_op")
    }

    @Test func attachmentsMergeWithTheKeysRule() throws {
        enum Dependencies: RouteAttachmentKey {
            typealias Value = [String]
            static func merge(outer: [String], inner: [String]) -> [String] { outer + inner }
        }
        enum Owner: RouteAttachmentKey {
            typealias Value = String
        }
        var routerMetadata = RouteMetadata()
        routerMetadata.attachments[Dependencies.self] = ["auth"]
        routerMetadata.attachments[Owner.self] = "router"
        var routeMetadata = RouteMetadata()
        routeMetadata.attachments[Dependencies.self] = ["db"]
        routeMetadata.attachments[Owner.self] = "route"

        let app = App()
        let router = Router(metadata: routerMetadata)
        router.get("/x", metadata: routeMetadata) { _ in "x" }
        app.include(router)
        let route = try #require(try app.routes().first)
        #expect(route.metadata.attachments[Dependencies.self] == ["auth", "db"])
        #expect(route.metadata.attachments[Owner.self] == "route")
    }

    @Test func attachmentOnlyOnRouterReachesRoute() throws {
        enum Marker: RouteAttachmentKey {
            typealias Value = Int
        }
        var metadata = RouteMetadata()
        metadata.attachments[Marker.self] = 42
        let app = App()
        let router = Router(metadata: metadata)
        router.get("/x") { _ in "x" }
        app.include(router)
        #expect(try app.routes().first?.metadata.attachments[Marker.self] == 42)
    }

    @Test(arguments: ["items", "/items/"])
    func badPrefixIsStartupError(prefix: String) throws {
        let app = App()
        let router = Router(prefix: prefix)
        router.get("/x") { _ in "x" }
        app.include(router)
        #expect(throws: RouteTableError.self) { try app.build() }
    }

    @Test func routerIncludedInItselfIsStartupError() throws {
        let app = App()
        let router = Router(prefix: "/r")
        router.include(router)
        app.include(router)
        #expect(throws: RouteTableError.self) { try app.build() }
    }
}
