extension Response {
    /// How a handler's return value becomes the response, decided once per route from its type.
    public typealias Rendering<Output> = @Sendable (_ output: Output, _ request: Request, _ status: HTTPResponse.Status) throws -> Response

    /// The rendering of values of type `Output`, or `nil` if they have none: a ``ResponseConvertible`` is its own
    /// response (this wins when the type is also `Encodable`); any other `Encodable` is JSON (Starlette's
    /// `JSONResponse`) with the route's status; `Void` is JSON `null`, as FastAPI answers a handler that returns
    /// `None`.
    public static func rendering<Output>(of type: Output.Type) -> Rendering<Output>? {
        if let convertible = type as? any ResponseConvertible.Type {
            return Self.rendering(of: convertible, as: Output.self)
        }
        if let encodable = type as? any (Encodable & SendableMetatype).Type {
            return Self.rendering(of: encodable, as: Output.self)
        }
        if type == Void.self {
            return { _, _, status in .bytes(ByteBuffer(string: "null"), mediaType: MediaType.json, status: status) }
        }
        return nil
    }

    // `Value` is `Output` opened from the metatype casts above, so the casts of the closures below succeed.
    private static func rendering<Value: ResponseConvertible, Output>(of _: Value.Type, as _: Output.Type) -> Rendering<Output>? {
        let rendering: Rendering<Value> = { value, request, _ in try value.response(for: request) }
        return rendering as? Rendering<Output>
    }

    private static func rendering<Value: Encodable & SendableMetatype, Output>(of _: Value.Type, as _: Output.Type) -> Rendering<Output>? {
        let rendering: Rendering<Value> = { value, _, status in try .json(value, status: status) }
        return rendering as? Rendering<Output>
    }
}
