import Apus
import ApusTesting
import Testing

// The README's "Route macros" example, verbatim.

/// A book in the catalogue.
@Schema
struct Book {
    @Field(minLength: 1)
    var title: String
    var year: Int
}

/// The caller, named by the `x-user` header.
struct Reader: Dependency {
    let name: String
    static let provider = DependencyProvider(Header<String>("x-user")) { name in Reader(name: name) }
}

enum Shelf: String, SchemaEnum {
    case fiction, science
}

@Routes(prefix: "/books", tags: ["books"])
struct BooksAPI {
    /// Read a book.
    ///
    /// Looks the book up by its id.
    /// - Parameter q: Text to highlight.
    @GET("/{book_id}", responses: [.model(Book.self, status: .notFound, description: "No such book")])
    func readBook(bookId: Int, q: String? = nil, shelf: Shelf = .fiction, reader: Reader) throws -> [String: String] {
        guard bookId <= 100 else { throw HTTPError(.notFound, detail: "Book not found") }
        return ["book": "\(bookId)", "shelf": shelf.rawValue, "reader": reader.name]
    }

    /// Add a book.
    @POST("/", status: .created)
    func addBook(book: Book, @From.Header xRequestId: String? = nil) -> Book { book }
}

@Suite("Route macros: README example")
struct RouteMacroReadmeTests {
    @Test func readmeExampleAnswersAndDocumentsItself() async throws {
        let app = App()
        app.include(BooksAPI())
        try await app.test(.inProcess) { client async throws in
            let read = try await client.get("/books/7?shelf=science", headers: [HTTPField.Name("x-user")!: "ada"])
            #expect(try read.json([String: String].self) == ["book": "7", "shelf": "science", "reader": "ada"])
            let missing = try await client.get("/books/101", headers: [HTTPField.Name("x-user")!: "ada"])
            #expect(missing.text == #"{"detail":"Book not found"}"#)
            let created = try await client.post("/books/", headers: jsonHeaders, body: bytes(#"{"title":"Dune","year":1965}"#))
            #expect(created.status == .created)
            #expect(created.text == #"{"title":"Dune","year":1965}"#)
        }
        let route = try RouteMacroTests.route(app, .get, "/books/{book_id}")
        #expect(route.metadata.summary == "Read a book.")
        #expect(route.metadata.tags == ["books"])
        let documentation = try RouteMacroTests.documentation(app, "/books/{book_id}")
        // Declaration order; the dependency's header comes where the dependency is declared.
        #expect(documentation.parameters.map(\.name) == ["book_id", "q", "shelf", "x-user"])
        #expect(documentation.parameters.map(\.source) == [.path, .query, .query, .header])
        #expect(documentation.parameters[1].description == "Text to highlight.")
        #expect(documentation.parameters[2].defaultValue == .string("fiction"))
        #expect(documentation.responses.map(\.status) == [.notFound])
        let post = try RouteMacroTests.documentation(app, "/books/", method: .post)
        #expect(post.parameters.map(\.name) == ["x-request-id"])
        #expect(post.requestBody?.fields.map(\.name) == ["book"])
    }
}
