import ApusCore
import CompressNIO
import Testing

/// A request as the server would hand it to the app, for driving a middleware directly with any `Host` (the
/// in-process client always sends `testserver`, and a live server refuses malformed hosts before any middleware).
func makeRequest(
    _ target: String = "/r",
    method: HTTPRequest.Method = .get,
    host: String? = "example.com",
    scheme: String = "http",
    headers: HTTPFields = [:]
) -> Request {
    let head = HTTPRequest(method: method, scheme: nil, authority: host, path: target, headerFields: headers)
    return Request(HTTPServerRequest(head: head, connection: ConnectionInfo(scheme: scheme)), logger: Logger(label: "test"))
}

/// The rest of the chain for direct calls: answers `200 "app"`.
let answersApp: MiddlewareNext = { _ in .text("app") }

/// The text of a response body (streamed or not).
func text(of response: Response) async throws -> String {
    String(buffer: try await response.body.collect())
}

/// A gzip body, decompressed.
func gunzip(_ buffer: ByteBuffer) throws -> String {
    var buffer = buffer
    return String(buffer: try buffer.decompress(with: .gzip()))
}

extension HTTPField.Name {
    static let xCustom = HTTPField.Name("x-custom")!
    static let requestPrivateNetwork = HTTPField.Name("access-control-request-private-network")!
    static let allowPrivateNetwork = HTTPField.Name("access-control-allow-private-network")!
    static let xForwardedProto = HTTPField.Name("x-forwarded-proto")!
    static let xFrameOptions = HTTPField.Name("x-frame-options")!
    static let referrerPolicy = HTTPField.Name("referrer-policy")!
}
