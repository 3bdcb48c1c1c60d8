#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import ApusCore

/// Gives every request an id: the client's `X-Request-ID` when it is a sane token, else a new UUIDv7. The id is
/// returned in the response's `X-Request-ID`, kept in ``Request/requestID``, and bound to the request's
/// logger as `request_id`, so every line logged through `request.logger` while the request is handled carries
/// it: the handler's, its dependencies', and a failing background task's.
///
/// ```swift
/// app.use(RequestID())
/// app.get("/hello", RawRequest()) { request in
///     request.logger.info("inside_hello_handler")     // ... request_id=0193c6d2-7c1e-7a4b-9f0e-...
///     return "hi"
/// }
/// ```
///
/// A sane token is 1 to 128 characters of letters, digits and `-_.:+=/`; anything else (too long, spaces,
/// control characters, quotes) is replaced, so a client cannot forge log lines or response headers with it.
public struct RequestID: Middleware {
    /// The header read from the request and written to the response.
    public var header: HTTPField.Name
    /// The logger metadata key the id is bound to.
    public var metadataKey: String

    /// Creates the middleware. (The default header's name is a valid field name, so its initialiser cannot fail.)
    public init(header: HTTPField.Name = HTTPField.Name("x-request-id")!, metadataKey: String = "request_id") {
        self.header = header
        self.metadataKey = metadataKey
    }

    public func handle(_ request: Request, next: MiddlewareNext) async throws -> Response {
        let id = request.headers[self.header].flatMap { Self.isSane($0) ? $0 : nil } ?? Self.makeUUIDv7()
        var request = request
        request.state[RequestIDKey.self] = id
        request.logger[metadataKey: self.metadataKey] = .string(id)
        var response = try await next(request)
        response.headers[self.header] = id
        return response
    }

    /// Whether a client's id may be kept: 1 to 128 characters of letters, digits and `-_.:+=/`.
    static func isSane(_ value: String) -> Bool {
        let utf8 = value.utf8
        guard (1...128).contains(utf8.count) else { return false }
        return utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                true
            case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "+"), UInt8(ascii: "="),
                UInt8(ascii: "/"):
                true
            default:
                false
            }
        }
    }

    /// A UUIDv7 (RFC 9562 §5.7), in lowercase: 48 bits of Unix time in milliseconds, then random bits under the
    /// version and variant. Foundation's `UUID()` makes version 4 only, and no listed package makes version 7,
    /// so the sixteen bytes are put together here.
    static func makeUUIDv7(millisecondsSince1970: UInt64 = UInt64(Date().timeIntervalSince1970 * 1000)) -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 {
            bytes[index] = UInt8(truncatingIfNeeded: millisecondsSince1970 >> (8 * (5 - index)))
        }
        for index in 6..<16 {
            bytes[index] = generator.next()
        }
        bytes[6] = 0x70 | (bytes[6] & 0x0F)
        bytes[8] = 0x80 | (bytes[8] & 0x3F)
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { text.append(UInt8(ascii: "-")) }
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

/// The request's id, in its state.
enum RequestIDKey: AppStateKey {
    typealias Value = String
}

extension Request {
    /// The id ``RequestID`` gave this request (`nil` without that middleware).
    public var requestID: String? { self.state[RequestIDKey.self] }
}
