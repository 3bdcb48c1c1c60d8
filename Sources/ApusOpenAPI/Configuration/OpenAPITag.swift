/// A tag listed at the top of the document (FastAPI's `openapi_tags`): its description shows beside the group
/// of operations carrying it.
public struct OpenAPITag: Sendable, Hashable {
    /// The tag, as operations name it.
    public var name: String
    /// What the group is about (Markdown).
    public var description: String?
    /// A link to further documentation.
    public var externalDocs: ExternalDocs?

    /// A link to documentation outside the API (`externalDocs`).
    public struct ExternalDocs: Sendable, Hashable {
        /// The link's description.
        public var description: String?
        /// The URL.
        public var url: String

        /// Creates a link.
        public init(description: String? = nil, url: String) {
            self.description = description
            self.url = url
        }
    }

    /// Creates a tag description.
    public init(name: String, description: String? = nil, externalDocs: ExternalDocs? = nil) {
        self.name = name
        self.description = description
        self.externalDocs = externalDocs
    }
}
