import Apus
import ApusTesting
import Synchronization
import Testing

/// An app-scoped value registered only through routers: each app must make its own and close it.
struct RouterPool: Dependency {
    static let scope = DependencyScope.app
    static let made = Atomic<Int>(0)
    let id: Int
    static let provider = DependencyProvider {
        let id = made.add(1, ordering: .relaxed).newValue
        routerPoolLog.record("open \(id)")
        return RouterPool(id: id)
    } cleanup: { pool in
        routerPoolLog.record("close \(pool.id)")
    }
}

let routerPoolLog = EventLog()

/// Two dependencies that need each other.
struct CycleFirst: Dependency {
    static let provider = DependencyProvider(Depends<CycleSecond>()) { _ in CycleFirst() }
}

struct CycleSecond: Dependency {
    static let provider = DependencyProvider(Depends<CycleFirst>()) { _ in CycleSecond() }
}

/// An app-scoped dependency on a request-scoped one.
struct AppScopedOnRequestScoped: Dependency {
    static let scope = DependencyScope.app
    static let provider = DependencyProvider(Depends<CurrentUser>()) { _ in AppScopedOnRequestScoped() }
}

/// An app-scoped dependency that reads a header.
struct AppScopedReadingTheRequest: Dependency {
    static let scope = DependencyScope.app
    static let provider = DependencyProvider(Header<String>("x-user")) { _ in AppScopedReadingTheRequest() }
}

/// A dependency that reads a path parameter.
struct PostFromPath: Dependency {
    let id: Int
    static let provider = DependencyProvider(Path<Int>("post_id")) { id in PostFromPath(id: id) }
}

/// A return type that is neither encodable nor a response.
struct NotAResponse: Sendable {}

@Suite("Registration")
struct RegistrationTests {
    static let key = HTTPField.Name("x-api-key")!

    // §1: a router's or the app's dependency list guards every route, whatever its handler takes.

    @Test func routerDependencyListGuardsPlainHandlers() async throws {
        let app = App()
        let router = Router(prefix: "/admin", dependencies: [DependencyRequirement(APIKeyCheck.self)])
        router.get("/raw") { _ in Response.text("raw") }
        router.post("/encodable") { _ in ["ok": true] }
        app.include(router)
        try await app.test(.inProcess) { client in
            let missing = try await client.get("/admin/raw")
            let denied = try await client.get("/admin/raw", headers: [Self.key: "nope"])
            let deniedPost = try await client.post("/admin/encodable", headers: [Self.key: "nope"])
            let allowed = try await client.get("/admin/raw", headers: [Self.key: "secret"])
            #expect(missing.status == .unprocessableContent)
            #expect(missing.text == #"{"detail":[{"type":"missing","loc":["header","x-api-key"],"msg":"Field required","input":null}]}"#)
            #expect(denied.status == .forbidden)
            #expect(denied.text == #"{"detail":"Invalid API Key"}"#)
            #expect(deniedPost.status == .forbidden)
            #expect(allowed.status == .ok)
            #expect(allowed.text == "raw")
        }
    }

    @Test func includeMetadataDependenciesGuardPlainHandlers() async throws {
        let app = App()
        let router = Router()
        router.get("/raw") { _ in Response.text("raw") }
        app.include(router, prefix: "/v1", metadata: .dependencies(DependencyRequirement(APIKeyCheck.self)))
        try await app.test(.inProcess) { client in
            let response1 = try await client.get("/v1/raw", headers: [Self.key: "nope"])
            #expect(response1.status == .forbidden)
            let response2 = try await client.get("/v1/raw", headers: [Self.key: "secret"])
            #expect(response2.text == "raw")
        }
    }

    @Test func appDependencyListGuardsPlainHandlersButNotTheDocs() async throws {
        let app = App()
        app.addDependencies(DependencyRequirement(APIKeyCheck.self))
        app.get("/raw") { _ in Response.text("raw") }
        app.get("/typed") { ["n": 1] }
        app.enableDocs()
        try await app.test(.inProcess) { client in
            let response3 = try await client.get("/raw", headers: [Self.key: "nope"])
            #expect(response3.status == .forbidden)
            let response4 = try await client.get("/typed", headers: [Self.key: "nope"])
            #expect(response4.status == .forbidden)
            let response5 = try await client.get("/raw", headers: [Self.key: "secret"])
            #expect(response5.text == "raw")
            let response6 = try await client.get("/openapi.json")
            #expect(response6.status == .ok)
            let response7 = try await client.get("/docs")
            #expect(response7.status == .ok)
            let response8 = try await client.get("/nowhere")
            #expect(response8.status == .notFound)
        }
    }

    @Test func guardedPlainHandlerRunsTheDependencysCleanup() async throws {
        let log = EventLog()
        let app = App()
        app.state[EventLogKey.self] = log
        let router = Router(dependencies: [DependencyRequirement(FunctionResource.self)])
        router.get("/raw") { request in
            request.state[EventLogKey.self]?.record("handler")
            return Response.text("raw")
        }
        app.include(router)
        try await app.test(.inProcess) { client in
            let response9 = try await client.get("/raw")
            #expect(response9.text == "raw")
            #expect(log.all == ["function enter", "handler", "function exit"])
        }
    }

    // §2: app state is made by the app, even for routes registered only in routers.

    @Test func twoAppsWithRoutesOnlyInRoutersKeepTheirOwnAppScopedValues() async throws {
        func makeApp() -> App {
            let app = App()
            let router = Router(prefix: "/r")
            router.get("/pool", Depends<RouterPool>()) { pool in pool.id }
            app.include(router)
            return app
        }
        let first = makeApp()
        let second = makeApp()
        try await first.test(.inProcess) { firstClient in
            let firstID = try await firstClient.get("/r/pool").text
            let secondID = try await second.test(.inProcess) { secondClient in
                let id = try await secondClient.get("/r/pool").text
                let response10 = try await firstClient.get("/r/pool")
                #expect(response10.text == firstID)
                return id
            }
            #expect(firstID != secondID)
            #expect(routerPoolLog.all.contains("close \(secondID)"))
            #expect(!routerPoolLog.all.contains("close \(firstID)"))
        }
        #expect(routerPoolLog.all.filter { $0.hasPrefix("open") }.count == 2)
        #expect(routerPoolLog.all.filter { $0.hasPrefix("close") }.count == 2)
    }

    @Test func dependencyOverridesBelongToTheirAppForRoutesInRouters() async throws {
        let first = App()
        let second = App()
        first.dependencyOverrides[CurrentUser.self] = .value(CurrentUser(name: "first"))
        for app in [first, second] {
            let router = Router()
            router.get("/me", Depends<CurrentUser>()) { user in user.name }
            app.include(router)
        }
        try await first.test(.inProcess) { client in
            let response11 = try await client.get("/me")
            #expect(response11.text == #""first""#)
        }
        try await second.test(.inProcess) { client in
            let response12 = try await client.get("/me", headers: [HTTPField.Name("x-user")!: "alice"])
            #expect(response12.text == #""alice""#)
        }
    }

    // §2: what registration cannot accept is a RouteTableError at build, naming the route and its line.

    @Test func pathParameterNotInTheTemplateIsARegistrationError() throws {
        let app = App()
        app.get("/items/{item_id}", Path<Int>("itemid")) { id in id }
        let error = try #require(throws: RouteTableError.self) { try app.routes() }
        #expect(error.message.contains("GET /items/{item_id}"))
        #expect(error.message.contains(#"path parameter "itemid", which is not in its path (path parameters: "item_id")"#))
        #expect(error.message.contains("RegistrationTests.swift:"))
        #expect(throws: RouteTableError.self) { try app.build() }
    }

    @Test func pathParametersAreCheckedAgainstTheFullPath() throws {
        let app = App()
        let router = Router(prefix: "/posts/{post_id}")
        router.get("/comments", Depends<PostFromPath>()) { post in post.id }
        app.include(router)
        app.get("/other", Depends<PostFromPath>()) { post in post.id }
        let error = try #require(throws: RouteTableError.self) { try app.routes() }
        #expect(error.message.contains("GET /other"))
        #expect(error.message.contains(#"path parameter "post_id""#))
    }

    @Test func dependencyCycleIsARegistrationError() throws {
        let app = App()
        app.get("/cycle", Depends<CycleFirst>()) { _ in "never" }
        let error = try #require(throws: RouteTableError.self) { try app.routes() }
        #expect(error.message.contains("dependency cycle: CycleFirst -> CycleSecond -> CycleFirst"))
    }

    @Test func appScopedDependencyOnARequestScopedOneIsARegistrationError() throws {
        let app = App()
        let router = Router()
        router.get("/a", Depends<AppScopedOnRequestScoped>()) { _ in "never" }
        app.include(router)
        let error = try #require(throws: RouteTableError.self) { try app.routes() }
        #expect(error.message.contains("app-scoped dependency AppScopedOnRequestScoped cannot depend on request-scoped CurrentUser"))
    }

    @Test func appScopedDependencyReadingTheRequestIsARegistrationError() throws {
        let app = App()
        app.get("/a", Depends<AppScopedReadingTheRequest>()) { _ in "never" }
        let error = try #require(throws: RouteTableError.self) { try app.routes() }
        #expect(error.message.contains(#"app-scoped dependency AppScopedReadingTheRequest cannot read the header parameter "x-user""#))
    }

    @Test func appDependencyListWithABadGraphFailsTheBuild() throws {
        let app = App()
        app.addDependencies(DependencyRequirement(CycleFirst.self))
        app.get("/a") { "a" }
        let error = try #require(throws: RouteTableError.self) { try app.build() }
        #expect(error.message.contains("The app's dependency list: dependency cycle"))
    }

    @Test func returnTypeWithNoResponseIsARegistrationError() throws {
        let typed = App()
        typed.get("/typed") { NotAResponse() }
        let typedError = try #require(throws: RouteTableError.self) { try typed.routes() }
        #expect(typedError.message.contains("GET /typed"))
        #expect(
            typedError.message.contains("the handler returns NotAResponse, which is not ResponseConvertible, Encodable or a schema value"))

        let plain = App()
        plain.post("/plain") { _ in NotAResponse() }
        #expect(throws: RouteTableError.self) { try plain.routes() }
    }

    // One registration function per kind of handler: what each return type becomes.

    @Test func returnTypesBecomeResponsesByWhatTheyAre() async throws {
        let app = App()
        app.get("/model") { WireItem(name: "a", price: 1, code: "AB1") }
        app.get("/encodable") { ["b": 2] }
        app.get("/response") { Response.text("plain") }
        app.get("/status") { HTTPResponse.Status.accepted }
        app.post("/nothing", status: .created) {}
        app.delete("/plain-nothing") { _ in }
        app.on(HTTPRequest.Method("QUERY")!)("/query", Query<Int>("n")) { n in n * 2 }
        try await app.test(.inProcess) { client in
            let response13 = try await client.get("/model")
            #expect(response13.text == #"{"name":"a","price":1.0,"code":"AB1"}"#)
            let response14 = try await client.get("/encodable")
            #expect(response14.text == #"{"b":2}"#)
            let response15 = try await client.get("/response")
            #expect(response15.text == "plain")
            let response16 = try await client.get("/status")
            #expect(response16.status == .accepted)
            let nothing = try await client.post("/nothing")
            #expect(nothing.status == .created)
            #expect(nothing.text == "null")
            #expect(nothing.header("content-type") == "application/json")
            let response17 = try await client.delete("/plain-nothing")
            #expect(response17.text == "null")
            let response18 = try await client.execute(HTTPRequest.Method("QUERY")!, "/query?n=4")
            #expect(response18.text == "8")
        }
        let documentation = try #require(try app.routes().first?.metadata.attachments[OperationDocumentationKey.self])
        #expect(documentation.successResponse?.schema != nil)
    }
}
