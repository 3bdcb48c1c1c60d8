public import ApusCore
public import ApusEndpoints
public import ApusModels

/// How a resource is protected against broken object-level authorization (BOLA, OWASP API #1): how it is
/// loaded from its path id, who the caller is, and whether the caller owns it. ``Owned`` turns a rule into a
/// dependency, so that every route that reads or changes the resource checks ownership the same way.
///
/// ```swift
/// enum PostOwnership: OwnershipRule {
///     static let idParameter = "post_id"
///     static func load(_ id: Int, request: Request) async throws -> Post? { await posts.find(id) }
///     static func owns(_ user: CurrentUser, _ post: Post) -> Bool { post.owner == user.username }
/// }
///
/// app.put("/posts/{post_id}", Depends<Owned<PostOwnership>>(), Body<PostUpdate>("update")) { owned, update in
///     try await posts.update(owned.resource.id, with: update)
/// }
/// ```
///
/// A missing resource is a 404; someone else's is a 403, or with ``denial`` `.notFound` the same 404 as a missing
/// one, so ids of other users' resources cannot be probed. Both are documented on every route that uses the rule.
public protocol OwnershipRule: Sendable {
    /// The resource.
    associatedtype Resource: Sendable
    /// Its id, read from the path.
    associatedtype ID: SchemaValue
    /// The authenticated caller (a dependency that fails with 401 when there is none).
    associatedtype Principal: Dependency

    /// The path parameter holding the id (`post_id`).
    static var idParameter: String { get }

    /// What a caller who is not the owner gets (``OwnershipDenial/forbidden`` unless the rule says otherwise).
    static var denial: OwnershipDenial { get }

    /// The 404's detail (`"Post not found"`; by default the resource type's name followed by " not found").
    static var notFoundDetail: String { get }

    /// The 403's detail (`"Not the owner"` by default).
    static var forbiddenDetail: String { get }

    /// The resource with `id`, or `nil` if there is none.
    static func load(_ id: ID, request: Request) async throws -> Resource?

    /// Whether `principal` owns `resource`.
    static func owns(_ principal: Principal, _ resource: Resource) -> Bool
}

/// What a caller gets for a resource that exists but is not theirs.
public enum OwnershipDenial: Sendable, Hashable {
    /// 403 with ``OwnershipRule/forbiddenDetail``.
    case forbidden
    /// The same 404 as a missing resource (existence is not revealed).
    case notFound
}

extension OwnershipRule {
    public static var denial: OwnershipDenial { .forbidden }
    public static var notFoundDetail: String { "\(Resource.self) not found" }
    public static var forbiddenDetail: String { "Not the owner" }
}

/// A resource loaded by its path id and owned by the caller (see ``OwnershipRule``): the handler never sees
/// someone else's.
public struct Owned<Rule: OwnershipRule>: Dependency {
    /// The resource.
    public var resource: Rule.Resource
    /// The caller, who owns it.
    public var principal: Rule.Principal

    public static var provider: DependencyProvider<Owned<Rule>> {
        DependencyProvider(Path<Rule.ID>(Rule.idParameter), Depends<Rule.Principal>(), RawRequest()) { id, principal, request in
            guard let resource = try await Rule.load(id, request: request) else {
                throw HTTPError(.notFound, detail: Rule.notFoundDetail)
            }
            guard Rule.owns(principal, resource) else {
                switch Rule.denial {
                case .forbidden: throw HTTPError(.forbidden, detail: Rule.forbiddenDetail)
                case .notFound: throw HTTPError(.notFound, detail: Rule.notFoundDetail)
                }
            }
            return Owned(resource: resource, principal: principal)
        }
    }

    public static var responses: [DocumentedResponse] {
        switch Rule.denial {
        case .forbidden: [.error(.notFound, Rule.notFoundDetail), .error(.forbidden, Rule.forbiddenDetail)]
        case .notFound: [.error(.notFound, Rule.notFoundDetail)]
        }
    }
}
