import NIOCore

/// The app's error handlers, tried in registration order, then the built-in renderings. Turns an error into a
/// response, or rethrows it when nothing renders it (it then becomes the plain 500 at the top).
struct ErrorHandlers: Sendable {
    typealias Handler = @Sendable (any Error, Request) async throws -> Response?

    var handlers: [Handler] = []

    /// Adds a handler for errors of type `Failure`.
    mutating func add<Failure: Error>(
        _ type: Failure.Type,
        _ handler: @escaping @Sendable (Failure, Request) async throws -> Response
    ) {
        self.handlers.append { error, request in
            guard let error = error as? Failure else { return nil }
            return try await handler(error, request)
        }
    }

    /// The response for `error`: a registered handler's, the error's own (``ResponseError``), 413 for a body over
    /// the limit (413 `{"detail":"Request Entity Too Large"}`), 400 or 408 for a body the server could not read
    /// (the client's fault, so not logged as an application error; the server sends its own answer then);
    /// otherwise `error` is rethrown.
    func response(for error: any Error, request: Request) async throws -> Response {
        for handler in self.handlers {
            if let response = try await handler(error, request) { return response }
        }
        switch error {
        case let error as any ResponseError:
            return try error.response(for: request)
        case is RequestBodyTooLargeError, is NIOTooManyBytesError:
            // NIOCore's `collect(upTo:)` on any ByteBuffer sequence throws the latter; same meaning.
            return try HTTPError(.contentTooLarge).response()
        case RequestBodyReadError.malformed:
            return try HTTPError(.badRequest).response()
        case RequestBodyReadError.timedOut:
            return try HTTPError(.requestTimeout).response()
        default:
            throw error
        }
    }
}
