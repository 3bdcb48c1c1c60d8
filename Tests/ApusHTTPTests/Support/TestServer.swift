import ApusHTTP
import HTTPTypes
import Logging
import NIOCore
import ServiceLifecycle

/// A responder made of a closure.
struct ClosureResponder: HTTPResponder {
    let handler: @Sendable (HTTPServerRequest) async throws -> Response

    func respond(to request: HTTPServerRequest) async throws -> Response {
        try await self.handler(request)
    }
}

/// Test defaults: an ephemeral port, no access log.
func testConfiguration(_ adjust: (inout ServerConfiguration) -> Void = { _ in }) -> ServerConfiguration {
    var configuration = ServerConfiguration(host: "127.0.0.1", port: 0, accessLog: false)
    adjust(&configuration)
    return configuration
}

/// A running server for one test.
struct RunningServer: Sendable {
    let port: Int
    let serviceGroup: ServiceGroup

    func shutDown() async {
        await self.serviceGroup.triggerGracefulShutdown()
    }
}

/// Runs a server with `responder` around `body`, then shuts it down gracefully and waits for it to finish.
func withServer(
    _ configuration: ServerConfiguration = testConfiguration(),
    respond handler: @escaping @Sendable (HTTPServerRequest) async throws -> Response,
    _ body: (RunningServer) async throws -> Void
) async throws {
    var logger = Logger(label: "apus.test")
    logger.logLevel = .critical
    let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
    let server = HTTPServer(
        configuration: configuration,
        responder: ClosureResponder(handler: handler),
        logger: logger,
        onServerRunning: { port in portContinuation.yield(port) }
    )
    let group = ServiceGroup(services: [server], logger: logger)
    try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask { try await group.run() }
        var portIterator = ports.makeAsyncIterator()
        guard let port = await portIterator.next() else { throw ServerDidNotStart() }
        let running = RunningServer(port: port, serviceGroup: group)
        do {
            try await body(running)
        } catch {
            await group.triggerGracefulShutdown()
            tasks.cancelAll()
            throw error
        }
        await group.triggerGracefulShutdown()
        try await tasks.waitForAll()
    }
}

struct ServerDidNotStart: Error {}

/// A plain 200 response with a text body and content-length.
func textResponse(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
    Response(
        status: status,
        headers: [.contentLength: String(text.utf8.count), .contentType: "text/plain; charset=utf-8"],
        body: ResponseBody(string: text)
    )
}
