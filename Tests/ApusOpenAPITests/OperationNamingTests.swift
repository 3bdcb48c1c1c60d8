import Apus
import Testing

@Suite("Operation ids and summaries")
struct OperationNamingTests {
    static func route(_ method: HTTPRequest.Method, _ path: String, name: String?) -> Route {
        Route(method: method, path: path, metadata: RouteMetadata(name: name), location: SourceLocation(fileID: "t", line: 1)) { _ in
            .text("")
        }
    }

    @Test func operationIDIsFastAPIsNamePathAndMethod() {
        #expect(
            OperationNaming.fastAPIOperationID(Self.route(.get, "/items/{item_id}", name: "read_item")) == "read_item_items__item_id__get")
        #expect(OperationNaming.fastAPIOperationID(Self.route(.post, "/items/", name: "create_item")) == "create_item_items__post")
    }

    @Test func unnamedRouteOperationIDIsPathAndMethod() {
        #expect(OperationNaming.fastAPIOperationID(Self.route(.get, "/items/{item_id}", name: nil)) == "items__item_id__get")
    }

    @Test func unnamedRootRouteIsCalledRoot() {
        #expect(OperationNaming.fastAPIOperationID(Self.route(.get, "/", name: nil)) == "root_get")
    }

    @Test func summaryIsTheNameInTitleCase() {
        #expect(OperationNaming.summary(forName: "create_item") == "Create Item")
        #expect(OperationNaming.summary(forName: "read_users_me2x") == "Read Users Me2X")
        #expect(OperationNaming.summary(forName: nil) == nil)
    }

    @Test func routeOperationIDWinsOverTheDerivedOne() throws {
        let app = App()
        app.get("/a", metadata: RouteMetadata(operationID: "custom")) { _ in "a" }
        let document = OpenAPIDocumentBuilder().json(for: try app.routes())
        #expect(document["paths"]?.objectValue?["/a"]?.objectValue?["get"]?.objectValue?["operationId"] == "custom")
    }

    @Test func appOperationIDStrategyIsUsed() throws {
        let app = App()
        app.get("/a", metadata: RouteMetadata(name: "get_a")) { _ in "a" }
        let builder = OpenAPIDocumentBuilder(configuration: OpenAPIConfiguration(operationID: { $0.metadata.name ?? "?" }))
        #expect(
            builder.json(for: try app.routes())["paths"]?.objectValue?["/a"]?.objectValue?["get"]?.objectValue?["operationId"] == "get_a")
    }

    @Test func hiddenRoutesAreLeftOut() throws {
        let app = App()
        app.get("/shown") { _ in "a" }
        app.get("/hidden", metadata: RouteMetadata(includeInSchema: false)) { _ in "b" }
        #expect(OpenAPIDocumentBuilder().json(for: try app.routes())["paths"]?.objectValue?.keys == ["/shown"])
    }

    @Test func plainRouteDeclaresItsPathParametersAsStrings() throws {
        let app = App()
        app.get("/files/{file_path:path}") { _ in "a" }
        let operation = OpenAPIDocumentBuilder().json(for: try app.routes())["paths"]?.objectValue?["/files/{file_path}"]?.objectValue?[
            "get"]
        #expect(
            operation?.objectValue?["parameters"]
                == [["name": "file_path", "in": "path", "required": true, "schema": ["type": "string", "title": "File Path"]]]
        )
    }
}
