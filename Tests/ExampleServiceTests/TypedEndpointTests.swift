import Apus
import ApusTesting
import ExampleService
import Testing

@Suite("Example service: typed endpoints")
struct TypedEndpointTests {
    static let json: HTTPFields = [.contentType: "application/json"]

    @Test func createItemEchoesTheItemWithDefaults() async throws {
        try await ExampleApp.make().test(.inProcess) { client in
            let response = try await client.post("/items/", headers: Self.json, body: ByteBuffer(string: #"{"name":"Widget","price":9.5}"#))
            #expect(response.status == .ok)
            #expect(response.text == #"{"name":"Widget","price":9.5,"tags":[],"description":null}"#)
        }
    }

    @Test func createItemReportsEveryConstraint() async throws {
        try await ExampleApp.make().test(.inProcess) { client in
            let response = try await client.post("/items/", headers: Self.json, body: ByteBuffer(string: #"{"name":"","price":0}"#))
            #expect(response.status == .unprocessableContent)
            #expect(
                response.text
                    == #"{"detail":[{"type":"string_too_short","loc":["body","name"],"msg":"String should have at least 1 character","input":"","ctx":{"min_length":1}},{"type":"greater_than","loc":["body","price"],"msg":"Input should be greater than 0","input":0,"ctx":{"gt":0.0}}]}"#
            )
        }
    }

    @Test func readItemEchoesQWhenGiven() async throws {
        try await ExampleApp.make().test(.inProcess) { client in
            let response = try await client.get("/items/5?q=hello")
            #expect(response.text == #"{"item_id":5,"name":"Sample Item","q":"hello"}"#)
        }
    }

    @Test func protectedRouteNeedsTheKey() async throws {
        try await ExampleApp.make().test(.inProcess) { client in
            let wrong = try await client.get("/protected-route", headers: [HTTPField.Name("x-api-key")!: "nope"])
            let right = try await client.get("/protected-route", headers: [HTTPField.Name("X-API-Key")!: "fake-secret-api-key"])
            #expect(wrong.status == .forbidden)
            #expect(wrong.text == #"{"detail":"Invalid API Key"}"#)
            #expect(right.text == #"{"message":"You have access to the protected route!"}"#)
        }
    }

    @Test func userNeedsACompanyAddressAndAnAdultAge() async throws {
        try await ExampleApp.make().test(.inProcess) { client in
            let ok = try await client.post("/users", headers: Self.json, body: ByteBuffer(string: #"{"email":"ann@company.com","age":30}"#))
            let bad = try await client.post("/users", headers: Self.json, body: ByteBuffer(string: #"{"email":"ann@gmail.com","age":17}"#))
            #expect(ok.status == .created)
            #expect(
                bad.text
                    == #"{"detail":[{"type":"value_error","loc":["body","email"],"msg":"Value error, Must be a company email","input":"ann@gmail.com","ctx":{"error":{}}},{"type":"greater_than_equal","loc":["body","age"],"msg":"Input should be greater than or equal to 18","input":17,"ctx":{"ge":18}}]}"#
            )
        }
    }

    @Test func versionTwoChangesTheUserShape() async throws {
        try await ExampleApp.make().test(.inProcess) { client in
            let v1 = try await client.get("/api/v1/users/1")
            let v2 = try await client.get("/api/v2/users/1")
            #expect(v1.text == #"{"id":1,"name":"Alice Smith"}"#)
            #expect(v2.text == #"{"id":1,"first_name":"Alice","last_name":"Smith","email":"alice@company.com"}"#)
        }
    }
}
