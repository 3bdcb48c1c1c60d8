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
// swift-websocket's protocol handler behind the `WSInternal` SPI it offers to integrations (its own client and
// Hummingbird's server use it): the test client speaks the protocol with the same code as the server.
@_spi(WSInternal) import WSCore

/// The test client's WebSocket, built as swift-websocket's `WebSocketClient` is (NIO's client upgrader, then
/// swift-websocket's protocol handler), on a channel that either mode provides, and reporting a refused handshake
/// with the server's whole HTTP answer (``TestWebSocketDenial``), which swift-websocket's own client keeps to itself.
enum TestWebSocketClient {
    /// Opens the WebSocket on the channel `connect` makes (from the bootstrap, with the initializer it is given:
    /// a socket pair's end in process, a TCP connection live), runs `handler`, and returns the server's close frame.
    static func run(
        host: String,
        target: String,
        options: TestWebSocketOptions,
        handler: @escaping TestWebSocketHandler,
        connect: (ClientBootstrap, @escaping @Sendable (any Channel) -> EventLoopFuture<EventLoopFuture<UpgradeResult>>) async throws
            -> EventLoopFuture<UpgradeResult>
    ) async throws -> WebSocketCloseFrame? {
        let bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        let upgrade = try await connect(bootstrap) { channel in
            channel.eventLoop.makeCompletedFuture {
                try Self.configureUpgrade(on: channel, host: host, target: target, options: options)
            }
        }
        switch try await upgrade.get() {
        case .webSocket(let channel, let extensions):
            return try await WebSocketHandler.handle(
                type: .client,
                configuration: .init(
                    extensions: extensions, autoPing: .disabled, validateUTF8: false, maxFrameSize: options.maxMessageSize),
                asyncChannel: channel,
                context: TestWebSocketContext(logger: Logger(label: "apus.test.websocket")),
                handler: { inbound, outbound, _ in try await handler(inbound, outbound) }
            )
        case .denied(let response):
            throw TestWebSocketDenial(response: try await response.get())
        }
    }

    enum UpgradeResult: Sendable {
        case webSocket(NIOAsyncChannel<WebSocketFrame, WebSocketFrame>, [any WebSocketExtension])
        /// The server answered with something other than 101: its response, once the body has arrived.
        case denied(EventLoopFuture<TestResponse>)
    }

    /// NIO's HTTP client pipeline with the WebSocket upgrader and a recorder of a refusal's answer, sending the
    /// handshake for `target` to `host` with the test's header fields and extension offers.
    private static func configureUpgrade(
        on channel: any Channel, host: String, target: String, options: TestWebSocketOptions
    ) throws -> EventLoopFuture<UpgradeResult> {
        let offered = options.extensions
        let denial = channel.eventLoop.makePromise(of: TestResponse.self)
        let recorder = DenialRecorder(promise: denial)
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
        var headers = HTTPHeaders([("host", host)])
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
                channel.eventLoop.makeSucceededFuture(.denied(denial.futureResult))
            }
        )
        var pipeline = NIOUpgradableHTTPClientPipelineConfiguration(upgradeConfiguration: upgradeConfiguration)
        pipeline.leftOverBytesStrategy = .forwardBytes
        let upgrade = try channel.pipeline.syncOperations.configureUpgradableHTTPClientPipeline(configuration: pipeline)
        let decoder = try channel.pipeline.syncOperations.handler(type: ByteToMessageHandler<HTTPResponseDecoder>.self)
        try channel.pipeline.syncOperations.addHandler(recorder, position: .after(decoder))
        return upgrade
    }

    /// A connected pair of Unix stream sockets: the server's end and the client's.
    static func socketPair() throws -> (NIOBSDSocket.Handle, NIOBSDSocket.Handle) {
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

/// Keeps the response to the handshake as it passes (head, body, end) and, when it was not a switch, closes the
/// connection once it is complete (the server closes after a refusal too). At a 101 it leaves the pipeline.
private final class DenialRecorder: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias InboundOut = HTTPClientResponsePart

    private let promise: EventLoopPromise<TestResponse>
    private var head: HTTPResponseHead?
    private var body = ByteBuffer()
    private var completed = false

    init(promise: EventLoopPromise<TestResponse>) {
        self.promise = promise
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch self.unwrapInboundIn(data) {
        case .head(let head) where head.status == .switchingProtocols:
            // Switched: nothing after this is HTTP (the upgrader forwards what follows as bytes, then frames), so
            // the recorder leaves now, and there is no refusal to report.
            context.fireChannelRead(data)
            self.completed = true
            self.promise.fail(ChannelError.alreadyClosed)
            context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
            return
        case .head(let head):
            self.head = head
        case .body(var buffer):
            self.body.writeBuffer(&buffer)
        case .end:
            if let head = self.head, head.status != .switchingProtocols {
                self.complete(head)
                context.close(promise: nil)
            }
        }
        context.fireChannelRead(data)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if let head = self.head {
            self.complete(head)
        } else if !self.completed {
            self.completed = true
            self.promise.fail(ChannelError.eof)
        }
        context.fireChannelInactive()
    }

    private func complete(_ head: HTTPResponseHead) {
        guard !self.completed else { return }
        self.completed = true
        var fields = HTTPFields()
        for (name, value) in head.headers {
            if let name = HTTPField.Name(name) { fields.append(HTTPField(name: name, value: value)) }
        }
        let status = HTTPResponse.Status(code: Int(head.status.code), reasonPhrase: head.status.reasonPhrase)
        self.promise.succeed(TestResponse(status: status, headers: fields, body: self.body))
    }
}

/// The context swift-websocket's handler gives the test client's handler (its own client's is not public).
private struct TestWebSocketContext: WebSocketContext {
    let logger: Logger
}

extension InProcessTransport {
    /// A WebSocket with no listener: the server's own connection code (HTTP parsing, the upgrade, the WebSocket
    /// session) serves one end of a Unix socket pair, the test client the other.
    func webSocket(
        target: String, options: TestWebSocketOptions, handler: @escaping TestWebSocketHandler
    ) async throws -> WebSocketCloseFrame? {
        let (serverSocket, clientSocket) = try TestWebSocketClient.socketPair()
        let server = HTTPServer(configuration: ServerConfiguration(accessLog: false), responder: self.responder, logger: self.logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.serveConnectedSocket(serverSocket) }
            let close: Result<WebSocketCloseFrame?, any Error>
            do {
                close = .success(
                    try await TestWebSocketClient.run(host: "testserver", target: target, options: options, handler: handler) {
                        bootstrap, initializer in
                        try await bootstrap.withConnectedSocket(clientSocket, channelInitializer: initializer)
                    })
            } catch {
                close = .failure(error)
            }
            // The client's channel is closed by now (the protocol handler closes it, and so does a refusal), so
            // the server's side reads its end and finishes.
            try await group.waitForAll()
            return try close.get()
        }
    }
}

extension LiveTransport {
    /// A WebSocket over the live server's loopback port.
    func webSocket(
        target: String, options: TestWebSocketOptions, handler: @escaping TestWebSocketHandler
    ) async throws -> WebSocketCloseFrame? {
        try await TestWebSocketClient.run(host: "127.0.0.1:\(self.port)", target: target, options: options, handler: handler) {
            bootstrap, initializer in
            try await bootstrap.connect(host: "127.0.0.1", port: self.port, channelInitializer: initializer)
        }
    }
}
