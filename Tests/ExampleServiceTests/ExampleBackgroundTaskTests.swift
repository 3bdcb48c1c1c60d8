import Apus
import ApusTesting
import ExampleService
import Testing

/// The seed's `POST /register`: the answer comes at once, the 2 s e-mail afterwards.
@Suite struct ExampleBackgroundTaskTests {
    static let user = #"{"email":"ann@company.com","age":30}"#

    @Test func registerAnswersAtOnceAndSendsTheEmailAfterwards() async throws {
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
