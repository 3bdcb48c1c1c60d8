import ApusCore
import ApusTesting
import ServiceLifecycle
import Testing

@Suite struct LifespanTests {
    enum GreetingKey: AppStateKey {
        typealias Value = String
    }

    @Test func startupAndShutdownHooksRunAroundRequests() async throws {
        let log = EventLog()
        let app = App()
        app.onStartup { _ in log.record("startup") }
        app.onShutdown { _ in log.record("shutdown") }
        app.get("/x") { _ in
            log.record("request")
            return "x"
        }
        try await app.test(.inProcess) { client async throws in _ = try await client.get("/x") }
        #expect(log.all == ["startup", "request", "shutdown"])
    }

    @Test func hooksRunInRegistrationOrder() async throws {
        let log = EventLog()
        let app = App()
        app.onStartup { _ in log.record("startup 1") }
        app.onStartup { _ in log.record("startup 2") }
        app.onShutdown { _ in log.record("shutdown 1") }
        app.onShutdown { _ in log.record("shutdown 2") }
        try await app.test(.inProcess) { _ in }
        #expect(log.all == ["startup 1", "startup 2", "shutdown 1", "shutdown 2"])
    }

    @Test func stateSetBeforeRunReachesHandlers() async throws {
        let app = App()
        app.state[GreetingKey.self] = "set before run"
        app.get("/g") { request in request.state[GreetingKey.self] ?? "" }
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/g").text == #""set before run""#)
        }
    }

    @Test func stateSetByStartupHookReachesHandlersAndShutdown() async throws {
        let log = EventLog()
        let app = App()
        app.onStartup { state in state[GreetingKey.self] = "from startup" }
        app.onShutdown { state in log.record(state[GreetingKey.self] ?? "none") }
        app.get("/g") { request in request.state[GreetingKey.self] ?? "" }
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/g").text == #""from startup""#)
        }
        #expect(log.all == ["from startup"])
    }

    @Test func failingStartupStopsWithStartupError() async throws {
        struct DatabaseDown: Error {}
        let log = EventLog()
        let app = App()
        app.onStartup { _ in throw DatabaseDown() }
        app.onShutdown { _ in log.record("shutdown") }
        let error = await #expect(throws: StartupError.self) {
            try await app.test(.inProcess) { _ in log.record("test body") }
        }
        #expect(error?.underlying is DatabaseDown)
        #expect(log.all.isEmpty)
    }

    @Test func shutdownHooksRunWhenTheTestThrows() async throws {
        struct TestFailure: Error {}
        let log = EventLog()
        let app = App()
        app.onShutdown { _ in log.record("shutdown") }
        await #expect(throws: TestFailure.self) {
            try await app.test(.inProcess) { _ in throw TestFailure() }
        }
        #expect(log.all == ["shutdown"])
    }

    @Test func failingShutdownHookDoesNotStopTheOthers() async throws {
        struct CloseFailed: Error {}
        let log = EventLog()
        let app = App()
        app.onShutdown { _ in throw CloseFailed() }
        app.onShutdown { _ in log.record("second") }
        try await app.test(.inProcess) { _ in }
        #expect(log.all == ["second"])
    }

    @Test func attachedServiceRunsAndShutsDownGracefully() async throws {
        struct Worker: Service {
            let log: EventLog
            func run() async throws {
                self.log.record("service started")
                try? await gracefulShutdown()
                self.log.record("service stopped")
            }
        }
        let log = EventLog()
        let app = App()
        app.addService(Worker(log: log))
        try await app.test(.inProcess) { _ in
            while !log.all.contains("service started") { await Task.yield() }
        }
        #expect(log.all == ["service started", "service stopped"])
    }

    @Test func routeTableErrorSurfacesBeforeStartupHooks() async throws {
        let log = EventLog()
        let app = App()
        app.onStartup { _ in log.record("startup") }
        app.get("/x") { _ in "1" }
        app.get("/x") { _ in "2" }
        await #expect(throws: RouteTableError.self) {
            try await app.test(.inProcess) { _ in }
        }
        #expect(log.all.isEmpty)
    }
}
