import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

// The baseline: the smallest sensible SwiftNIO HTTP/1.1 server (NIO's own pipeline helpers, one handler that
// answers /plaintext and /json). Whatever Apus costs on top of this is the price of the framework.

struct Message: Encodable {
    let message: String
}

let encoder = JSONEncoder()

final class BenchmarkHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private var keepAlive = true
    private var uri = ""

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch self.unwrapInboundIn(data) {
        case .head(let head):
            self.keepAlive = head.isKeepAlive
            self.uri = head.uri
        case .body:
            break
        case .end:
            let body: ByteBuffer
            let contentType: String
            var status = HTTPResponseStatus.ok
            switch self.uri {
            case "/plaintext":
                body = ByteBuffer(string: "Hello, World!")
                contentType = "text/plain; charset=utf-8"
            case "/json":
                // Encoding is sound for this type; a failure would be a programming error in the benchmark.
                body = (try? encoder.encode(Message(message: "Hello, World!"))).map { ByteBuffer(bytes: $0) } ?? ByteBuffer()
                contentType = "application/json"
            default:
                body = ByteBuffer(string: "{\"detail\":\"Not Found\"}")
                contentType = "application/json"
                status = .notFound
            }
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
