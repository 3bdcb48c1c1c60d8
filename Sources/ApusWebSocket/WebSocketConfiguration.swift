import CompressNIO
import NIOWebSocket
import WSCompression
import WSCore

/// The limits and timers of a WebSocket route. The defaults are uvicorn's.
public struct WebSocketConfiguration: Sendable {
    /// The largest message accepted, reassembled from its frames (uvicorn's `ws_max_size`, 16 MiB); a larger
    /// one closes the socket with 1009. With compression it bounds the decompressed size too.
    public var maxMessageSize: Int
    /// How often the server pings an idle client; a client that has not answered a ping when the next one is due
    /// is disconnected (uvicorn's `ws_ping_interval` and `ws_ping_timeout`, 20 s each). `nil` sends no pings.
    public var pingInterval: Duration?
    /// How long the server waits for the client's close frame after sending its own, before dropping the
    /// connection.
    public var closeTimeout: Duration
    /// Compression offered to clients that ask for it (uvicorn's `ws_per_message_deflate`, on by default);
    /// `nil` negotiates none.
    public var compression: WebSocketCompression?

    /// Creates a configuration.
    public init(
        maxMessageSize: Int = 16 * 1024 * 1024,
        pingInterval: Duration? = .seconds(20),
        closeTimeout: Duration = .seconds(10),
        compression: WebSocketCompression? = .perMessageDeflate()
    ) {
        self.maxMessageSize = maxMessageSize
        self.pingInterval = pingInterval
        self.closeTimeout = closeTimeout
        self.compression = compression
    }
}

/// The permessage-deflate extension (RFC 7692), swift-websocket's: negotiated when the client's handshake offers
/// it, then each message of at least ``minimumSizeToCompress`` bytes is sent compressed, and compressed messages
/// from the client are inflated, never past the route's ``WebSocketConfiguration/maxMessageSize``.
public struct WebSocketCompression: Sendable {
    /// The largest LZ77 window, in bits (8 to 15); `nil` accepts what the client offers.
    public var maxWindowBits: Int?
    /// Whether each message is compressed on its own (less memory per connection, less compression).
    public var noContextTakeover: Bool
    /// Messages shorter than this are sent uncompressed.
    public var minimumSizeToCompress: Int

    /// permessage-deflate with these settings.
    public static func perMessageDeflate(
        maxWindowBits: Int? = nil, noContextTakeover: Bool = false, minimumSizeToCompress: Int = 256
    ) -> WebSocketCompression {
        WebSocketCompression(
            maxWindowBits: maxWindowBits, noContextTakeover: noContextTakeover, minimumSizeToCompress: minimumSizeToCompress)
    }

    /// The extension's negotiator, inflating at most `maxMessageSize` bytes per message.
    func builder(maxMessageSize: Int) -> any WebSocketExtensionBuilder {
        WebSocketExtensionFactory.perMessageDeflate(
            maxWindow: self.maxWindowBits,
            noContextTakeover: self.noContextTakeover,
            maxDecompressedFrameSize: maxMessageSize,
            minFrameSizeToCompress: self.minimumSizeToCompress
        ).build()
    }
}

/// A negotiated extension whose inflation limit is reported as the message-size limit it is: swift-websocket
/// closes with 1011 on compress-nio's overflow error, uvicorn (and RFC 6455 §7.4.1) with 1009.
struct MessageSizeLimitedExtension: WebSocketExtension {
    let base: any WebSocketExtension

    var name: String { self.base.name }
    var reservedBits: WebSocketFrame.ReservedBits { self.base.reservedBits }

    func processReceivedFrame(_ frame: WebSocketFrame, context: WebSocketExtensionContext) async throws -> WebSocketFrame {
        do {
            return try await self.base.processReceivedFrame(frame, context: context)
        } catch let error as CompressNIOError where error == .bufferOverflow {
            // The error swift-websocket maps to 1009.
            throw NIOWebSocketError.invalidFrameLength
        }
    }

    func processFrameToSend(_ frame: WebSocketFrame, context: WebSocketExtensionContext) async throws -> WebSocketFrame {
        try await self.base.processFrameToSend(frame, context: context)
    }

    func shutdown() async {
        await self.base.shutdown()
    }
}
