import Apus
import ApusOpenAPIKit
import ApusTesting
import OpenAPIKit
import Testing

// FastAPI's §2.12 small app (`probes/app_small.py`), written with Apus. `Item` has no `///` comment: it would
// become the component's description, which FastAPI's model lacks.
@Schema
struct Item {
    @Field(minLength: 1, maxLength: 50)
    var name: String
    @Field(gt: 0)
    var price: Double
    var tags: [String] = []
    var description: String? = nil
}

enum SmallApp {
    static func make() -> App {
        let app = App()
        app.post("/items/", Body<Item>("item"), status: .created, metadata: RouteMetadata(name: "create_item")) { item in item }
        app.get(
            "/items/{item_id}", Path<Int>("item_id"), Query<String?>("q", spec: FieldSpec(maxLength: 10)),
            metadata: RouteMetadata(name: "read_item")
        ) { itemID, q in
            Response.text("\(itemID) \(q ?? "")")
        }
        // The security layer will attach this from an OAuth2 dependency; the document only reads the attachment.
        var metadata = RouteMetadata(name: "read_me")
        metadata.attachments[OperationDocumentationKey.self] = OperationDocumentation(
            security: [
                SecurityRequirementDocumentation(
                    schemeName: "OAuth2PasswordBearer",
                    scheme: ["type": "oauth2", "flows": ["password": ["scopes": [:], "tokenUrl": "token"]]]
                )
            ]
        )
        app.get("/users/me", metadata: metadata) { _ in "token" }
        app.enableDocs(OpenAPIConfiguration(info: OpenAPIInfo(title: "Small App", version: "1.0.0"), documentsBodyParseErrors: false))
        return app
    }
}

@Suite("OpenAPI document: FastAPI's small app")
struct SmallAppDocumentTests {
    @Test func documentIsByteForByteFastAPIs() async throws {
        let expected = try Fixtures.text("fastapi_small_app.json")
        try await SmallApp.make().test(.inProcess) { client in
            let response = try await client.get("/openapi.json")
            #expect(response.status == .ok)
            #expect(response.header("content-type") == "application/json")
            #expect(response.text == expected)
        }
    }

    @Test func documentIsCachedAfterTheFirstRequest() async throws {
        try await SmallApp.make().test(.inProcess) { client in
            let first = try await client.get("/openapi.json")
            let second = try await client.get("/openapi.json")
            #expect(first.body == second.body)
        }
    }

    @Test func openAPIKitReadsAndValidatesTheDocument() throws {
        let builder = OpenAPIDocumentBuilder(
            configuration: OpenAPIConfiguration(info: OpenAPIInfo(title: "Small App", version: "1.0.0"), documentsBodyParseErrors: false))
        let document = try builder.document(for: try SmallApp.make().routes())
        _ = try document.validate()
        #expect(document.paths.count == 3)
        #expect(document.components.schemas.count == 3)
    }
}
