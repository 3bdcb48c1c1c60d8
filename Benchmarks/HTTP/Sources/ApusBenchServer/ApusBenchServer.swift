import ApusCore
import ApusEndpoints
import ApusModels

// The minimal Apus app the benchmark drives: the same endpoints as RawNIOServer, written as a user would (its
// models are in BenchModels.swift, written out as `@Schema` expands them so the release build needs no swift-syntax).

struct Message: Encodable, Sendable {
    let message: String
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
