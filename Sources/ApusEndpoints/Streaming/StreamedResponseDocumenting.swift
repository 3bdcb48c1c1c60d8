/// A return type that is a stream of items, documented as FastAPI documents one: its media type with an
/// `itemSchema` (an OpenAPI 3.2 keyword) instead of a `schema`.
public protocol StreamedResponseDocumenting {
    /// The media type of the stream.
    static var streamMediaType: String { get }
    /// The schema of one item.
    static var itemSchema: DocumentedSchema { get }
}
