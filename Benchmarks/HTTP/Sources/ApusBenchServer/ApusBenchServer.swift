import Apus

// The minimal Apus app the benchmark drives: the same endpoints as RawNIOServer, written as a user would.

struct Message: Encodable, Sendable {
    let message: String
}

/// The seed's item: every constraint is checked on every request.
@Schema
struct Item {
    @Field(minLength: 1)
    var name: String
    @Field(gt: 0)
    var price: Double
    var tags: [String] = []
    var description: String? = nil
}

@Schema(naming: .snakeCase)
struct ItemLookup {
    var itemId: Int
    var q: String? = nil
}

@main
struct ApusBenchServer {
    static func main() async {
        let port = Int(CommandLine.arguments.dropFirst().first ?? "8080") ?? 8080
        let app = App()
        app.get("/plaintext") { (_: Request) in Response.text("Hello, World!") }
        app.get("/json") { (_: Request) in Message(message: "Hello, World!") }
        app.post("/items/", Body<Item>("item")) { item in item }
        app.get("/items/{item_id}", Path<Int>("item_id"), Query<String?>("q")) { itemID, q in
            ItemLookup(itemId: itemID, q: q)
        }
        await app.runOrExit(configuration: ServerConfiguration(host: "127.0.0.1", port: port, accessLog: false))
    }
}
