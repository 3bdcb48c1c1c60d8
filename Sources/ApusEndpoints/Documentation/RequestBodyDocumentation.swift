import ApusModels

/// The request body of an operation: the body fields of the endpoint and its dependencies, flattened as FastAPI
/// does. A lone, non-embedded JSON field is the whole body (its schema is the body's schema); otherwise the body
/// is an object keyed by field name (FastAPI names that component `Body_<operationId>`).
public struct RequestBodyDocumentation: Sendable {
    /// One field of the body.
    public struct Field: Sendable {
        /// The key in the body object (or the field's name when it is the whole body).
        public var name: String
        /// Whether the field must be present.
        public var isRequired: Bool
        /// Whether the field asked to be embedded (`Body(embed: true)`).
        public var embed: Bool
        /// The field's description.
        public var description: String?
        /// The field's schema (for a lone body, the type's schema, usually a `$ref`).
        public var schema: DocumentedSchema
        /// The field's schema when it is a property of the body object (title, constraints, default).
        public var propertySchema: DocumentedSchema
        /// Whether this is an uploaded file (a multipart `format: binary` / `contentMediaType` property).
        public var isFile: Bool

        /// Creates a body field description.
        public init(
            name: String, isRequired: Bool, embed: Bool = false, description: String? = nil, schema: DocumentedSchema,
            propertySchema: DocumentedSchema, isFile: Bool = false
        ) {
            self.name = name
            self.isRequired = isRequired
            self.embed = embed
            self.description = description
            self.schema = schema
            self.propertySchema = propertySchema
            self.isFile = isFile
        }
    }

    /// `application/json`, `application/x-www-form-urlencoded` or `multipart/form-data`.
    public var mediaType: String
    /// The fields, in declaration order (dependencies' first, as FastAPI flattens them).
    public var fields: [Field]

    /// Creates a body description.
    public init(mediaType: String, fields: [Field] = []) {
        self.mediaType = mediaType
        self.fields = fields
    }

    /// Whether the body is an object keyed by field name (several fields, an embedded one, or a form).
    public var isEmbedded: Bool {
        self.mediaType != "application/json" || self.fields.count > 1 || self.fields.contains { $0.embed }
    }

    /// Whether a request without a body fails: any field is required.
    public var isRequired: Bool { self.fields.contains { $0.isRequired } }
}
