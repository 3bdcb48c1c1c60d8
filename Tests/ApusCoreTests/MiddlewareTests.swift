import ApusCore
import ApusTesting
import Testing

@Suite struct MiddlewareTests {
    struct Tracing: Middleware {
        let name: String
        let log: EventLog

        func handle(_ request: Request, next: MiddlewareNext) async throws -> Response {
            self.log.record("\(self.name) in")
            let response = try await next(request)
            self.log.record("\(self.name) out")
            return response
        }
    }

    @Test func appMiddlewareRegisteredFirstRunsOutermost() async throws {
        let log = EventLog()
        let app = App()
        app.use(Tracing(name: "first", log: log))
        app.use(Tracing(name: "second", log: log))
        app.get("/x") { _ in
            log.record("handler")
            return "x"
        }
        try await app.test(.inProcess) { client async throws in _ = try await client.get("/x") }
        #expect(log.all == ["first in", "second in", "handler", "second out", "first out"])
    }

    @Test func routerMiddlewareRunsInsideAppMiddlewareOuterRouterFirst() async throws {
        let log = EventLog()
        let app = App()
        app.use(Tracing(name: "app", log: log))
        let outer = Router(prefix: "/o")
        outer.use(Tracing(name: "outer", log: log))
        let inner = Router(prefix: "/i")
        inner.use(Tracing(name: "inner", log: log))
        inner.get("/x") { _ in
            log.record("handler")
            return "x"
        }
        outer.include(inner)
        app.include(outer)
        try await app.test(.inProcess) { client async throws in _ = try await client.get("/o/i/x") }
        #expect(log.all == ["app in", "outer in", "inner in", "handler", "inner out", "outer out", "app out"])
    }

    @Test func routerMiddlewareDoesNotRunForOtherRoutes() async throws {
        let log = EventLog()
        let app = App()
        let router = Router(prefix: "/r")
        router.use(Tracing(name: "router", log: log))
        router.get("/x") { _ in "x" }
        app.include(router)
        app.get("/y") { _ in "y" }
        try await app.test(.inProcess) { client async throws in _ = try await client.get("/y") }
        #expect(log.all.isEmpty)
    }

    @Test func appMiddlewareSeesThe404() async throws {
        let app = App()
        app.use { request, next in
            var response = try await next(request)
            response.headers[.init("x-seen")!] = String(response.status.code)
            return response
        }
        try await app.test(.inProcess) { client async throws in
            let response = try await client.get("/missing")
            #expect(response.header("x-seen") == "404")
        }
    }

    @Test func routerMiddlewareSeesHandlerErrorsAsResponses() async throws {
        let app = App()
        let router = Router()
        router.use { request, next in
            var response = try await next(request)
            response.headers[.init("x-status")!] = String(response.status.code)
            return response
        }
        router.get("/x") { _ -> Response in throw HTTPError(.forbidden) }
        app.include(router)
        try await app.test(.inProcess) { client async throws in
            let response = try await client.get("/x")
            #expect(response.status == .forbidden)
            #expect(response.header("x-status") == "403")
        }
    }

    @Test func middlewareCanShortCircuit() async throws {
        let log = EventLog()
        let app = App()
        app.use { request, next in
            guard request.header("x-key") == "secret" else { return .text("denied", status: .forbidden) }
            return try await next(request)
        }
        app.get("/x") { _ in
            log.record("handler")
            return "x"
        }
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/x").text == "denied")
        }
        #expect(log.all.isEmpty)
    }

    @Test func middlewareCanChangeTheRequestBeforeRouting() async throws {
        let app = App()
        app.use { request, next in
            var request = request
            request.target = "/rewritten?from=\(request.rawPath)"
            return try await next(request)
        }
        app.get("/rewritten") { request in request.query["from"] ?? "" }
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/original").text == #""/original""#)
        }
    }

    @Test func middlewareCanAddPerRequestState() async throws {
        enum UserKey: AppStateKey {
            typealias Value = String
        }
        let app = App()
        app.use { request, next in
            var request = request
            request.state[UserKey.self] = "alice"
            return try await next(request)
        }
        app.get("/me") { request in request.state[UserKey.self] ?? "nobody" }
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/me").text == #""alice""#)
        }
    }

    @Test func middlewareWrapsStreamedBodyWithoutBuffering() async throws {
        let log = EventLog()
        let app = App()
        app.use { request, next in
            var response = try await next(request)
            response.body = response.body.map { buffer in
                log.record("mapped \(String(buffer: buffer))")
                return ByteBuffer(string: String(buffer: buffer).uppercased())
            }
            return response
        }
        app.get("/stream") { _ in
            Response.stream(mediaType: MediaType.plainText) { writer in
                for chunk in ["a", "b"] {
                    log.record("produced \(chunk)")
                    try await writer.write(ByteBuffer(string: chunk))
                }
            }
        }
        try await app.test(.inProcess) { client async throws in
            let response = try await client.get("/stream")
            #expect(response.text == "AB")
            #expect(response.header("content-length") == nil)
        }
        // Each chunk is transformed as it is produced, before the next one exists: nothing was buffered.
        #expect(log.all == ["produced a", "mapped a", "produced b", "mapped b"])
    }
}
