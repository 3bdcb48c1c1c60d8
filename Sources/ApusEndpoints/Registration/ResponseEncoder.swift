public import ApusCore
public import ApusModels

/// How a handler's return value becomes the response, chosen once per route from the return type
/// (``automatic(options:)``) or given to the registration function (`encoder:`).
public struct ResponseEncoder<Output>: Sendable {
    /// The success response's body schema, when the return type has one.
    public let schema: DocumentedSchema?
    /// The success response's media type.
    public let mediaType: String
    /// For a stream of items, the schema of one item (``StreamedResponseDocumenting``).
    public let itemSchema: DocumentedSchema?
    let encode: Response.Rendering<Output>

    /// An encoder from a closure.
    public init(
        schema: DocumentedSchema?, mediaType: String = MediaType.json, itemSchema: DocumentedSchema? = nil,
        encode: @escaping Response.Rendering<Output>
    ) {
        self.schema = schema
        self.mediaType = mediaType
        self.itemSchema = itemSchema
        self.encode = encode
    }

    /// The encoder for `Output`, or `nil` if it has none: a ``ResponseConvertible`` (``Response`` for full
    /// control) is its own response, whatever else it is; a model or other ``SchemaValue`` is JSON written by
    /// ApusModels' encoder with `options` (FastAPI's `response_model_exclude_none`, include, exclude) and
    /// documented by its schema; the rest is as the core renders it (``Response/rendering(of:)``: any other
    /// `Encodable` as JSON, `Void` as `null`); a stream (``EventStream``, ``JSONLines``) is documented by its
    /// items.
    public static func automatic(options: EncodingOptions) -> ResponseEncoder<Output>? {
        if !(Output.self is any ResponseConvertible.Type), let model = Output.self as? any SchemaValue.Type {
            return Self.schemaValue(model, options: options)
        }
        if let streamed = Output.self as? any StreamedResponseDocumenting.Type {
            return Response.rendering(of: Output.self).map {
                ResponseEncoder(schema: nil, mediaType: streamed.streamMediaType, itemSchema: streamed.itemSchema, encode: $0)
            }
        }
        return Response.rendering(of: Output.self).map { ResponseEncoder(schema: nil, encode: $0) }
    }

    // `Model` is `Output` opened from the metatype cast above, so the cast of the closure succeeds.
    private static func schemaValue<Model: SchemaValue>(_ model: Model.Type, options: EncodingOptions) -> ResponseEncoder<Output>? {
        let encode: Response.Rendering<Model> = { output, _, status in
            .bytes(ByteBuffer(bytes: output.jsonBytes(options: options)), mediaType: MediaType.json, status: status)
        }
        return (encode as? Response.Rendering<Output>).map { ResponseEncoder(schema: DocumentedSchema(of: Model.self), encode: $0) }
    }
}

extension ResponseEncoder where Output == Response {
    /// A handler's own ``Response`` (a rendered template, say) documented as an HTML page: `text/html` with schema
    /// `{"type": "string"}`, as FastAPI documents `response_class=HTMLResponse`.
    public static var html: ResponseEncoder<Response> {
        ResponseEncoder(schema: DocumentedSchema { _ in ["type": .string("string")] }, mediaType: "text/html") { response, _, _ in
            response
        }
    }
}
