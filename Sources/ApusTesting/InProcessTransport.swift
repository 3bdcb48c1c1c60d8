import ApusCore
import Logging

/// Calls the app's responder directly with what the server would have built, FastAPI `TestClient` style: host
/// `testserver`, client `testclient:50000`, scheme `http`.
struct InProcessTransport: TestTransport {
    let responder: AppResponder
    /// The app's logger, for the server that serves an in-process WebSocket.
    let logger: Logger

    func execute(method: HTTPRequest.Method, target: String, headers: HTTPFields, body: ByteBuffer?) async throws -> TestResponse {
        let response = try await self.respond(method: method, target: target, headers: headers, body: body)
        let collected: ByteBuffer
        do {
            collected = method == .head ? ByteBuffer() : try await Self.collect(response.body)
        } catch {
            await response.afterSend?()
            throw error
        }
        // As the server does once a response is out: request-scoped cleanup, background work.
        await response.afterSend?()
        return TestResponse(status: response.status, headers: Self.settledHeaders(response), body: collected)
    }

    func stream(method: HTTPRequest.Method, target: String, headers: HTTPFields, body: ByteBuffer?) async throws -> TestStreamedResponse {
        let response = try await self.respond(method: method, target: target, headers: headers, body: body)
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: ByteBuffer.self)
        let producer = Task {
            guard method != .head else {
                await response.afterSend?()
                return continuation.finish()
            }
            do {
                var writer: any ResponseBodyWriter = StreamContinuationWriter(continuation: continuation)
                try await response.body.write(to: &writer)
                await response.afterSend?()
                continuation.finish()
            } catch {
                await response.afterSend?()
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in producer.cancel() }
        return TestStreamedResponse(status: response.status, headers: Self.settledHeaders(response), body: stream)
    }

    private func respond(method: HTTPRequest.Method, target: String, headers: HTTPFields, body: ByteBuffer?) async throws -> Response {
        var fields = headers
        if let body, fields[.contentLength] == nil {
            fields[.contentLength] = String(body.readableBytes)
        }
        let head = HTTPRequest(method: method, scheme: "http", authority: "testserver", path: target, headerFields: fields)
        let request = HTTPServerRequest(
            head: head,
            connection: ConnectionInfo(remoteHost: "testclient", remotePort: 50000),
            body: body.map { RequestBody(buffer: $0) } ?? .empty
        )
        let response = try await self.responder.respond(to: request)
        // A protocol switch needs a connection to switch: the WebSocket client runs the handshake over one.
        if response.upgrade != nil {
            await response.afterSend?()
            throw TestWebSocketError.handshakeNeedsWebSocketClient
        }
        return response
    }

    /// The whole body, through a writer with reference semantics: `ResponseBody.map` writes into a copy of the
    /// writer it is given, so a value-type collector (`ResponseBody.collect()`) would see nothing of a mapped body.
    static func collect(_ body: ResponseBody) async throws -> ByteBuffer {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: ByteBuffer.self)
        var writer: any ResponseBodyWriter = StreamContinuationWriter(continuation: continuation)
        try await body.write(to: &writer)
        continuation.finish()
        var collected = ByteBuffer()
        for try await var buffer in stream {
            collected.writeBuffer(&buffer)
        }
        return collected
    }

    /// The headers as the server sends them: `content-length` rewritten to the body's length, dropped for a
    /// streamed body of unknown length, added when missing and the length is known.
    static func settledHeaders(_ response: Response) -> HTTPFields {
        var headers = response.headers
        guard let length = response.body.contentLength else {
            headers[.contentLength] = nil
            return headers
        }
        if response.status.forbidsBody {
            return headers
        }
        if headers[.contentLength] != nil {
            headers[.contentLength] = String(length)
        } else {
            headers.append(HTTPField(name: .contentLength, value: String(length)))
        }
        return headers
    }
}
