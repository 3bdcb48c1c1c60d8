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
        let ownedGroup =
            self.eventLoopGroup == nil ? self.configuration.threads.map { MultiThreadedEventLoopGroup(numberOfThreads: $0) } : nil
        let group: any EventLoopGroup = self.eventLoopGroup ?? ownedGroup ?? MultiThreadedEventLoopGroup.singleton
        do {
            try await self.serve(on: group)
        } catch {
            try? await ownedGroup?.shutdownGracefully()
            throw error
        }
        try? await ownedGroup?.shutdownGracefully()
    }

    private func serve(on group: any EventLoopGroup) async throws {
        let executors = EventLoopTaskExecutors(group: group)
        let quiesce = ServerQuiescingHelper(group: group)
        let configuration = self.configuration
        let connection = self.makeConnection()

        let serverChannel = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: Int32(clamping: configuration.backlog))
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(quiesce.makeServerChannelHandler(channel: channel))
                }
            }
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            // A client that sends a request and then shuts down its sending side still gets its answer.
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .bind(host: configuration.host, port: configuration.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try Self.addHTTPHandlers(to: channel, configuration: configuration, executors: executors)
                }
            }

        let port = serverChannel.channel.localAddress?.port ?? configuration.port
        self.logger.info("Apus running on http://\(configuration.host):\(port) (Press CTRL+C to quit)")
        await self.onServerRunning?(port)

        do {
            try await self.acceptUntilShutdown(serverChannel: serverChannel, executors: executors, quiesce: quiesce, connection: connection)
        } catch is ServerStopped {
            self.logger.info("Finished server process")
        } catch is ShutdownTimedOut {
            self.logger.warning("Graceful shutdown timed out; open connections were closed")
        }
    }

    private func acceptUntilShutdown(
        serverChannel: NIOAsyncChannel<AcceptedConnection, Never>,
        executors: EventLoopTaskExecutors,
        quiesce: ServerQuiescingHelper,
        connection: HTTPConnection
    ) async throws {
        let shutdownTimeout = self.configuration.gracefulShutdownTimeout
        try await withGracefulShutdownHandler {
            try await withThrowingDiscardingTaskGroup { group in
                group.addTask {
                    // Bounds a graceful shutdown: once it has been asked for and the timeout passes, whatever is
                    // still running is cancelled, which closes its connection.
                    try? await gracefulShutdown()
                    if Task.isCancelled { return }
                    try? await Task.sleep(for: shutdownTimeout)
                    if !Task.isCancelled { throw ShutdownTimedOut() }
                }
                // Accepting runs in a child task so that the timeout above, by cancelling the group, reaches every
                // connection task beneath it.
                group.addTask {
                    try await serverChannel.executeThenClose { connections in
                        try await withThrowingDiscardingTaskGroup { connectionGroup in
                            for try await accepted in connections {
                                connectionGroup.addTask(executorPreference: accepted.executor) {
                                    await Self.serveCancellable(accepted, connection: connection)
                                }
                            }
                        }
                    }
                    throw ServerStopped()
                }
            }
        } onGracefulShutdown: {
            self.logger.info("Shutting down")
            quiesce.initiateShutdown(promise: nil)
        }
    }

    /// Serves one socket that is already connected (one end of a `socketpair`, say) as it would serve an accepted
    /// one, until the connection ends: the in-process test client's WebSocket runs the server's own handshake and
    /// protocol code this way, with no listener. Graceful shutdown does not apply; close the other end to end it.
    ///
    /// - Throws: NIO's error when the socket cannot be registered with an event loop.
    package func serveConnectedSocket(_ socket: NIOBSDSocket.Handle) async throws {
        let group = self.eventLoopGroup ?? MultiThreadedEventLoopGroup.singleton
        let executors = EventLoopTaskExecutors(group: group)
        let configuration = self.configuration
        let accepted = try await ClientBootstrap(group: group)
            .channelOption(.allowRemoteHalfClosure, value: true)
            .withConnectedSocket(socket) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try Self.addHTTPHandlers(to: channel, configuration: configuration, executors: executors)
                }
            }
        let connection = self.makeConnection()
        await withTaskExecutorPreference(accepted.executor) {
            await Self.serveCancellable(accepted, connection: connection)
        }
    }

    /// The request loop every connection of this server runs.
    private func makeConnection() -> HTTPConnection {
        HTTPConnection(
            configuration: self.configuration,
            responder: self.responder,
            logger: self.logger,
            forwarded: ForwardedHeaders(configuration: self.configuration),
            inFlight: InFlightRequests()
        )
    }

    /// Puts the HTTP/1.1 handlers on a new connection's pipeline (on its event loop).
    private static func addHTTPHandlers(
        to channel: any Channel, configuration: ServerConfiguration, executors: EventLoopTaskExecutors
    ) throws -> AcceptedConnection {
        let control = ConnectionControl()
        let state = ConnectionGuardState(
            keepAliveTimeout: TimeAmount(configuration.keepAliveTimeout),
            headerReadTimeout: TimeAmount(configuration.headerReadTimeout),
            maxHeadSize: configuration.maxHeadSize,
            control: control,
            eventLoop: channel.eventLoop
        )
        let bridge = HTTPRequestPartBridge(state: state)
        try channel.pipeline.syncOperations.addHandlers([
            ConnectionByteGuard(state: state),
            // `.forwardBytes`: after an upgrade request that is not upgraded, the decoder is replaced and hands what
            // it holds to its successor (HTTPRequestPartBridge.resumeParsingAfterIgnoredUpgrade).
            ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .forwardBytes)),
            bridge,
        ])
        return AcceptedConnection(
            channel: channel,
            bridge: NIOLoopBound(bridge, eventLoop: channel.eventLoop),
            control: control,
            executor: executors.executor(for: channel.eventLoop)
        )
    }

    /// Serves a connection, and cancels the work in flight on it (a streaming producer, say) when the client goes
    /// away. Its responses' after-send work runs in tasks of its own, which the client going away does not cancel
    /// (a background task runs whether or not the client is still there); the connection's task ends when that
    /// work has, so graceful shutdown waits for it, and the shutdown timeout cancels it.
    private static func serveCancellable(_ accepted: AcceptedConnection, connection: HTTPConnection) async {
        let (afterSendWork, afterSendQueue) = AsyncStream.makeStream(of: (@Sendable () async -> Void).self)
        await withDiscardingTaskGroup { afterSendTasks in
            afterSendTasks.addTask {
                await withTaskGroup(of: Void.self) { group in
                    group.addTask {
                        await withTaskCancellationHandler {
                            await connection.serve(accepted) { work in afterSendQueue.yield(work) }
                        } onCancel: {
                            // A cancelled connection (shutdown timeout) closes its channel, which ends any read in
                            // progress.
                            accepted.channel.close(promise: nil)
                        }
                    }
                    group.addTask {
                        _ = try? await accepted.channel.closeFuture.get()
                    }
                    await group.next()
                    group.cancelAll()
                }
                afterSendQueue.finish()
            }
            for await work in afterSendWork {
                afterSendTasks.addTask(operation: work)
            }
        }
    }
}

/// A connection the server accepted, with what its request loop needs.
struct AcceptedConnection: Sendable {
    let channel: any Channel
    let bridge: NIOLoopBound<HTTPRequestPartBridge>
    let control: ConnectionControl
    let executor: EventLoopTaskExecutor
}

/// Ends the server's task group once every connection has finished.
private struct ServerStopped: Error {}
/// Ends the server's task group when a graceful shutdown takes longer than allowed.
private struct ShutdownTimedOut: Error {}
