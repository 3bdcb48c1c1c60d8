/// A value handlers and other dependencies receive by declaring its type (FastAPI's `Depends`), made per request
/// by its ``provider`` from inputs declared exactly like a handler's parameters.
///
/// ```swift
/// struct CurrentUser: Dependency {
///     var name: String
///     static let provider = DependencyProvider(Header<String>("x-user")) { name in CurrentUser(name: name) }
/// }
///
/// struct OwnedPost: Dependency {
///     var post: Post
///     static let provider = DependencyProvider(Path<Int>("post_id"), Depends<CurrentUser>()) { id, user in
///         guard let post = posts[id] else { throw HTTPError(.notFound, detail: "Post not found") }
///         guard post.owner == user.name else { throw HTTPError(.forbidden, detail: "Not the owner") }
///         return OwnedPost(post: post)
///     }
/// }
///
/// app.put("/posts/{post_id}", Depends<OwnedPost>(), Body<PostUpdate>("update")) { owned, update in ... }
/// ```
///
/// One instance per request: every use of the type in one request gets the same value, unless a use says
/// `Depends<T>(cached: false)`. Its inputs' validation errors join the request's 422 (before the handler's own),
/// and a failing dependency is not made. Throw ``HTTPError`` from the provider to answer the request.
public protocol Dependency: Sendable {
    /// How the value is made from its inputs, and how it is cleaned up. Declare it as a `static let`, so that it
    /// is built once.
    static var provider: DependencyProvider<Self> { get }

    /// When the value's cleanup runs (``DependencyScope/request`` unless the type says otherwise).
    static var scope: DependencyScope { get }

    /// The error responses the provider may answer with (its ``HTTPError``s): every operation that uses the
    /// dependency, directly or through other dependencies, documents them (FastAPI cannot: a dependency's
    /// `HTTPException`s never reach its document).
    ///
    /// ```swift
    /// static let responses = [DocumentedResponse.error(.notFound, "Post not found")]
    /// ```
    static var responses: [DocumentedResponse] { get }
}

extension Dependency {
    /// Request-scoped by default, as in FastAPI.
    public static var scope: DependencyScope { .request }

    /// None by default.
    public static var responses: [DocumentedResponse] { [] }
}
