/// What a route says about itself beyond its method and path: names and documentation for the OpenAPI document,
/// its default status, and typed attachments for later layers.
///
/// A ``Router`` carries metadata too; it is combined with each route's when routes are collected: tags are
/// concatenated (router first, duplicates dropped), `deprecated` if either is, `includeInSchema` only if both are,
/// attachments per their key's merge rule, and the route's own name, summary, description, operation id and status
/// win over the router's.
public struct RouteMetadata: Sendable {
    /// A name for the route (FastAPI's `name`, by default the handler's name once typed endpoints set it).
    public var name: String?
    /// A one-line summary for the docs.
    public var summary: String?
    /// A longer description for the docs.
    public var description: String?
    /// The tags that group the operation in the docs.
    public var tags: [String]
    /// The OpenAPI `operationId`; `nil` lets the document builder derive one.
    public var operationID: String?
    /// Whether the operation is marked deprecated in the docs.
    public var deprecated: Bool
    /// Whether the operation appears in the OpenAPI document.
    public var includeInSchema: Bool
    /// The status a successful response has by default (documented, and used by typed endpoints).
    public var status: HTTPResponse.Status?
    /// Typed pieces for later layers (see ``RouteAttachmentKey``).
    public var attachments: RouteAttachments

    /// Creates metadata; every field is optional.
    public init(
        name: String? = nil,
        summary: String? = nil,
        description: String? = nil,
        tags: [String] = [],
        operationID: String? = nil,
        deprecated: Bool = false,
        includeInSchema: Bool = true,
        status: HTTPResponse.Status? = nil,
        attachments: RouteAttachments = RouteAttachments()
    ) {
        self.name = name
        self.summary = summary
        self.description = description
        self.tags = tags
        self.operationID = operationID
        self.deprecated = deprecated
        self.includeInSchema = includeInSchema
        self.status = status
        self.attachments = attachments
    }

    /// This metadata (a router's) combined with `inner` (a route's or a nested router's).
    public func merged(with inner: RouteMetadata) -> RouteMetadata {
        var tags = self.tags
        for tag in inner.tags where !tags.contains(tag) {
            tags.append(tag)
        }
        return RouteMetadata(
            name: inner.name ?? self.name,
            summary: inner.summary ?? self.summary,
            description: inner.description ?? self.description,
            tags: tags,
            operationID: inner.operationID ?? self.operationID,
            deprecated: self.deprecated || inner.deprecated,
            includeInSchema: self.includeInSchema && inner.includeInSchema,
            status: inner.status ?? self.status,
            attachments: self.attachments.merged(with: inner.attachments)
        )
    }
}
