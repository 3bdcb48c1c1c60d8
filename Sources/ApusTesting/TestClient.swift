#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import ApusCore
import WSCore

/// Sends requests to an app under test, in process or over a live socket (see ``TestingMode``), with one API.
///
/// ```swift
/// try await app.test(.inProcess) { client in
///     let response = try await client.get("/items/5")
///     #expect(response.status == .ok)
///     let item = try response.json(Item.self)
/// }
/// ```
public struct TestClient: Sendable {
    let transport: any TestTransport

    /// The loopback port the app serves on in ``TestingMode/live`` (for a client of the test's own, a browser
    /// or a raw socket); `nil` in process.
    public var port: Int? { (self.transport as? LiveTransport)?.port }

    /// Sends a request and collects the response.
    ///
    /// - Parameters:
    ///   - method: the method.
    ///   - target: the path with its query string, e.g. `/items/5?q=x`.
    ///   - headers: header fields to send (`content-length` is added for a body).
    ///   - body: the body, if any.
    public func execute(
        _ method: HTTPRequest.Method,
        _ target: String,
        headers: HTTPFields = [:],
        body: ByteBuffer? = nil
    ) async throws -> TestResponse {
        try await self.transport.execute(method: method, target: target, headers: headers, body: body)
    }

    /// Sends a GET request.
    public func get(_ target: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await self.execute(.get, target, headers: headers)
    }

    /// Sends a HEAD request.
    public func head(_ target: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await self.execute(.head, target, headers: headers)
    }

    /// Sends a DELETE request.
    public func delete(_ target: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await self.execute(.delete, target, headers: headers)
    }

    /// Sends an OPTIONS request.
    public func options(_ target: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await self.execute(.options, target, headers: headers)
    }

    /// Sends a POST request with an optional body.
    public func post(_ target: String, headers: HTTPFields = [:], body: ByteBuffer? = nil) async throws -> TestResponse {
        try await self.execute(.post, target, headers: headers, body: body)
    }

    /// Sends a PUT request with an optional body.
    public func put(_ target: String, headers: HTTPFields = [:], body: ByteBuffer? = nil) async throws -> TestResponse {
        try await self.execute(.put, target, headers: headers, body: body)
    }

    /// Sends a PATCH request with an optional body.
    public func patch(_ target: String, headers: HTTPFields = [:], body: ByteBuffer? = nil) async throws -> TestResponse {
        try await self.execute(.patch, target, headers: headers, body: body)
    }

    /// Sends `value` as a JSON body (`content-type: application/json`) with `method`.
    public func execute(
        _ method: HTTPRequest.Method,
        _ target: String,
        headers: HTTPFields = [:],
        json value: some Encodable
    ) async throws -> TestResponse {
        var headers = headers
        if headers[.contentType] == nil {
            headers[.contentType] = "application/json"
        }
        let body = ByteBuffer(bytes: try JSONEncoder().encode(value))
        return try await self.execute(method, target, headers: headers, body: body)
    }
}

/// Where a ``TestClient`` sends its requests.
protocol TestTransport: Sendable {
    func execute(method: HTTPRequest.Method, target: String, headers: HTTPFields, body: ByteBuffer?) async throws -> TestResponse
    func stream(method: HTTPRequest.Method, target: String, headers: HTTPFields, body: ByteBuffer?) async throws -> TestStreamedResponse
    /// Opens a WebSocket, runs `handler` on it, and returns the server's close frame.
    func webSocket(
        target: String, options: TestWebSocketOptions, handler: @escaping TestWebSocketHandler
    ) async throws
        -> WebSocketCloseFrame?
}
