import ApusCore
import ApusTesting
import Synchronization
import Testing

/// The test client finishes a response the way the server does, after-send work included, in both modes.
@Suite struct TestClientAfterSendTests {
    final class Flag: Sendable {
        let ran = Mutex(false)
    }

    @Test(arguments: [TestingMode.inProcess, .live])
    func afterSendWorkRunsOnceTheResponseIsCollected(mode: TestingMode) async throws {
        let flag = Flag()
        let app = App()
        app.get("/") { _ in
            var response = Response.text("done")
            response.addAfterSend { flag.ran.withLock { $0 = true } }
            return response
        }
        try await app.test(mode) { client async throws in
            let response = try await client.get("/")
            #expect(response.text == "done")
            // Live mode runs it on the server after the bytes are out; give it a moment.
            for _ in 0..<100 where !flag.ran.withLock({ $0 }) {
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(flag.ran.withLock { $0 })
        }
    }
}
