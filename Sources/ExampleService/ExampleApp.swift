public import Apus
import ApusMiddleware

/// The example service from the seeds (FastAPI's first-steps samples), served by `swift run apus-example`, with
/// typed endpoints: each handler declares what it reads (`Path`, `Query`, `Body`, dependencies) and gets plain
/// values; validation errors are FastAPI's 422s. `Tests/Differential/fastapi_twin.py` is the same service in
/// FastAPI.
public enum ExampleApp {
    /// Builds the app with all of the example's routes.
    public static func make() -> App {
        let app = App()
        // Outermost, so that every answer carries the CORS headers, the 500s and other middleware's included.
        app.use(CORS(allowOrigins: [frontendOrigin], allowMethods: ["*"], allowHeaders: ["*"], allowCredentials: true))
        app.state[PostStoreKey.self] = PostStore()
        app.get("/") { Greeting(message: "Hello World") }
        app.get("/health") { Health(status: "ok") }

        // The seed's `create_item`: the body is the item, echoed back.
        app.post("/items/", Body<Item>("item")) { item in item }

        // The seed's `read_item`, with an optional `q`.
        app.get(
            "/items/{item_id}", Path<Int>("item_id"), Query<String?>("q"), metadata: RouteMetadata(name: "read_item"),
            responses: [.error(.notFound, "Item not found")], encoding: EncodingOptions(dropNilFields: true)
        ) { itemID, q in
            guard itemID <= 100 else { throw HTTPError(.notFound, detail: "Item not found") }
            return ItemSummary(itemId: itemID, name: "Sample Item", q: q)
        }

        // The seed's `protected_route`, behind `verify_api_key`.
        app.get("/protected-route", dependencies: [DependencyRequirement(APIKeyCheck.self)]) {
            AccessMessage(message: "You have access to the protected route!")
        }

        app.post("/users", Body<UserIn>("user"), status: .created) { user in user }

        // The seed's `register_user`: answers at once; the e-mail and the event go out afterwards.
        app.state[OutboxKey.self] = Outbox()
        app.post("/register", Body<UserIn>("user"), InjectedBackgroundTasks(), RawRequest()) { user, tasks, request in
            let outbox = try request.exampleOutbox
            tasks.add("send_email") { try await outbox.sendWelcomeEmail(to: user.email, logger: request.logger) }
            tasks.add("event_user_registered") { outbox.record("user_registered \(user.email)") }
            return AccessMessage(message: "OK")
        }

        // Only the post's owner may change it: `Owned<PostOwnership>` loads it and checks the authenticated user.
        app.put("/posts/{post_id}", Depends<Owned<PostOwnership>>(), Body<PostUpdate>("update"), RawRequest()) { owned, update, request in
            guard let post = try request.examplePosts.update(owned.resource.id, with: update) else {
                throw HTTPError(.notFound, detail: PostOwnership.notFoundDetail)
            }
            return post
        }

        self.addSecurityRoutes(to: app)
        self.addWebSocketRoutes(to: app)
        self.addPageRoutes(to: app)

        // A folder of the repository in html mode: /static/ is its index.html, what is missing its 404.html.
        if let files = try? StaticFiles(directory: self.staticDirectory, html: true) {
            app.mount("/static", files, name: "static")
        }

        app.include(self.usersV1(), prefix: "/api/v1")
        app.include(self.usersV2(), prefix: "/api/v2")
        app.enableDocs(self.docsConfiguration)
        return app
    }

    /// `Sources/ExampleService/Static`, found from this file's path at build time (`swift run apus-example` runs
    /// where it was built).
    static let staticDirectory: String = {
        let source = #filePath
        guard let slash = source.lastIndex(of: "/") else { return "Static" }
        return source[..<slash] + "/Static"
    }()

    /// The frontend that may call the API from a browser, with credentials.
    static let frontendOrigin = "http://localhost:3000"

    static let people: [Int: (first: String, last: String)] = [1: ("Alice", "Smith"), 2: ("Bob", "Jones")]

    static func person(_ id: Int) throws -> (first: String, last: String) {
        guard let person = people[id] else { throw HTTPError(.notFound, detail: "User not found") }
        return person
    }

    /// Version 1: a user has one `name`.
    static func usersV1() -> Router {
        let router = Router(tags: ["v1"])
        router.get("/users/{user_id}", Path<Int>("user_id"), responses: [.error(.notFound, "User not found")]) { id in
            let person = try person(id)
            return UserV1(id: id, name: "\(person.first) \(person.last)")
        }
        return router
    }

    /// Version 2 changes the response shape: first and last name, and an e-mail address.
    static func usersV2() -> Router {
        let router = Router(tags: ["v2"])
        router.get("/users/{user_id}", Path<Int>("user_id"), responses: [.error(.notFound, "User not found")]) { id in
            let person = try person(id)
            return UserV2(id: id, firstName: person.first, lastName: person.last, email: "\(person.first.lowercased())@company.com")
        }
        return router
    }
}

extension App {
    /// The example's outbox (the e-mails `POST /register` sent), for tests.
    public var exampleOutbox: Outbox? { self.state[OutboxKey.self] }
}
