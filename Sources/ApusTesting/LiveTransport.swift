import ApusCore
import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// Sends requests over loopback to the app serving on `port`, with AsyncHTTPClient (redirects not followed, so
/// tests see them).
struct LiveTransport: TestTransport {
    let client: HTTPClient
    let port: Int

    func execute(method: HTTPRequest.Method, target: String, headers: HTTPFields, body: ByteBuffer?) async throws -> TestResponse {
        let response = try await self.send(method: method, target: target, headers: headers, body: body)
        let collected = try await response.body.collect(upTo: .max)
        return TestResponse(
            status: HTTPResponse.Status(code: Int(response.status.code), reasonPhrase: response.status.reasonPhrase),
            headers: Self.fields(response), body: collected)
    }

    func stream(method: HTTPRequest.Method, target: String, headers: HTTPFields, body: ByteBuffer?) async throws -> TestStreamedResponse {
        let response = try await self.send(method: method, target: target, headers: headers, body: body)
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: ByteBuffer.self)
        let reader = Task {
            do {
                for try await buffer in response.body {
                    if case .terminated = continuation.yield(buffer) { break }
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        // Cancelling the read makes AsyncHTTPClient close the connection: the server sees the client go away.
        continuation.onTermination = { _ in reader.cancel() }
        return TestStreamedResponse(
            status: HTTPResponse.Status(code: Int(response.status.code), reasonPhrase: response.status.reasonPhrase),
            headers: Self.fields(response), body: stream)
    }

    private func send(method: HTTPRequest.Method, target: String, headers: HTTPFields, body: ByteBuffer?) async throws -> HTTPClientResponse
    {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(self.port)\(target)")
        request.method = HTTPMethod(rawValue: method.rawValue)
        for field in headers {
            request.headers.add(name: field.name.rawName, value: field.value)
        }
        if let body {
            request.body = .bytes(body)
        }
        return try await self.client.execute(request, timeout: .seconds(30))
    }

    private static func fields(_ response: HTTPClientResponse) -> HTTPFields {
        var fields = HTTPFields()
        for header in response.headers {
            if let name = HTTPField.Name(header.name) {
                fields.append(HTTPField(name: name, value: header.value))
            }
        }
        return fields
    }
}
