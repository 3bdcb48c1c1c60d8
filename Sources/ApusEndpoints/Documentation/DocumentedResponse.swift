public import ApusCore
public import ApusModels

/// A response an operation documents: its success response (from the handler's return type) or an extra one
/// declared on the route (FastAPI's `responses={404: {...}}`).
public struct DocumentedResponse: Sendable {
    /// The status code.
    public var status: HTTPResponse.Status
    /// The description (FastAPI's default for the success response is "Successful Response").
    public var description: String
    /// The media type of the body, when it has one.
    public var mediaType: String?
    /// The body's schema; `nil` for an undocumented body (FastAPI's `{}`) or none.
    public var schema: DocumentedSchema?
    /// For a stream of items (Server-Sent Events, JSON Lines), the schema of one item, documented as
    /// `itemSchema` instead of `schema`.
    public var itemSchema: DocumentedSchema?

    /// Creates a documented response.
    public init(
        status: HTTPResponse.Status, description: String, mediaType: String? = "application/json", schema: DocumentedSchema? = nil,
        itemSchema: DocumentedSchema? = nil
    ) {
        self.status = status
        self.description = description
        self.mediaType = mediaType
        self.schema = schema
        self.itemSchema = itemSchema
    }

    /// A response whose body is a `Model` (FastAPI's `responses={404: {"model": Message}}`).
    public static func model<Model: SchemaValue>(
        _ type: Model.Type, status: HTTPResponse.Status, description: String
    ) -> DocumentedResponse {
        DocumentedResponse(status: status, description: description, schema: DocumentedSchema(of: Model.self))
    }
}

extension DocumentedResponse {
    /// An error an ``HTTPError`` answers with: `{"detail": "..."}`, documented with the shared `HTTPError`
    /// component.
    ///
    /// ```swift
    /// static let responses = [DocumentedResponse.error(.notFound, "Post not found")]
    /// ```
    public static func error(_ status: HTTPResponse.Status, _ description: String) -> DocumentedResponse {
        DocumentedResponse(status: status, description: description, schema: httpErrorSchema)
    }

    /// The `HTTPError` component: an object with a string `detail`.
    private static let httpErrorSchema = DocumentedSchema { generator in
        generator.reference(named: "HTTPError") { _ in
            [
                "properties": ["detail": ["type": "string", "title": "Detail"]],
                "type": "object",
                "required": ["detail"],
                "title": "HTTPError",
            ]
        }
    }
}
