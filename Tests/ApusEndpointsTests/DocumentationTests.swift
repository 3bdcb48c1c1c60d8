import Apus
import ApusTesting
import Testing

@Suite("Operation documentation")
struct DocumentationTests {
    static func documentation(of app: App) throws -> OperationDocumentation {
        let route = try #require(try app.routes().first)
        return try #require(route.metadata.attachments[OperationDocumentationKey.self])
    }

    @Test func parametersAreDocumentedOnceInDeclarationOrder() throws {
        let app = App()
        app.get("/items/{item_id}", Path<Int>("item_id"), Query<String?>("q"), Query<Int>("limit", default: 10)) { _, _, _ in 1 }
        let documentation = try Self.documentation(of: app)
        #expect(documentation.parameters.map(\.name) == ["item_id", "q", "limit"])
        #expect(documentation.parameters.map(\.source) == [.path, .query, .query])
        #expect(documentation.parameters.map(\.isRequired) == [true, false, false])
        #expect(documentation.parameters[2].defaultValue == .int(10))
        #expect(documentation.requestBody == nil)
    }

    @Test func parameterSchemaCarriesConstraintsAndTitle() throws {
        let app = App()
        app.get("/c", Query<Int>("page_size", spec: FieldSpec(description: "How many", ge: 1))) { n in n }
        let documentation = try Self.documentation(of: app)
        var generator = JSONSchemaGenerator()
        let schema = documentation.parameters[0].schema.schema(in: &generator)
        #expect(schema["minimum"] == .int(1))
        #expect(schema["title"] == .string("Page Size"))
        #expect(documentation.parameters[0].description == "How many")
    }

    @Test func loneBodyIsNotEmbeddedAndSeveralAre() throws {
        let lone = App()
        lone.post("/a", Body<WireItem>("item")) { $0 }
        let several = App()
        several.post("/b", Body<WireItem>("item"), Body<WireUser>("user")) { item, _ in item }
        #expect(try Self.documentation(of: lone).requestBody?.isEmbedded == false)
        #expect(try Self.documentation(of: several).requestBody?.isEmbedded == true)
        #expect(try Self.documentation(of: several).requestBody?.fields.map(\.name) == ["item", "user"])
    }

    @Test func successAndExtraResponsesAreDocumented() throws {
        let app = App()
        app.post(
            "/items/", Body<WireItem>("item"), status: .created,
            responses: [.model(Note.self, status: .notFound, description: "Not found")]
        ) { $0 }
        let documentation = try Self.documentation(of: app)
        #expect(documentation.successResponse?.status == .created)
        #expect(documentation.successResponse?.schema != nil)
        #expect(documentation.responses.map(\.status) == [.notFound])
        #expect(try app.routes().first?.metadata.status == .created)
    }
}
