import Apus

/// The example service from the seeds (FastAPI's first-steps samples), served by `swift run apus-example`.
///
/// Parameters are read by hand here; typed endpoints will declare them as function parameters.
public enum ExampleApp {
    /// Builds the app with all of the example's routes.
    public static func make() -> App {
        let app = App()
        app.get("/") { _ in Greeting(message: "Hello World") }
        app.get("/health") { _ in Health(status: "ok") }
        app.get("/items/{item_id}") { request in
            let itemID = try PathInteger.parse(request, name: "item_id")
            guard itemID <= 100 else {
                throw HTTPError(.notFound, detail: "Item not found")
            }
            return ItemSummary(itemID: itemID, name: "Sample Item")
        }
        return app
    }
}

/// `GET /`.
struct Greeting: Encodable, Sendable {
    let message: String
}

/// `GET /health`.
struct Health: Encodable, Sendable {
    let status: String
}

/// `GET /items/{item_id}`.
struct ItemSummary: Encodable, Sendable {
    let itemID: Int
    let name: String

    enum CodingKeys: String, CodingKey {
        case itemID = "item_id"
        case name
    }
}
