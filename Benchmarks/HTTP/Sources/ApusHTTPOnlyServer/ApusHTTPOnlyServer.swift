import ApusHTTP
import Foundation
import HTTPTypes
import NIOCore
import ServiceLifecycle

// Apus's server layer alone, with a hand-written responder: separates the server's cost from the application
// core's when reading the benchmark.

struct Message: Encodable {
    let message: String
}

struct MinimalResponder: HTTPResponder {
    let encoder = JSONEncoder()

    func respond(to request: HTTPServerRequest) async throws -> Response {
        switch request.head.path {
        case "/plaintext":
            return Response(
                headers: [.contentLength: "13", .contentType: "text/plain; charset=utf-8"],
                body: ResponseBody(string: "Hello, World!")
            )
        case "/json":
            let bytes = try self.encoder.encode(Message(message: "Hello, World!"))
            return Response(headers: [.contentLength: "0", .contentType: "application/json"], body: ResponseBody(bytes: bytes))
        default:
            return Response(status: .notFound, headers: [.contentLength: "0"])
        }
    }
}

@main
struct ApusHTTPOnlyServer {
    static func main() async throws {
        let port = Int(CommandLine.arguments.dropFirst().first ?? "8080") ?? 8080
        let server = HTTPServer(
            configuration: ServerConfiguration(host: "127.0.0.1", port: port, accessLog: false),
            responder: MinimalResponder()
        )
        try await ServiceGroup(services: [server], gracefulShutdownSignals: [.sigterm], logger: .init(label: "bench")).run()
    }
}
