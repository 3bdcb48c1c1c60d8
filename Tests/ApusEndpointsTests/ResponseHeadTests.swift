import Apus
import ApusTesting
import Testing

/// A dependency that sets a header on the response to come.
struct RateLimitHeaders: Dependency {
    static let provider = DependencyProvider(InjectedResponseHead()) { head in
        head.headers[HTTPField.Name("x-ratelimit-remaining")!] = "9"
        return RateLimitHeaders()
    }
}

/// `response: ResponseHead` in a route macro.
@Routes
struct ResponseHeadAPI {
    @PUT("/things/{thing_id}")
    func putThing(thingId: Int, response: ResponseHead) -> [String: Int] {
        if thingId > 10 { response.status = .created }
        return ["thing_id": thingId]
    }
}

@Suite("Response head (FastAPI's response: Response)")
struct ResponseHeadTests {
    @Test func handlerSetsTheStatusHeadersAndCookiesOfTheModelsResponse() async throws {
        let app = App()
        app.put("/items/{item_id}", Path<Int>("item_id"), InjectedResponseHead()) { id, response in
            if id > 10 { response.status = .created }
            response.headers[HTTPField.Name("x-item-version")!] = "2"
            response.setCookie(ResponseCookie(name: "last", value: String(id)))
            response.deleteCookie("old")
            return WireItem(name: "abc", price: 1, code: "AB1")
        }
        try await app.test(.inProcess) { client in
            let created = try await client.put("/items/11")
            let updated = try await client.put("/items/3")
            #expect(created.status == .created)
            #expect(updated.status == .ok)
            #expect(created.text == #"{"name":"abc","price":1.0,"code":"AB1"}"#)
            #expect(created.header("x-item-version") == "2")
            #expect(created.headers[values: .setCookie].first == "last=11; Path=/; SameSite=lax")
            #expect(created.headers[values: .setCookie].last?.hasPrefix("old=\"\"; expires=") == true)
            #expect(created.header("content-type") == "application/json")
        }
    }

    @Test func dependencyAndHandlerShareOneHead() async throws {
        let app = App()
        app.get("/limited", Depends<RateLimitHeaders>(), InjectedResponseHead()) { _, response in
            response.headers[HTTPField.Name("x-handler")!] = "yes"
            return ["ok": true]
        }
        try await app.test(.inProcess) { client in
            let response = try await client.get("/limited")
            #expect(response.header("x-ratelimit-remaining") == "9")
            #expect(response.header("x-handler") == "yes")
        }
    }

    @Test func noContentStatusDropsTheBody() async throws {
        let app = App()
        app.delete("/items/{item_id}", Path<Int>("item_id"), InjectedResponseHead()) { _, response in
            response.status = .noContent
            return ["deleted": true]
        }
        try await app.test(.inProcess) { client in
            let response = try await client.delete("/items/1")
            #expect(response.status == .noContent)
            #expect(response.text == "")
            #expect(response.header("content-length") == nil)
        }
    }

    @Test func returnedResponseAndErrorsIgnoreTheHead() async throws {
        let app = App()
        app.get("/own", InjectedResponseHead()) { response in
            response.status = .accepted
            response.headers[HTTPField.Name("x-lost")!] = "1"
            return Response.text("own")
        }
        app.get("/fails", InjectedResponseHead()) { response -> [String: Int] in
            response.headers[HTTPField.Name("x-lost")!] = "1"
            throw HTTPError(.notFound, detail: "Item not found")
        }
        try await app.test(.inProcess) { client in
            let own = try await client.get("/own")
            let fails = try await client.get("/fails")
            #expect(own.status == .ok)
            #expect(own.header("x-lost") == nil)
            #expect(fails.status == .notFound)
            #expect(fails.header("x-lost") == nil)
        }
    }

    @Test func routeMacroParameterOfTypeResponseHeadIsInjectedAndUndocumented() async throws {
        let app = App()
        app.include(ResponseHeadAPI())
        try await app.test(.inProcess) { client in
            let created = try await client.put("/things/11")
            let updated = try await client.put("/things/1")
            #expect(created.status == .created)
            #expect(updated.status == .ok)
            #expect(updated.text == #"{"thing_id":1}"#)
        }
        let documentation = try #require(try app.routes().first?.metadata.attachments[OperationDocumentationKey.self])
        #expect(documentation.parameters.map(\.name) == ["thing_id"])
        #expect(documentation.requestBody == nil)
    }

    @Test func appScopedDependencyCannotTakeTheResponseHead() throws {
        let app = App()
        app.get("/a", Depends<AppScopedTakingTheResponseHead>()) { _ in "never" }
        let error = try #require(throws: RouteTableError.self) { try app.routes() }
        #expect(error.message.contains("cannot read the response head"))
    }
}

/// An app-scoped dependency that asks for the response head, which only a request has.
struct AppScopedTakingTheResponseHead: Dependency {
    static let scope = DependencyScope.app
    static let provider = DependencyProvider(InjectedResponseHead()) { _ in AppScopedTakingTheResponseHead() }
}
