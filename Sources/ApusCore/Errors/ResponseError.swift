/// An error that knows the response it should become. Throw one from a handler, middleware or a
/// dependency, and the app answers with ``response(for:)`` instead of a 500.
///
/// ```swift
/// struct ItemNotFound: ResponseError {
///     let id: Int
///     func response(for request: Request) throws -> Response {
///         try .json(["detail": "Item \(id) not found"], status: .notFound)
///     }
/// }
/// ```
public protocol ResponseError: Error {
    /// The response this error becomes when it answers `request`.
    func response(for request: Request) throws -> Response
}
