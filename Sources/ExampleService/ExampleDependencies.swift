import Apus
import ApusPasswords
import Synchronization

/// The seed's `verify_api_key`: the `X-API-Key` header must be the service's key.
struct APIKeyCheck: Dependency {
    static let expectedKey = "fake-secret-api-key"

    static let responses = [DocumentedResponse.error(.forbidden, "Invalid API Key")]

    static let provider = DependencyProvider(Header<String>("x-api-key")) { key in
        guard ConstantTime.equal(key, expectedKey) else { throw HTTPError(.forbidden, detail: "Invalid API Key") }
        return APIKeyCheck()
    }
}

/// The seed's `validate_owner`, as an ``OwnershipRule``: the post exists (404) and the authenticated user owns it
/// (403). `PUT /posts/{post_id}` takes `Owned<PostOwnership>`, so its handler never sees someone else's post.
enum PostOwnership: OwnershipRule {
    static let idParameter = "post_id"
    static let notFoundDetail = "Post not found"

    static func load(_ id: Int, request: Request) async throws -> Post? {
        try request.examplePosts.post(id)
    }

    static func owns(_ user: CurrentUser, _ post: Post) -> Bool {
        post.owner == user.username
    }
}

/// The example's posts, kept in memory per app (no database until the data issue): post 1 is alice's, post 2
/// bob's.
final class PostStore: Sendable {
    private let posts = Mutex<[Int: Post]>([
        1: Post(id: 1, title: "Hello", content: "First post", owner: "alice"),
        2: Post(id: 2, title: "Second", content: "By bob", owner: "bob"),
    ])

    func post(_ id: Int) -> Post? {
        self.posts.withLock { $0[id] }
    }

    func all() -> [Post] {
        self.posts.withLock { $0.values.sorted { $0.id < $1.id } }
    }

    func update(_ id: Int, with update: PostUpdate) -> Post? {
        self.posts.withLock { posts in
            posts[id]?.title = update.title
            posts[id]?.content = update.content
            return posts[id]
        }
    }
}

enum PostStoreKey: AppStateKey {
    typealias Value = PostStore
}

extension Request {
    /// The app's post store (``ExampleApp/make()`` puts one in the state; a 500 in an app that has none).
    var examplePosts: PostStore {
        get throws {
            guard let store = self.state[PostStoreKey.self] else { throw HTTPError(.internalServerError) }
            return store
        }
    }
}

/// Items owned by the demo users (`GET /users/me/items`).
enum ExampleItems {
    static let owned = [
        OwnedItem(itemId: 1, name: "Lamp", owner: "alice"),
        OwnedItem(itemId: 2, name: "Desk", owner: "alice"),
        OwnedItem(itemId: 3, name: "Chair", owner: "bob"),
    ]
}

/// Where the example's "e-mails" and events go: kept in memory, since the example sends nothing.
public final class Outbox: Sendable {
    /// How long sending the welcome e-mail takes: the seed's slow `send_email`.
    public static let sendingTime = Duration.seconds(2)

    private let sent = Mutex<[String]>([])

    /// What was sent so far, in order.
    public var messages: [String] { self.sent.withLock { $0 } }

    /// Records `message` as sent.
    func record(_ message: String) {
        self.sent.withLock { $0.append(message) }
    }

    /// The seed's `send_email`: takes ``sendingTime``, then logs that it is done.
    func sendWelcomeEmail(to address: String, logger: Logger) async throws {
        try await Task.sleep(for: Self.sendingTime)
        self.record("welcome e-mail to \(address)")
        logger.info("Welcome e-mail sent", metadata: ["to": "\(address)"])
    }
}

enum OutboxKey: AppStateKey {
    typealias Value = Outbox
}

extension Request {
    /// The example's outbox, from the app's state.
    var exampleOutbox: Outbox {
        get throws {
            guard let outbox = self.state[OutboxKey.self] else { throw HTTPError(.internalServerError) }
            return outbox
        }
    }
}
