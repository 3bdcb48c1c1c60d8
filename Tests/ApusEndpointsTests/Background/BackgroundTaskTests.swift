import Apus
import ApusMiddleware
import ApusTesting
import Foundation
import Testing

/// A request-scoped resource that adds a background task too (FastAPI's yield dependency taking
/// `BackgroundTasks`). With `x-wait-for-client: 1`, its task first waits (up to 10 s) until the client has
/// recorded "response sent", so a live run shows whether the tasks ran after the response reached the client.
struct TaskAddingResource: Dependency {
    let log: EventLog
    static let provider = DependencyProvider(Depends<Events>(), InjectedBackgroundTasks(), Header<String?>("x-wait-for-client")) {
        events, tasks, wait in
        events.log.record("dep:enter")
        tasks.add {
            if wait == "1" {
                for _ in 0..<1000 where !events.log.all.contains("response sent") {
                    try await Task.sleep(for: .milliseconds(10))
                }
            }
            events.log.record("bg:from-dep")
        }
        return TaskAddingResource(log: events.log)
    } cleanup: { resource in
        resource.log.record("dep:exit")
    }
}

struct MailServerDown: Error {}

/// `BackgroundTasks` against FastAPI's: the same three routes as fastapi_background.py, the order of middleware,
/// dependency, endpoint and tasks compared with what FastAPI 0.163 did; failures logged, never the response.
@Suite struct BackgroundTaskTests {
    static func app(log: EventLog, logs: RecordedLogs = RecordedLogs()) -> App {
        let app = App(logger: logs.logger())
        app.state[EventLogKey.self] = log
        app.use(
            ClosureMiddleware { request, next in
                log.record("mw:before")
                let response = try await next(request)
                log.record("mw:after")
                return response
            })
        app.get("/ordered", InjectedBackgroundTasks(), Depends<TaskAddingResource>()) { tasks, resource in
            resource.log.record("endpoint")
            tasks.add { resource.log.record("bg:hello") }
            return ["message": "OK"]
        }
        app.get("/fails", InjectedBackgroundTasks(), Depends<TaskAddingResource>()) { tasks, resource in
            resource.log.record("endpoint")
            tasks.add("welcome e-mail") {
                resource.log.record("bg:fails")
                throw MailServerDown()
            }
            tasks.add { resource.log.record("bg:after-failure") }
            return ["message": "OK"]
        }
        app.get("/raises", InjectedBackgroundTasks(), Depends<TaskAddingResource>()) { tasks, resource -> [String: String] in
            resource.log.record("endpoint")
            tasks.add { resource.log.record("bg:never") }
            throw HTTPError(.notFound, detail: "Item not found")
        }
        return app
    }

    struct FastAPIAnswer: Decodable {
        var status: Int
        var body: String
        var events: [String]
    }

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    /// What fastapi_background.py printed (committed as fastapi_background.json).
    static func fastAPI() throws -> [String: FastAPIAnswer] {
        let data = try Data(contentsOf: Self.directory.appendingPathComponent("fastapi_background.json"))
        return try JSONDecoder().decode([String: FastAPIAnswer].self, from: data)
    }

    /// Known difference: FastAPI (Starlette) stops at a failing task, so the tasks after it never run; Apus logs
    /// the failure and runs the rest, since one task's failure says nothing about the others.
    static func expectedEvents(_ path: String, _ fastAPI: FastAPIAnswer) -> [String] {
        guard path == "/fails", let failed = fastAPI.events.firstIndex(of: "bg:fails") else { return fastAPI.events }
        var events = fastAPI.events
        events.insert("bg:after-failure", at: failed + 1)
        return events
    }

    @Test func theOrderOfMiddlewareDependencyEndpointAndTasksIsFastAPIs() async throws {
        let fastAPI = try Self.fastAPI()
        for path in ["/ordered", "/fails", "/raises"] {
            let log = EventLog()
            let expected = try #require(fastAPI[path])
            try await Self.app(log: log).test(.live) { client async throws in
                let response = try await client.get(path, headers: [HTTPField.Name("x-wait-for-client")!: "1"])
                log.record("response sent")
                #expect(Int(response.status.code) == expected.status, "\(path)")
                #expect(response.text == expected.body, "\(path)")
                let count = Self.expectedEvents(path, expected).count
                for _ in 0..<500 where log.all.count < count {
                    try await Task.sleep(for: .milliseconds(10))
                }
            }
            #expect(log.all == Self.expectedEvents(path, expected), "\(path)")
        }
    }

    /// fastapi_background.json is what FastAPI does now: the script runs against FastAPI itself and must print the
    /// committed file. It starts Python, so it runs in .ci/run's step for the Python tests.
    @Test(.enabled(if: IsolatedTests.run)) func theCommittedAnswersAreFastAPIsOwn() async throws {
        let script = try String(contentsOf: Self.directory.appendingPathComponent("fastapi_background.py"), encoding: .utf8)
        let requirements = try TestPython.requirements(
            inFile: Self.directory.deletingLastPathComponent().appendingPathComponent("Streaming/requirements.txt").path)
        let live = try await TestPython.run(script, requirements: requirements)
        let committed = try String(contentsOf: Self.directory.appendingPathComponent("fastapi_background.json"), encoding: .utf8)
        #expect(live.trimmingCharacters(in: .whitespacesAndNewlines) == committed.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test func inProcessTheTasksHaveRunWhenTheClientHasTheResponse() async throws {
        let log = EventLog()
        try await Self.app(log: log).test(.inProcess) { client async throws in
            let response = try await client.get("/ordered")
            #expect(response.status == .ok)
            #expect(log.all.suffix(3) == ["bg:from-dep", "bg:hello", "dep:exit"])
        }
    }

    @Test(arguments: [TestingMode.inProcess, .live])
    func aFailingTaskIsLoggedAndLeavesTheResponseAlone(mode: TestingMode) async throws {
        let log = EventLog()
        let logs = RecordedLogs()
        try await Self.app(log: log, logs: logs).test(mode) { client async throws in
            let response = try await client.get("/fails")
            #expect(response.status == .ok)
            #expect(response.text == #"{"message":"OK"}"#)
            for _ in 0..<500 where !log.all.contains("dep:exit") {
                try await Task.sleep(for: .milliseconds(10))
            }
        }
        let failure = try #require(logs.all.first { $0.message == "Background task failed" })
        #expect(failure.level == .error)
        #expect(failure.metadata["task"] == "welcome e-mail")
        #expect(failure.metadata["method"] == "GET")
        #expect(failure.metadata["path"] == "/fails")
        #expect(failure.metadata["error"]?.contains("MailServerDown") == true)
        #expect(log.all.contains("bg:after-failure"))
    }

    /// The failure is logged through the request's logger, so the id ``RequestID`` bound to it (`request_id`, as
    /// the seed's structlog middleware binds it) is on the line.
    @Test func aFailingTaskIsLoggedWithTheRequestID() async throws {
        let logs = RecordedLogs()
        let app = App(logger: logs.logger())
        app.use(RequestID())
        struct MailServerDown: Error {}
        app.get("/fails", InjectedBackgroundTasks()) { tasks in
            tasks.add("welcome e-mail") { throw MailServerDown() }
            return "OK"
        }
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/fails", headers: [HTTPField.Name("x-request-id")!: "req-42"]).status == .ok)
        }
        let failure = try #require(logs.all.first { $0.message == "Background task failed" })
        #expect(failure.metadata["request_id"] == "req-42")
        #expect(failure.metadata["task"] == "welcome e-mail")
    }

    @Test func aTaskAddedWhileTheTasksRunRunsToo() async throws {
        let log = EventLog()
        let app = App()
        app.get("/chain", InjectedBackgroundTasks()) { tasks in
            tasks.add {
                log.record("first")
                tasks.add { log.record("added by first") }
            }
            return "queued \(tasks.count)"
        }
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/chain").text == #""queued 1""#)
        }
        #expect(log.all == ["first", "added by first"])
    }

    @Test func routeMacrosInjectBackgroundTasksByType() async throws {
        let log = EventLog()
        let app = App()
        app.include(RegistrationAPI(log: log))
        try await app.test(.inProcess) { client async throws in
            let response = try await client.post(
                "/register", headers: jsonHeaders, body: bytes(#"{"username":"ada","email":"ada@example.com"}"#))
            #expect(response.text == #"{"message":"OK"}"#)
        }
        #expect(log.all == ["e-mail to ada@example.com"])
        // BackgroundTasks is injected, not a parameter: the document does not mention it.
        let document = OpenAPIDocumentBuilder().json(for: try app.routes())
        let operation = document["paths"]?.objectValue?["/register"]?.objectValue?["post"]?.objectValue
        #expect(operation?["parameters"] == nil)
    }
}

@Schema struct RegisteringUser {
    var username: String
    var email: String
}

@Routes struct RegistrationAPI {
    let log: EventLog

    /// Register a user; the welcome e-mail goes out afterwards.
    @POST("/register")
    func register(user: RegisteringUser, tasks: BackgroundTasks) -> [String: String] {
        let log = self.log
        tasks.add { log.record("e-mail to \(user.email)") }
        return ["message": "OK"]
    }
}
