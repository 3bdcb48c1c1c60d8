public import Logging
public import NIOCore
import NIOExtras
import NIOHTTP1
import NIOPosix
public import ServiceLifecycle

/// Apus's HTTP/1.1 server on SwiftNIO: keep-alive and pipelining, streamed bodies both ways, timeouts and limits,
/// trusted proxy headers, and graceful shutdown. It knows nothing of routing: every request goes to one
/// ``HTTPResponder``.
///
/// It is a swift-service-lifecycle `Service`: ``run()`` serves until graceful shutdown is triggered (SIGTERM or
/// SIGINT when run in a `ServiceGroup`), then stops accepting, lets in-flight requests finish (bounded by
/// ``ServerConfiguration/gracefulShutdownTimeout``), closes idle connections, and returns.
public struct HTTPServer: Service {
    /// The configuration the server runs with.
    public let configuration: ServerConfiguration
    let responder: any HTTPResponder
    let logger: Logger
    let eventLoopGroup: (any EventLoopGroup)?
    let onServerRunning: (@Sendable (_ port: Int) async -> Void)?

    /// Creates a server.
    ///
    /// - Parameters:
    ///   - configuration: where to listen and the limits to apply.
    ///   - responder: what answers every request.
    ///   - logger: receives the access log and server events.
    ///   - eventLoopGroup: the NIO event loops to use; by default a group sized by ``ServerConfiguration/threads``.
    ///   - onServerRunning: called once the socket is bound, with the port (useful with port 0).
    public init(
        configuration: ServerConfiguration,
        responder: any HTTPResponder,
        logger: Logger = Logger(label: "apus.server"),
        eventLoopGroup: (any EventLoopGroup)? = nil,
        onServerRunning: (@Sendable (_ port: Int) async -> Void)? = nil
    ) {
        self.configuration = configuration
        self.responder = responder
        self.logger = logger
        self.eventLoopGroup = eventLoopGroup
        self.onServerRunning = onServerRunning
    }

    /// Serves until graceful shutdown, then drains and returns.
    public func run() async throws {
        fatalError("not yet implemented")
    }
}
