public import ApusModels

/// One OpenAPI parameter (path, query, header or cookie) an endpoint or one of its dependencies reads.
public struct ParameterDocumentation: Sendable {
    /// The wire name (the alias, or the hyphenated header name).
    public var name: String
    /// Where it is read from (never ``ParameterSource/body``).
    public var source: ParameterSource
    /// Whether a request without it fails (always `true` for path parameters).
    public var isRequired: Bool
    /// The parameter's description.
    public var description: String?
    /// Whether the parameter is marked deprecated.
    public var deprecated: Bool
    /// Whether the parameter appears in the OpenAPI document.
    public var includeInSchema: Bool
    /// The default value, as JSON (`nil`: none or `null`).
    public var defaultValue: JSONValue?
    /// Example values.
    public var examples: [JSONValue]?
    /// The parameter's schema (with constraints, title and default).
    public var schema: DocumentedSchema

    /// Creates a parameter description.
    public init(
        name: String, source: ParameterSource, isRequired: Bool, description: String? = nil, deprecated: Bool = false,
        includeInSchema: Bool = true, defaultValue: JSONValue? = nil, examples: [JSONValue]? = nil, schema: DocumentedSchema
    ) {
        self.name = name
        self.source = source
        self.isRequired = isRequired
        self.description = description
        self.deprecated = deprecated
        self.includeInSchema = includeInSchema
        self.defaultValue = defaultValue
        self.examples = examples
        self.schema = schema
    }
}
