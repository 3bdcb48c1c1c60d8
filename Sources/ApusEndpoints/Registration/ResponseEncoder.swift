import ApusCore
import ApusModels

/// How a handler's return value becomes the response, chosen once by the registration overload for the return
/// type: a ``SchemaValue`` with ApusModels' encoder (honouring ``EncodingOptions``), a ``ResponseConvertible``
/// (``Response`` for full control) as it says, any other `Encodable` with the core's JSON encoder.
public struct ResponseEncoder<Output>: Sendable {
    /// The success response's body schema, when the return type has one.
    public let schema: DocumentedSchema?
    /// Whether the route's status applies (not for a returned ``Response``, which carries its own).
    let usesRouteStatus: Bool
    let encode: @Sendable (Output, Request, HTTPResponse.Status) throws -> Response

    /// An encoder from a closure.
    public init(
        schema: DocumentedSchema?, usesRouteStatus: Bool = true,
        encode: @escaping @Sendable (Output, Request, HTTPResponse.Status) throws -> Response
    ) {
        self.schema = schema
        self.usesRouteStatus = usesRouteStatus
        self.encode = encode
    }
}

extension ResponseEncoder where Output: SchemaValue {
    /// JSON written by ApusModels' encoder, with `options` (FastAPI's `response_model_exclude_none`, include,
    /// exclude).
    public static func schemaValue(options: EncodingOptions) -> ResponseEncoder<Output> {
        ResponseEncoder(schema: DocumentedSchema(of: Output.self)) { output, _, status in
            .bytes(ByteBuffer(bytes: output.jsonBytes(options: options)), mediaType: MediaType.json, status: status)
        }
    }
}

extension ResponseEncoder where Output: ResponseConvertible {
    /// The value's own response.
    public static var responseConvertible: ResponseEncoder<Output> {
        ResponseEncoder(schema: nil, usesRouteStatus: false) { output, request, _ in try output.response(for: request) }
    }
}

extension ResponseEncoder where Output: Encodable & SendableMetatype {
    /// JSON written by the core's encoder (keys in declaration order, as Starlette); undocumented schema.
    public static var encodable: ResponseEncoder<Output> {
        ResponseEncoder(schema: nil) { output, _, status in try .json(output, status: status) }
    }
}
