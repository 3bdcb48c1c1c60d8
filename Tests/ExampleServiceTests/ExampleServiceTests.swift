import Apus
import ApusTesting
import ExampleService
import Testing

@Suite("Example service")
struct ExampleServiceTests {
    @Test(arguments: [TestingMode.inProcess, .live])
    func rootSaysHello(mode: TestingMode) async throws {
        try await ExampleApp.make().test(mode) { client in
            let response = try await client.get("/")
            #expect(response.status == .ok)
            #expect(response.text == #"{"message":"Hello World"}"#)
            #expect(response.header("content-type") == "application/json")
        }
    }

    @Test(arguments: [TestingMode.inProcess, .live])
    func itemUpToOneHundredIsFound(mode: TestingMode) async throws {
        try await ExampleApp.make().test(mode) { client in
            let response = try await client.get("/items/5")
            #expect(response.status == .ok)
            #expect(response.text == #"{"item_id":5,"name":"Sample Item"}"#)
        }
    }

    @Test(arguments: [TestingMode.inProcess, .live])
    func itemAboveOneHundredIsNotFound(mode: TestingMode) async throws {
        try await ExampleApp.make().test(mode) { client in
            let response = try await client.get("/items/101")
            #expect(response.status == .notFound)
            #expect(response.text == #"{"detail":"Item not found"}"#)
        }
    }

    @Test func nonIntegerItemIdGetsFastAPIs422() async throws {
        try await ExampleApp.make().test(.inProcess) { client in
            let response = try await client.get("/items/abc")
            #expect(response.status == .unprocessableContent)
            #expect(
                response.text
                    == #"{"detail":[{"type":"int_parsing","loc":["path","item_id"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"abc"}]}"#
            )
        }
    }

    @Test func laxIntegerFormsAreAccepted() async throws {
        try await ExampleApp.make().test(.inProcess) { client in
            let plus = try await client.get("/items/+7")
            let space = try await client.get("/items/%207")
            #expect(plus.text == #"{"item_id":7,"name":"Sample Item"}"#)
            #expect(space.text == #"{"item_id":7,"name":"Sample Item"}"#)
        }
    }

    @Test(arguments: [TestingMode.inProcess, .live])
    func healthIsOK(mode: TestingMode) async throws {
        try await ExampleApp.make().test(mode) { client in
            let response = try await client.get("/health")
            #expect(response.status == .ok)
            #expect(response.text == #"{"status":"ok"}"#)
        }
    }

    @Test func unknownPathIsFastAPIs404() async throws {
        try await ExampleApp.make().test(.inProcess) { client in
            let response = try await client.get("/nope")
            #expect(response.status == .notFound)
            #expect(response.text == #"{"detail":"Not Found"}"#)
        }
    }
}
