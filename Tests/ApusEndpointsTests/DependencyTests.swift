import Apus
import ApusTesting
import Testing

@Suite("Dependency injection")
struct DependencyTests {
    static func app(log: EventLog = EventLog()) -> App {
        let app = App()
        app.state[EventLogKey.self] = log
        return app
    }

    @Test func dependencyIsMadeFromItsOwnInputs() async throws {
        let app = Self.app()
        app.get("/me", Depends<CurrentUser>()) { user in ["name": user.name] }
        try await app.test(.inProcess) { client in
            let response = try await client.get("/me", headers: [HTTPField.Name("x-user")!: "alice"])
            #expect(response.text == #"{"name":"alice"}"#)
        }
    }

    @Test func dependencyErrorsComeBeforeTheEndpointsOwn() async throws {
        let app = Self.app()
        app.get("/me", Query<Int>("n"), Depends<CurrentUser>()) { n, user in "\(n) \(user.name)" }
        try await app.test(.inProcess) { client in
            let response = try await client.get("/me?n=x")
            #expect(
                response.text
                    == #"{"detail":[{"type":"missing","loc":["header","x-user"],"msg":"Field required","input":null},{"type":"int_parsing","loc":["query","n"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"}]}"#
            )
        }
    }

    @Test func dependencyHTTPErrorAnswersWithItsHeaders() async throws {
        let app = Self.app()
        app.put("/posts/{post_id}", Depends<OwnerCheck>()) { owner in owner.user.name }
        try await app.test(.inProcess) { client in
            let response = try await client.put("/posts/1", headers: [HTTPField.Name("x-user")!: "bob"])
            #expect(response.status == .forbidden)
            #expect(response.header("x-why") == "dep")
            #expect(response.text == #"{"detail":"Not the owner"}"#)
        }
    }

    @Test func dependencyHTTPErrorWinsOverParameterErrors() async throws {
        let app = Self.app()
        app.put("/posts/{post_id}", Body<WireItem>("item"), Depends<OwnerCheck>()) { item, _ in item }
        try await app.test(.inProcess) { client in
            var headers = jsonHeaders
            headers[HTTPField.Name("x-user")!] = "bob"
            let response = try await client.put("/posts/1", headers: headers, body: bytes(#"{"name":"a"}"#))
            #expect(response.status == .forbidden)
        }
    }

    @Test func dependencyIsMadeOncePerRequest() async throws {
        let log = EventLog()
        let app = Self.app(log: log)
        app.get("/c", Depends<Counted>(), Depends<UsesCounted>()) { counted, uses in [counted.number, uses.counted.number] }
        try await app.test(.inProcess) { client in
            let first = try await client.get("/c")
            #expect(first.text == "[1,1]")
        }
        #expect(log.all == ["counted"])
    }

    @Test func uncachedUseMakesAFreshValue() async throws {
        let log = EventLog()
        let app = Self.app(log: log)
        app.get("/c", Depends<Counted>(), Depends<Counted>(cached: false)) { a, b in [a.number, b.number] }
        try await app.test(.inProcess) { client in
            let response = try await client.get("/c")
            #expect(response.text == "[1,2]")
        }
    }

    @Test func functionScopeCleanupRunsBeforeTheResponseAndRequestScopeAfter() async throws {
        let log = EventLog()
        let app = Self.app(log: log)
        app.get("/r", Depends<RequestResource>(), Depends<FunctionResource>()) { resource, _ in
            resource.log.record("endpoint")
            return "ok"
        }
        try await app.test(.live) { client in
            let response = try await client.get("/r")
            log.record("response received")
            #expect(response.status == .ok)
            for _ in 0..<1000 where !log.all.contains("request exit") {
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(log.all == ["request enter", "function enter", "endpoint", "function exit", "response received", "request exit"])
        }
    }

    @Test func cleanupsRunInReverseOrderOnErrors() async throws {
        let log = EventLog()
        let app = Self.app(log: log)
        app.get("/fail", Depends<SecondResource>()) { second -> String in
            second.log.record("endpoint")
            throw HTTPError(.conflict, detail: "boom")
        }
        try await app.test(.inProcess) { client in
            let response = try await client.get("/fail")
            #expect(response.status == .conflict)
        }
        #expect(log.all == ["first enter", "second enter", "endpoint", "second exit", "first exit"])
    }

    @Test func cleanupsRunWhenValidationFails() async throws {
        let log = EventLog()
        let app = Self.app(log: log)
        app.get("/v", Depends<FirstResource>(), Query<Int>("n")) { _, n in n }
        try await app.test(.inProcess) { client in
            let response = try await client.get("/v?n=x")
            #expect(response.status == .unprocessableContent)
        }
        #expect(log.all == ["first enter", "first exit"])
    }

    @Test func overrideReplacesTheDependencyEverywhere() async throws {
        let app = Self.app()
        app.put("/posts/{post_id}", Depends<OwnerCheck>()) { owner in owner.user.name }
        app.dependencyOverrides[CurrentUser.self] = .value(CurrentUser(name: "alice"))
        try await app.test(.inProcess) { client in
            let response = try await client.put("/posts/1")
            #expect(response.text == #""alice""#)
        }
        app.dependencyOverrides.removeAll()
        try await app.test(.inProcess) { client in
            let response = try await client.put("/posts/1")
            #expect(response.status == .unprocessableContent)
        }
    }

    @Test func routeDependencyListRunsForItsEffect() async throws {
        let app = Self.app()
        app.get("/protected-route", dependencies: [DependencyRequirement(APIKeyCheck.self)]) { ["message": "ok"] }
        try await app.test(.inProcess) { client in
            let denied = try await client.get("/protected-route", headers: [HTTPField.Name("x-api-key")!: "nope"])
            let missing = try await client.get("/protected-route")
            let allowed = try await client.get("/protected-route", headers: [HTTPField.Name("x-api-key")!: "secret"])
            #expect(denied.status == .forbidden)
            #expect(denied.text == #"{"detail":"Invalid API Key"}"#)
            #expect(missing.text == #"{"detail":[{"type":"missing","loc":["header","x-api-key"],"msg":"Field required","input":null}]}"#)
            #expect(allowed.text == #"{"message":"ok"}"#)
        }
    }

    @Test func routerDependencyListGuardsItsRoutesOnly() async throws {
        let app = Self.app()
        let router = Router(prefix: "/admin", dependencies: [DependencyRequirement(APIKeyCheck.self)])
        router.get("/stats") { ["n": 1] }
        app.include(router)
        app.get("/open") { ["n": 2] }
        try await app.test(.inProcess) { client in
            let guarded = try await client.get("/admin/stats", headers: [HTTPField.Name("x-api-key")!: "nope"])
            let open = try await client.get("/open")
            #expect(guarded.status == .forbidden)
            #expect(open.status == .ok)
        }
        let documentation = try #require(try app.routes().first?.metadata.attachments[OperationDocumentationKey.self])
        #expect(documentation.parameters.map(\.name) == ["x-api-key"])
    }

    @Test func includeMetadataCanAddDependencies() async throws {
        let app = Self.app()
        let router = Router()
        router.get("/stats") { ["n": 1] }
        app.include(router, prefix: "/v1", metadata: .dependencies(DependencyRequirement(APIKeyCheck.self)))
        try await app.test(.inProcess) { client in
            let guarded = try await client.get("/v1/stats")
            #expect(guarded.status == .unprocessableContent)
        }
    }

    @Test func appDependencyListGuardsEveryTypedRouteButNot404s() async throws {
        let app = Self.app()
        app.addDependencies(DependencyRequirement(APIKeyCheck.self))
        app.get("/a") { ["n": 1] }
        try await app.test(.inProcess) { client in
            let guarded = try await client.get("/a", headers: [HTTPField.Name("x-api-key")!: "nope"])
            let unknown = try await client.get("/nowhere")
            #expect(guarded.status == .forbidden)
            #expect(unknown.status == .notFound)
        }
    }

    @Test func appScopedDependencyIsMadeAtStartupOnceAndClosedAtShutdown() async throws {
        let app = Self.app()
        app.get("/pool", Depends<Pool>()) { pool in pool.id }
        try await app.test(.inProcess) { client in
            #expect(appScopeLog.all == ["pool open"])
            let first = try await client.get("/pool")
            let second = try await client.get("/pool")
            #expect(first.text == "1")
            #expect(second.text == "1")
        }
        #expect(appScopeLog.all == ["pool open", "pool close"])
    }

    @Test func resolverMakesDependenciesOutsideHTTPAndClosesThemInReverse() async throws {
        let resolver = DependencyResolver()
        let connection = try await resolver.resolve(JobConnection.self)
        let again = try await resolver.resolve(JobConnection.self)
        #expect(connection.settings.name == "nightly")
        #expect(again.settings.name == "nightly")
        #expect(resolverLog.all == ["connection open"])
        await resolver.close()
        #expect(resolverLog.all == ["connection open", "connection close", "settings close"])
    }

    @Test func resolverRefusesDependenciesThatReadTheRequest() async throws {
        let resolver = DependencyResolver()
        await #expect(throws: DependencyResolutionError.self) {
            _ = try await resolver.resolve(CurrentUser.self)
        }
        await resolver.close()
    }

    @Test func resolverUsesOverrides() async throws {
        let overrides = DependencyOverrides()
        overrides[CurrentUser.self] = .value(CurrentUser(name: "job"))
        let resolver = DependencyResolver(overrides: overrides)
        let user = try await resolver.resolve(CurrentUser.self)
        #expect(user.name == "job")
        await resolver.close()
    }
}
