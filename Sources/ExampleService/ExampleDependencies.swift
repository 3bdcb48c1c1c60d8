import Apus

/// The seed's `verify_api_key`: the `X-API-Key` header must be the service's key.
struct APIKeyCheck: Dependency {
    static let expectedKey = "fake-secret-api-key"

    static let provider = DependencyProvider(Header<String>("x-api-key")) { key in
        guard key == expectedKey else { throw HTTPError(.forbidden, detail: "Invalid API Key") }
        return APIKeyCheck()
    }
}

/// The user making the request, named by a plain `X-User` header until the security issue brings real
/// authentication.
struct CurrentUser: Dependency {
    var name: String

    static let provider = DependencyProvider(Header<String>("x-user")) { name in CurrentUser(name: name) }
}

/// The seed's `validate_owner`: the post exists and the current user owns it.
struct OwnedPost: Dependency {
    var post: Post

    static let provider = DependencyProvider(Path<Int>("post_id"), Depends<CurrentUser>()) { postID, user in
        guard let post = ExamplePosts.all[postID] else { throw HTTPError(.notFound, detail: "Post not found") }
        guard post.owner == user.name else { throw HTTPError(.forbidden, detail: "Not the owner") }
        return OwnedPost(post: post)
    }
}

/// The example's fixed posts (no database in the example).
enum ExamplePosts {
    static let all: [Int: Post] = [
        1: Post(id: 1, title: "Hello", content: "First post", owner: "alice"),
        2: Post(id: 2, title: "Second", content: "By bob", owner: "bob"),
    ]
}
