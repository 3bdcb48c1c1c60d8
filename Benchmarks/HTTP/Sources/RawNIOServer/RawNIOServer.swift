import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import NIOPosix

// The baseline: the smallest sensible SwiftNIO HTTP/1.1 server (NIO's own pipeline helpers, one handler that
// answers /plaintext and /json). Whatever Apus costs on top of this is the price of the framework.

struct Message: Encodable {
    let message: String
}

/// The item, decoded with Foundation and checked by hand: what a bare NIO service would write.
struct Item: Codable {
    var name: String
    var price: Double
    var tags: [String] = []
    var description: String?

    enum CodingKeys: String, CodingKey {
        case name, price, tags, description
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try container.decode(String.self, forKey: .name)
        self.price = try container.decode(Double.self, forKey: .price)
        self.tags = try container.decodeIfPresent([String].self, forKey: .tags) ?? []
        self.description = try container.decodeIfPresent(String.self, forKey: .description)
    }
}

struct ItemLookup: Encodable {
    let item_id: Int
    let q: String?
}

let encoder = JSONEncoder()
let decoder = JSONDecoder()

/// The response for one request: status, content type and body.
func answer(method: HTTPMethod, uri: String, body: ByteBuffer?) -> (HTTPResponseStatus, String, ByteBuffer) {
    let json = "application/json"
    let path = uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? uri
    switch (method, path) {
    case (.GET, "/plaintext"):
        return (.ok, "text/plain; charset=utf-8", ByteBuffer(string: "Hello, World!"))
    case (.GET, "/json"):
        // Encoding is sound for this type; a failure would be a programming error in the benchmark.
        return (.ok, json, (try? encoder.encode(Message(message: "Hello, World!"))).map { ByteBuffer(bytes: $0) } ?? ByteBuffer())
    case (.POST, "/items/"):
        guard let body, let item = try? decoder.decode(Item.self, from: body), !item.name.isEmpty, item.price > 0 else {
            return (.unprocessableEntity, json, ByteBuffer(string: #"{"detail":"invalid item"}"#))
        }
        return (.ok, json, (try? encoder.encode(item)).map { ByteBuffer(bytes: $0) } ?? ByteBuffer())
    case (.GET, _) where path.hasPrefix("/items/"):
        guard let id = Int(path.dropFirst("/items/".count)) else {
            return (.unprocessableEntity, json, ByteBuffer(string: #"{"detail":"invalid item_id"}"#))
        }
        var q: String?
        if let query = uri.split(separator: "?", maxSplits: 1).dropFirst().first {
            for pair in query.split(separator: "&") where pair.hasPrefix("q=") {
                q = String(pair.dropFirst(2)).removingPercentEncoding
            }
        }
        return (.ok, json, (try? encoder.encode(ItemLookup(item_id: id, q: q))).map { ByteBuffer(bytes: $0) } ?? ByteBuffer())
    default:
        return (.notFound, json, ByteBuffer(string: #"{"detail":"Not Found"}"#))
    }
}

final class BenchmarkHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private var keepAlive = true
    private var uri = ""
    private var method = HTTPMethod.GET
    private var body: ByteBuffer?

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch self.unwrapInboundIn(data) {
        case .head(let head):
            self.keepAlive = head.isKeepAlive
            self.uri = head.uri
            self.method = head.method
            self.body = nil
        case .body(var chunk):
            if self.body == nil { self.body = chunk } else { self.body?.writeBuffer(&chunk) }
        case .end:
            let (status, contentType, body) = answer(method: self.method, uri: self.uri, body: self.body)
            var headers = HTTPHeaders()
            headers.add(name: "server", value: "raw-nio")
            headers.add(name: "content-length", value: String(body.readableBytes))
            headers.add(name: "content-type", value: contentType)
            context.write(self.wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
            context.write(self.wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
            let keepAlive = self.keepAlive
            let channel = context.channel
            context.writeAndFlush(self.wrapOutboundOut(.end(nil))).whenComplete { _ in
                if !keepAlive { channel.close(promise: nil) }
            }
        }
    }
}

let port = Int(CommandLine.arguments.dropFirst().first ?? "8080") ?? 8080
let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
    .serverChannelOption(.backlog, value: 2048)
    .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
    .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
    .childChannelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
            try channel.pipeline.syncOperations.addHandler(BenchmarkHandler())
        }
    }
    .bind(host: "127.0.0.1", port: port)
    .get()
print("raw NIO listening on \(port)")
try await channel.closeFuture.get()
