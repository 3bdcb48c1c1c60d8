#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import ApusCore

/// A response as a test sees it: status, headers and the whole body.
public struct TestResponse: Sendable {
    /// The status.
    public var status: HTTPResponse.Status
    /// The header fields, in the order they were sent (in process: as the app built them, with `content-length`
    /// settled the way the server settles it).
    public var headers: HTTPFields
    /// The body (empty for HEAD).
    public var body: ByteBuffer

    /// Creates a response.
    public init(status: HTTPResponse.Status, headers: HTTPFields, body: ByteBuffer) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The body as UTF-8 text.
    public var text: String { String(buffer: self.body) }

    /// The value of header `name` (any case), several fields joined with `, `.
    public func header(_ name: String) -> String? {
        HTTPField.Name(name).flatMap { self.headers[$0] }
    }

    /// Every header as `name: value` lines, lowercased names, in order: for comparing with wire dumps.
    public var headerLines: [String] {
        self.headers.map { "\($0.name.canonicalName): \($0.value)" }
    }

    /// The body decoded from JSON.
    public func json<Value: Decodable>(_ type: Value.Type = Value.self) throws -> Value {
        try JSONDecoder().decode(type, from: Data(self.body.readableBytesView))
    }
}
