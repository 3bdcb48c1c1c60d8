import NIOCore
import NIOPosix
import Synchronization

/// A TCP client that sends a WebSocket handshake by hand and reads from the socket only while a test waits for
/// something (`autoRead` off): after the handshake it reads nothing, as a stalled client would. For tests where
/// the client misbehaves (never reads, never answers a ping) or where the HTTP answer itself is the subject.
final class RawWebSocketClient: Sendable {
    private let channel: any Channel
    private let received: Received

    /// What the socket delivered, filled in on the channel's event loop.
    final class Received: Sendable {
        let state = Mutex<(bytes: [UInt8], closed: Bool)>(([], false))
    }

    /// Collects what each read brings.
    private final class Collector: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        let received: Received

        init(received: Received) {
            self.received = received
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let buffer = Self.unwrapInboundIn(data)
            self.received.state.withLock { $0.bytes += buffer.readableBytesView }
        }

        func channelInactive(context: ChannelHandlerContext) {
            self.received.state.withLock { $0.closed = true }
            context.fireChannelInactive()
        }
    }

    /// The RFC 6455 §1.3 sample key and its accept value.
    static let sampleKey = "dGhlIHNhbXBsZSBub25jZQ=="
    static let sampleAccept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="

    init(port: Int) async throws {
        let received = Received()
        self.received = received
        self.channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.autoRead, value: false)
            .channelOption(.socketOption(.so_rcvbuf), value: 4096)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Collector(received: received))
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
    }

    /// Reads until `condition` holds of what arrived (or the connection closed, or 10 s passed).
    private func read(until condition: ([UInt8], Bool) -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while true {
            let (bytes, closed) = self.received.state.withLock { ($0.bytes, $0.closed) }
            if condition(bytes, closed) || closed { return }
            guard ContinuousClock.now < deadline else { throw WaitTimedOut() }
            self.channel.read()
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Sends a handshake for `path` and returns the response head (through its blank line), or everything
    /// received if the connection closed first.
    /// `following` goes in the same write, right behind the request (a client that does not wait for the 101).
    func handshake(_ path: String, headers: [String] = [], version: String = "13", following: [UInt8] = []) async throws -> String {
        var request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        request += "Sec-WebSocket-Key: \(Self.sampleKey)\r\nSec-WebSocket-Version: \(version)\r\n"
        for header in headers { request += header + "\r\n" }
        request += "\r\n"
        var buffer = ByteBuffer(string: request)
        buffer.writeBytes(following)
        try await self.channel.writeAndFlush(buffer).get()
        try await self.read { bytes, _ in Self.headEnd(of: bytes) != nil }
        return self.received.state.withLock { state in
            guard let end = Self.headEnd(of: state.bytes) else { return String(decoding: state.bytes, as: UTF8.self) }
            let head = String(decoding: state.bytes[..<end], as: UTF8.self)
            state.bytes.removeFirst(end)
            return head
        }
    }

    private static func headEnd(of bytes: [UInt8]) -> Int? {
        let marker: [UInt8] = Array("\r\n\r\n".utf8)
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4) where Array(bytes[index..<(index + 4)]) == marker {
            return index + 4
        }
        return nil
    }

    /// Reads until the server closes the connection; returns everything received after the handshake head.
    func readToEnd() async throws -> [UInt8] {
        try await self.read { _, closed in closed }
        return self.received.state.withLock { $0.bytes }
    }

    /// Reads until at least `count` bytes arrived after the handshake head (or the connection closed); returns
    /// them all.
    func read(atLeast count: Int) async throws -> [UInt8] {
        try await self.read { bytes, _ in bytes.count >= count }
        return self.received.state.withLock { $0.bytes }
    }

    func close() async {
        try? await self.channel.close()
    }
}
