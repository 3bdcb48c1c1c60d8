public import ApusCore

/// A response whose body a test reads piece by piece, as the client receives it: for checking that a stream is
/// sent as it is produced, or for walking away from it mid-way.
public struct TestStreamedResponse: Sendable {
    /// The status.
    public var status: HTTPResponse.Status
    /// The header fields, in order.
    public var headers: HTTPFields
    /// The body's buffers as they arrive. Stopping iteration (or dropping the stream) stops reading: in live mode
    /// the connection is closed, as a client that goes away would.
    public var body: AsyncThrowingStream<ByteBuffer, any Error>

    /// The value of header `name` (any case).
    public func header(_ name: String) -> String? {
        HTTPField.Name(name).flatMap { self.headers[$0] }
    }
}

extension TestClient {
    /// Sends a request and returns as soon as the response head arrives, with the body still streaming.
    public func stream(
        _ method: HTTPRequest.Method,
        _ target: String,
        headers: HTTPFields = [:],
        body: ByteBuffer? = nil
    ) async throws -> TestStreamedResponse {
        try await self.transport.stream(method: method, target: target, headers: headers, body: body)
    }
}

/// A body writer that hands each buffer to a stream's reader, waiting for nothing (the in-process stream is
/// unbounded, like a socket with a large buffer).
struct StreamContinuationWriter: ResponseBodyWriter {
    let continuation: AsyncThrowingStream<ByteBuffer, any Error>.Continuation

    mutating func write(_ buffer: ByteBuffer) async throws {
        if case .terminated = self.continuation.yield(buffer) {
            throw CancellationError()
        }
    }
}
