#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Apus
import ApusOpenAPIKit
import ApusTesting
import ExampleService
import OpenAPIKit
import Testing

@Suite("OpenAPI document: the example service")
struct ExampleDocumentTests {
    /// The example's `/openapi.json`, parsed.
    static func document() async throws -> JSONObject {
        try await ExampleApp.make().test(.inProcess) { client in
            let response = try await client.get("/openapi.json")
            return try JSONValue(parsing: response.text).objectValue ?? [:]
        }
    }

    static func operation(_ document: JSONObject, _ path: String, _ method: String) -> JSONObject? {
        document["paths"]?.objectValue?[path]?.objectValue?[method]?.objectValue
    }

    @Test func everyRouteOfTheExampleIsAnOperation() async throws {
        let document = try await Self.document()
        let paths = document["paths"]?.objectValue
        let operations = paths?.flatMap { path in (path.value.objectValue?.keys ?? []).map { "\($0.uppercased()) \(path.key)" } }
        #expect(
            operations == [
                "GET /", "GET /health", "POST /items/", "GET /items/{item_id}", "GET /protected-route", "POST /users", "POST /register",
                "PUT /posts/{post_id}", "POST /token", "GET /users/me", "GET /users/me/items", "GET /users/me/posts",
                "GET /chat", "GET /items/{item_id}/page", "GET /api/v1/users/{user_id}", "GET /api/v2/users/{user_id}",
            ]
        )
    }

    @Test func infoAndTagsComeFromTheConfiguration() async throws {
        let document = try await Self.document()
        #expect(document["openapi"] == "3.1.0")
        #expect(document["info"]?.objectValue?["title"] == "Apus Example")
        #expect(document["info"]?.objectValue?["license"] == ["name": "MIT", "identifier": "MIT"])
        #expect(document["tags"]?.arrayValue?.compactMap { $0.objectValue?["name"] } == ["v1", "v2"])
    }

    @Test func parametersCarryTheirSchemaAndRequiredness() async throws {
        let document = try await Self.document()
        let parameters = Self.operation(document, "/items/{item_id}", "get")?["parameters"]?.arrayValue
        #expect(
            parameters == [
                ["name": "item_id", "in": "path", "required": true, "schema": ["type": "integer", "title": "Item Id"]],
                [
                    "name": "q", "in": "query", "required": false,
                    "schema": ["anyOf": [["type": "string"], ["type": "null"]], "title": "Q"],
                ],
            ]
        )
    }

    @Test func dependencyParametersAreFlattenedIntoTheOperation() async throws {
        let document = try await Self.document()
        let parameters = Self.operation(document, "/posts/{post_id}", "put")?["parameters"]?.arrayValue
        // The owner check reads the path id; the caller comes from the OAuth2 scheme, a security requirement rather
        // than a parameter (as in FastAPI).
        #expect(parameters?.compactMap { $0.objectValue?["name"] } == ["post_id"])
        #expect(Self.operation(document, "/posts/{post_id}", "put")?["security"] == [["OAuth2PasswordBearer": []]])
        let protected = Self.operation(document, "/protected-route", "get")?["parameters"]?.arrayValue
        #expect(protected?.compactMap { $0.objectValue?["name"] } == ["x-api-key"])
    }

    @Test func requestBodyReferencesTheModelComponent() async throws {
        let document = try await Self.document()
        #expect(
            Self.operation(document, "/items/", "post")?["requestBody"]
                == ["content": ["application/json": ["schema": ["$ref": "#/components/schemas/Item"]]], "required": true]
        )
    }

    @Test func successResponseUsesTheRouteStatusAndReturnType() async throws {
        let document = try await Self.document()
        let responses = Self.operation(document, "/users", "post")?["responses"]?.objectValue
        #expect(responses?.keys == ["201", "400", "422"])
        #expect(
            responses?["201"]
                == [
                    "description": "Successful Response",
                    "content": ["application/json": ["schema": ["$ref": "#/components/schemas/UserIn"]]],
                ]
        )
    }

    @Test func validationErrorIsDocumentedOnlyForOperationsWithInputs() async throws {
        let document = try await Self.document()
        #expect(Self.operation(document, "/", "get")?["responses"]?.objectValue?.keys == ["200"])
        #expect(Self.operation(document, "/items/{item_id}", "get")?["responses"]?.objectValue?.keys == ["200", "404", "422"])
        #expect(Self.operation(document, "/users/me", "get")?["responses"]?.objectValue?.keys == ["200", "401"])
    }

    @Test func componentsHoldEveryModelOnceSortedByName() async throws {
        let document = try await Self.document()
        let names = document["components"]?.objectValue?["schemas"]?.objectValue?.keys
        #expect(
            names == [
                "AccessMessage", "Body_token_post", "Greeting", "HTTPError", "HTTPValidationError", "Health", "Item",
                "ItemSummary", "Me", "OwnedItem", "Post", "PostUpdate", "Token", "UserIn", "UserV1", "UserV2", "ValidationError",
            ]
        )
    }

    @Test func routerTagsReachTheOperations() async throws {
        let document = try await Self.document()
        #expect(Self.operation(document, "/api/v1/users/{user_id}", "get")?["tags"] == ["v1"])
        #expect(Self.operation(document, "/api/v2/users/{user_id}", "get")?["tags"] == ["v2"])
    }

    /// The `/chat` stream's `itemSchema` makes OpenAPIKit read the document as 3.2.0 (see
    /// `OpenAPIDocumentBuilder.document(for:)`); a document without a stream stays 3.1.0.
    @Test func openAPIKitValidatesTheDocument() throws {
        let document = try OpenAPIDocumentBuilder().document(for: try ExampleApp.make().routes())
        _ = try document.validate()
        #expect(document.openAPIVersion == .v3_2_0)
        let chat = try #require(document.paths["/chat"]?.pathItemValue?.get?.responses[status: 200]?.responseValue)
        #expect(chat.content[.init(rawValue: "text/event-stream")!]?.contentValue?.itemSchema != nil)
        let plain = App()
        plain.get("/ping") { "pong" }
        #expect(try OpenAPIDocumentBuilder().document(for: plain.routes()).openAPIVersion == .v3_1_0)
    }

    /// Pins the whole document. After an intended change, rerun with `APUS_RECORD_SNAPSHOTS=1` and review the diff.
    @Test func documentMatchesTheSnapshot() async throws {
        let actual = try await ExampleApp.make().test(.inProcess) { client in try await client.get("/openapi.json").text }
        let url = Fixtures.snapshotURL("example_openapi.json")
        if ProcessInfo.processInfo.environment["APUS_RECORD_SNAPSHOTS"] != nil {
            try Data(actual.utf8).write(to: url)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected)
    }
}
