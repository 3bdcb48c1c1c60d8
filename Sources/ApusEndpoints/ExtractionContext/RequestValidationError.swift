public import ApusCore
public import ApusModels

/// The request did not validate: FastAPI's `RequestValidationError`, answered with 422 and
/// `{"detail":[...]}` listing every error (path, query, header, cookie, then body; dependencies' first).
///
/// Register `app.onError(RequestValidationError.self) { ... }` to answer differently.
public struct RequestValidationError: ResponseError, Sendable, CustomStringConvertible {
    /// The errors, in the order they are reported.
    public var errors: [ValidationErrorItem]

    /// Creates the error.
    public init(_ errors: [ValidationErrorItem]) {
        self.errors = errors
    }

    public func response(for request: Request) throws -> Response {
        .bytes(ByteBuffer(bytes: self.errors.validationErrorBody), mediaType: MediaType.json, status: .unprocessableContent)
    }

    public var description: String {
        "RequestValidationError(\(String(decoding: self.errors.validationErrorBody, as: UTF8.self)))"
    }
}
