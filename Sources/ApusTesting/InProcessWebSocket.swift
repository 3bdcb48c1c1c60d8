#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ApusCore
import ApusHTTP
import HTTPTypes
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket
import WSClient
// swift-websocket's protocol handler behind the `WSInternal` SPI it offers to integrations (its own client and
// Hummingbird's server use it): the in-process client speaks the protocol with the same code as the live one.
@_spi(WSInternal) import WSCore

extension InProcessTransport {
    /// A WebSocket with no listener: the server's own connection code (HTTP parsing, the upgrade, the WebSocket
    /// session) serves one end of a Unix socket pair, and a client built as swift-websocket's `WebSocketClient`
    /// is (NIO's client upgrader, then its protocol handler) speaks on the other.
    func webSocket(
        target: String, options: TestWebSocketOptions, handler: @escaping TestWebSocketHandler
    ) async throws
        -> WebSocketCloseFrame?
    {
        let (serverSocket, clientSocket) = try Self.socketPair()
        let server = HTTPServer(configuration: ServerConfiguration(accessLog: false), responder: self.responder, logger: self.logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.serveConnectedSocket(serverSocket) }
            let close: Result<WebSocketCloseFrame?, any Error>
            do {
                close = .success(try await Self.runClient(on: clientSocket, target: target, options: options, handler: handler))
            } catch {
                close = .failure(error)
            }
            // The client's channel is closed by now (the protocol handler closes it, and so does a refused
            // upgrade), so the server's side reads its end and finishes.
            try await group.waitForAll()
            return try close.get()
        }
    }

    private enum UpgradeResult: Sendable {
        case webSocket(NIOAsyncChannel<WebSocketFrame, WebSocketFrame>, [any WebSocketExtension])
        case notUpgraded
    }

    private static func runClient(
        on socket: NIOBSDSocket.Handle, target: String, options: TestWebSocketOptions, handler: @escaping TestWebSocketHandler
    ) async throws -> WebSocketCloseFrame? {
        let upgrade = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .withConnectedSocket(socket) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try Self.configureUpgrade(on: channel, target: target, options: options)
                }
            }
        switch try await upgrade.get() {
        case .webSocket(let channel, let extensions):
            let logger = Logger(label: "apus.test.websocket")
            return try await WebSocketHandler.handle(
                type: .client,
                configuration: .init(
                    extensions: extensions, autoPing: .disabled, validateUTF8: false, maxFrameSize: options.maxMessageSize),
                asyncChannel: channel,
                context: InProcessWebSocketContext(logger: logger),
                handler: { inbound, outbound, _ in try await handler(inbound, outbound) }
            )
        case .notUpgraded:
            // As swift-websocket's client reports a refused handshake.
            throw WebSocketClientError.webSocketUpgradeFailed
        }
    }

    /// NIO's HTTP client pipeline with the WebSocket upgrader, sending the handshake for `target` to host
    /// `testserver` (the in-process client's host) with the test's header fields and extension offers.
    private static func configureUpgrade(
        on channel: any Channel, target: String, options: TestWebSocketOptions
    ) throws -> EventLoopFuture<UpgradeResult> {
        let offered = options.extensions
        let upgrader = NIOTypedWebSocketClientUpgrader<UpgradeResult>(
            maxFrameSize: options.maxMessageSize,
            upgradePipelineHandler: { channel, head in
                channel.eventLoop.makeCompletedFuture {
                    let asyncChannel = try NIOAsyncChannel<WebSocketFrame, WebSocketFrame>(wrappingChannelSynchronously: channel)
                    var fields = HTTPFields()
                    for (name, value) in head.headers {
                        if let name = HTTPField.Name(name) { fields.append(HTTPField(name: name, value: value)) }
                    }
                    return .webSocket(asyncChannel, try offered.buildClientExtensions(from: fields))
                }
            }
        )
        var headers = HTTPHeaders([("host", "testserver")])
        for field in options.headers {
            headers.add(name: field.name.rawName, value: field.value)
        }
        for offer in offered.map({ $0.clientRequestHeader() }) where !offer.isEmpty {
            headers.add(name: "sec-websocket-extensions", value: offer)
        }
        let upgradeConfiguration = NIOTypedHTTPClientUpgradeConfiguration(
            upgradeRequestHead: HTTPRequestHead(version: .http1_1, method: .GET, uri: target, headers: headers),
            upgraders: [upgrader],
            notUpgradingCompletionHandler: { channel in
                // Refused: the server's answer has been read; close so that its side of the pair ends too.
                channel.close(promise: nil)
                return channel.eventLoop.makeSucceededFuture(.notUpgraded)
            }
        )
        var pipeline = NIOUpgradableHTTPClientPipelineConfiguration(upgradeConfiguration: upgradeConfiguration)
        pipeline.leftOverBytesStrategy = .forwardBytes
        return try channel.pipeline.syncOperations.configureUpgradableHTTPClientPipeline(configuration: pipeline)
    }

    /// A connected pair of Unix stream sockets: the server's end and the client's.
    private static func socketPair() throws -> (NIOBSDSocket.Handle, NIOBSDSocket.Handle) {
        var sockets: [Int32] = [-1, -1]
        #if canImport(Glibc)
        let type = Int32(SOCK_STREAM.rawValue)
        #else
        let type = SOCK_STREAM
        #endif
        guard socketpair(AF_UNIX, type, 0, &sockets) == 0 else {
            throw IOError(errnoCode: errno, reason: "socketpair")
        }
        return (sockets[0], sockets[1])
    }
}

/// The context swift-websocket's handler gives the in-process client's handler (its own client's is not public).
private struct InProcessWebSocketContext: WebSocketContext {
    let logger: Logger
}
