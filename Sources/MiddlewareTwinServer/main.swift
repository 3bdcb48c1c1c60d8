// The Apus side of the middleware proofs (Tests/Middleware): one app whose first path segment picks a middleware
// configuration, answered the same way as Tests/Middleware/starlette_twin.py answers with Starlette's own
// middlewares. `PORT` sets the port (8011 by default).
import ApusCore
import ApusMiddleware

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Runs the middleware configured for the request's first path segment around the rest of the app, the first of
/// each list outermost (as Starlette's `middleware=[...]` list is).
struct ConfigurationDispatch: Middleware {
    let configurations: [String: [any Middleware]]

    func handle(_ request: Request, next: MiddlewareNext) async throws -> Response {
        let segment = request.rawPath.split(separator: "/", maxSplits: 1).first.map(String.init) ?? ""
        return try await Self.run(self.configurations[segment]?[...] ?? [], request, next)
    }

    private static func run(_ stack: ArraySlice<any Middleware>, _ request: Request, _ next: MiddlewareNext) async throws -> Response {
        guard let first = stack.first else { return try await next(request) }
        return try await first.handle(request) { request in try await run(stack.dropFirst(), request, next) }
    }
}

struct Boom: Error {}

/// The body of `/big-stream`: byte `i` of the stream is `i % 251`, sent in 64 KiB slices of one buffer built once.
enum BigStream {
    static let chunkSize = 64 * 1024
    static let period: ByteBuffer = {
        var buffer = ByteBuffer()
        buffer.writeBytes((0..<(chunkSize + 251)).map { UInt8($0 % 251) })
        return buffer
    }()

    static func body(size: Int) -> ResponseBody {
        ResponseBody { writer in
            var offset = 0
            while offset < size {
                let length = min(chunkSize, size - offset)
                // `offset % 251 + length` is at most 250 + chunkSize, inside the period buffer.
                if let slice = period.getSlice(at: offset % 251, length: length) {
                    try await writer.write(slice)
                }
                offset += length
            }
        }
    }
}

let origins = ["https://a.com"]
let configurations: [String: [any Middleware]] = [
    "cors": [
        CORS(
            allowOrigins: origins, allowMethods: ["GET", "POST"], allowHeaders: ["X-Custom"], allowCredentials: true,
            exposeHeaders: ["X-Exp"], maxAge: 100)
    ],
    "cors-default": [CORS()],
    "cors-all": [CORS(allowOrigins: ["*"], allowMethods: ["*"], allowHeaders: ["*"])],
    "cors-all-cred": [CORS(allowOrigins: ["*"], allowMethods: ["*"], allowHeaders: ["*"], allowCredentials: true)],
    "cors-regex": [CORS(allowOriginRegex: try Regex(#"https://.*\.example\.org"#))],
    "cors-pn": [CORS(allowOrigins: origins, allowPrivateNetwork: true)],
    "cors-browser": [CORS(allowCredentials: true, allowOriginRegex: try Regex("http://localhost:[0-9]+"))],
    "gzip": [GZip()],
    "host": [try TrustedHost(allowedHosts: ["example.com", "*.example.org", "www.example.net"])],
    "host-nowww": [try TrustedHost(allowedHosts: ["www.example.net"], wwwRedirect: false)],
    "https": [HTTPSRedirect()],
    "stack": [CORS(allowOrigins: ["*"]), try TrustedHost(allowedHosts: ["good.com"]), GZip()],
]

let app = App()
app.use(ConfigurationDispatch(configurations: configurations))

let small = "small body"
let big = String(repeating: "Apus and Starlette compress this text the same way. ", count: 40)

app.get("/{configuration}/r") { _ in Response.text("ok", headers: [.init("x-exp")!: "1"]) }
app.post("/{configuration}/r") { _ in Response.text("posted") }
app.get("/{configuration}/small") { _ in Response.text(small) }
app.get("/{configuration}/big") { _ in Response.text(big) }
app.get("/{configuration}/png") { _ in Response.bytes(ByteBuffer(string: big), mediaType: "image/png") }
app.get("/{configuration}/grpc") { _ in Response.bytes(ByteBuffer(string: big), mediaType: "application/grpc+proto") }
app.get("/{configuration}/encoded") { _ in Response.text(big, headers: [.contentEncoding: "identity"]) }
app.get("/{configuration}/vary") { _ in Response.text(big, headers: [.vary: "X-Tenant"]) }
app.get("/{configuration}/partial") { _ in Response.text(big, status: .partialContent) }
app.get("/{configuration}/stream") { _ in
    Response.stream(mediaType: "text/plain; charset=utf-8") { writer in
        for index in 0..<5 {
            try await writer.write(ByteBuffer(string: "chunk \(index) " + big))
        }
    }
}
app.get("/{configuration}/stream-small") { _ in
    Response.stream(mediaType: "text/plain; charset=utf-8") { writer in try await writer.write(ByteBuffer(string: small)) }
}
app.get("/{configuration}/boom") { _ -> Response in throw Boom() }
app.get("/{configuration}/big-stream") { request in
    Response(
        status: .ok,
        headers: [.contentType: "application/octet-stream"],
        body: BigStream.body(size: request.query["size"].flatMap { Int($0) } ?? 100 * 1024 * 1024)
    )
}
app.get("/page") { request in
    // The Chromium check's page: served from one origin, it fetches another (see cors_500_chromium.py).
    Response.html("<!doctype html><title>CORS 500</title><p>cors check</p>")
}

let environment = ProcessInfo.processInfo.environment
await app.runOrExit(
    configuration: ServerConfiguration(port: environment["PORT"].flatMap { Int($0) } ?? 8011, accessLog: false)
)
