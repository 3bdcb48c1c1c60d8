import Apus

/// A body model for the route macro tests.
@Schema
struct MacroItem {
    @Field(minLength: 1)
    var name: String
    var price: Double
}

/// A plain `Codable` body (no `@Schema`).
struct MacroPlainNote: Codable, Sendable {
    var text: String
}

/// A string enum for query parameters.
enum MacroColor: String, SchemaEnum {
    case red, green
}

/// A user named by the `x-user` header.
struct MacroUser: Dependency {
    let name: String
    static let provider = DependencyProvider(Header<String>("x-user")) { name in MacroUser(name: name) }
}

/// Every inference rule, one route each.
@Routes
struct InferenceAPI {
    @GET("/items/{item_id}")
    func readItem(itemId: Int) -> [String: Int] { ["item_id": itemId] }

    @GET("/users/{user_id}")
    func readUser(user_id id: Int) -> [String: Int] { ["user_id": id] }

    @GET("/orders/{order_id}")
    func readOrder(order_id: String) -> [String: String] { ["order_id": order_id] }

    @GET("/search")
    func search(q: String, limit: Int = 10, page: Int? = nil) -> [String] {
        [q, "\(limit)", page.map(String.init) ?? "none"]
    }

    @GET("/paint")
    func paint(color: MacroColor, tags: [String] = [], sizes: [Int] = []) -> [String] {
        [color.rawValue, tags.joined(separator: ","), sizes.map(String.init).joined(separator: ",")]
    }

    @POST("/items/")
    func createItem(item: MacroItem) -> MacroItem { item }

    @POST("/batch")
    func createItems(items: [MacroItem]) -> [String: Int] { ["count": items.count] }

    @POST("/maybe-batch")
    func createMaybeItems(items: [MacroItem]? = nil) -> [String: Int] { ["count": items?.count ?? -1] }

    @POST("/notes")
    func createNote(note: MacroPlainNote) -> [String: String] { ["text": note.text] }

    @GET("/me")
    func me(user: MacroUser) -> [String: String] { ["name": user.name] }

    @GET("/raw")
    func raw(request: Request) -> [String: String] { ["path": request.path] }

    @GET("/paged")
    func paged(page_size pageSize: Int = 20) -> [String: Int] { ["page_size": pageSize] }
}

/// The explicit markers.
@Routes
struct MarkerAPI {
    @GET("/marked")
    func marked(
        @From.Query(alias: "item-query") q: String? = nil,
        @From.Header xToken: String,
        @From.Cookie session: String? = nil,
        @From.Header(alias: "X-Trace") trace: String = "none"
    ) -> [String] {
        [q ?? "none", xToken, session ?? "none", trace]
    }

    @POST("/embedded")
    func embedded(@From.Body(embed: true) item: MacroItem) -> MacroItem { item }

    @POST("/two-bodies")
    func twoBodies(item: MacroItem, @From.Body importance: Int) -> [String: Int] { ["importance": importance] }

    @GET("/bounded/{item_id}")
    func bounded(@From.Path(ge: 1) itemId: Int, @From.Query(description: "How many", le: 100) limit: Int = 10) -> [Int] {
        [itemId, limit]
    }
}

/// Documentation from the doc comment and the route options.
@Routes(prefix: "/docs", tags: ["docs"])
struct DocumentedAPI {
    /// Read an item.
    ///
    /// Looks the item up by its id
    /// and returns it.
    ///
    /// - Parameter itemId: The item's id.
    /// - Parameter q: Text to search for.
    /// - Returns: The item.
    @GET("/items/{item_id}", tags: ["items"], deprecated: true, operationID: "read_item_docs")
    func readItem(itemId: Int, q: String? = nil) -> [String: Int] { ["item_id": itemId] }

    /// Create an item.
    ///
    /// - Parameters:
    ///   - item: The item to create.
    ///   - xToken: A token
    ///     spanning two lines.
    @POST(
        "/items/", status: .created, summary: "Make an item", responses: [.model(MacroItem.self, status: .conflict, description: "Exists")]
    )
    func createItem(item: MacroItem, @From.Header xToken: String) -> MacroItem { item }

    @GET("/hidden", includeInSchema: false)
    func hidden() -> [String: Bool] { ["hidden": true] }
}

/// Effects and static methods.
@Routes
struct EffectsAPI {
    let greeting: String

    @GET("/async/{n}")
    func asyncThrowing(n: Int) async throws -> [String: Int] {
        guard n < 100 else { throw HTTPError(.notFound, detail: "Item not found") }
        await Task.yield()
        return ["n": n]
    }

    @GET("/greet")
    func greet(name: String = "world") -> [String: String] { ["greeting": "\(greeting), \(name)"] }

    @GET("/static")
    static func version() -> [String: Int] { ["version": 1] }

    @DELETE("/things/{thing_id}", status: .accepted)
    func deleteThing(thingId: Int) throws -> Response { try .json(["deleted": thingId], status: .accepted) }
}

/// Form fields and uploads.
@Routes
struct FormAPI {
    @POST("/login")
    func login(@From.Form username: String, @From.Form(ge: 18) age: Int) -> [String] { [username, "\(age)"] }

    /// Upload a file.
    /// - Parameter file: The file to store.
    @POST("/upload")
    func upload(file: UploadedFile, @From.Form note: String = "") -> [String] { [file.filename, "\(file.size)", note] }
}
