import Apus
import ApusTesting
import ExampleService
import Testing

/// The seed's `POST /register`: the answer comes at once, the 2 s e-mail afterwards.
@Suite struct ExampleBackgroundTaskTests {
    static let user = #"{"email":"ann@company.com","age":30}"#

    /// Timed (the answer within 1 s, the e-mail after 2 s): run alone in CI (`IsolatedTests`).
    @Test(.enabled(if: IsolatedTests.run)) func registerAnswersAtOnceAndSendsTheEmailAfterwards() async throws {
        let app = ExampleApp.make()
        let outbox = try #require(app.exampleOutbox)
        try await app.test(.live) { client async throws in
            let sent = ContinuousClock.now
            let response = try await client.post(
                "/register", headers: [.contentType: "application/json"], body: ByteBuffer(string: Self.user))
            let answered = ContinuousClock.now - sent
            #expect(response.status == .ok)
            #expect(response.text == #"{"message":"OK"}"#)
            #expect(answered < Outbox.sendingTime / 2, "answered in \(answered)")
            #expect(outbox.messages.isEmpty)
            for _ in 0..<1000 where outbox.messages.count < 2 {
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(ContinuousClock.now - sent >= Outbox.sendingTime)
            #expect(outbox.messages == ["welcome e-mail to ann@company.com", "user_registered ann@company.com"])
        }
    }

    @Test func anInvalidUserIsA422AndSendsNothing() async throws {
        let app = ExampleApp.make()
        try await app.test(.inProcess) { client async throws in
            let response = try await client.post(
                "/register", headers: [.contentType: "application/json"], body: ByteBuffer(string: #"{"email":"ann@gmail.com","age":17}"#))
            #expect(response.status == .unprocessableContent)
        }
        #expect(app.exampleOutbox?.messages == [])
    }

    @Test func registerIsDocumented() async throws {
        let document = OpenAPIDocumentBuilder().json(for: try ExampleApp.make().routes())
        let operation = document["paths"]?.objectValue?["/register"]?.objectValue?["post"]?.objectValue
        #expect(operation?["requestBody"] != nil)
        #expect(operation?["parameters"] == nil)
    }
}

/// The example's `/static` mount: a folder of the repository in html mode.
@Suite struct ExampleStaticFilesTests {
    @Test(arguments: [TestingMode.inProcess, .live])
    func staticServesTheIndexPageAndTheFolder404(mode: TestingMode) async throws {
        try await ExampleApp.make().test(mode) { client async throws in
            let index = try await client.get("/static/")
            #expect(index.status == .ok)
            #expect(index.header("content-type") == "text/html; charset=utf-8")
            #expect(index.text.contains("<h1>Apus example service</h1>"))
            let css = try await client.get("/static/site.css")
            #expect(css.header("content-type") == "text/css; charset=utf-8")
            let etag = try #require(css.header("etag"))
            #expect(try await client.get("/static/site.css", headers: [.ifNoneMatch: etag]).status == .notModified)
            let missing = try await client.get("/static/nope.html")
            #expect(missing.status == .notFound)
            #expect(missing.text.contains("<h1>Not found</h1>"))
            #expect(try await client.get("/static/../Package.swift").status == .notFound)
            #expect(try await client.post("/static/index.html").status == .methodNotAllowed)
        }
    }
}
