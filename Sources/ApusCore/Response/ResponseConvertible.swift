/// A value a handler can return: it knows the response it becomes.
///
/// ``Response`` returns itself and `HTTPResponse.Status` an empty response with that status. Any other
/// `Encodable` value a handler returns (a model, an array, a dictionary, a `String`, `nil`) is sent as JSON with
/// status 200, as FastAPI does: a returned `String` is a JSON string (`"hello"` with quotes), not plain text —
/// return ``Response/text(_:status:headers:)`` for that. A type that is both `Encodable` and
/// `ResponseConvertible` uses its own ``response(for:)``.
public protocol ResponseConvertible: SendableMetatype {
    /// The response for `request`.
    func response(for request: Request) throws -> Response
}

extension Response: ResponseConvertible {
    @inlinable
    public func response(for request: Request) throws -> Response { self }
}

extension HTTPResponse.Status: ResponseConvertible {
    public func response(for request: Request) throws -> Response { .empty(status: self) }
}
