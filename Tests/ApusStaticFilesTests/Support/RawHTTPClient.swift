import Foundation
import NIOCore
import NIOPosix

/// A response read off a socket as bytes: status, header fields in order, body (chunked framing removed).
struct RawHTTPResponse {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    /// The first field named `name` (any case).
    func header(_ name: String) -> String? {
        self.headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// An HTTP/1.1 client that sends the request target exactly as given (AsyncHTTPClient, like any URL library,
/// would normalise `..`, `%2e` or `//` before sending, which is what the traversal corpus must not have done for
/// it), one request per connection.
enum RawHTTPClient {
    struct MalformedResponse: Error {}

    /// Sends `method target` with `headers` (plus `Host: testserver` and `Connection: close`) and reads the whole
    /// response.
    static func send(port: Int, method: String, target: [UInt8], headers: [(String, String)] = []) async throws -> RawHTTPResponse {
        var received: [UInt8] = []
        try await self.exchange(port: port, method: method, target: target, headers: headers) { buffer in
            received += buffer.readableBytesView
        }
        return try self.parse(received, method: method)
    }

    /// Sends a GET and counts the body's bytes as they arrive, holding none of them: for files larger than memory
    /// should hold. Returns the status and the body's length (bytes after the head).
    static func countBody(port: Int, target: String) async throws -> (status: Int, contentLength: Int?, bodyBytes: Int) {
        var head: [UInt8] = []
        var headEnd: Int?
        var bodyBytes = 0
        try await self.exchange(port: port, method: "GET", target: Array(target.utf8), headers: []) { buffer in
            if headEnd != nil {
                bodyBytes += buffer.readableBytes
                return
            }
            head += buffer.readableBytesView
            if let end = Self.headEnd(head) {
                headEnd = end
                bodyBytes = head.count - end
                head.removeSubrange(end...)
            }
        }
        let response = try self.parse(head, method: "HEAD")
        return (response.status, response.header("content-length").flatMap { Int($0) }, bodyBytes)
    }

    private static func exchange(
        port: Int,
        method: String,
        target: [UInt8],
        headers: [(String, String)],
        _ receive: (ByteBuffer) -> Void
    ) async throws {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        var request: [UInt8] = Array("\(method) ".utf8) + target + Array(" HTTP/1.1\r\nHost: testserver\r\n".utf8)
        for (name, value) in headers {
            request += Array("\(name): \(value)\r\n".utf8)
        }
        request += Array("Connection: close\r\n\r\n".utf8)
        try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(bytes: request))
            for try await buffer in inbound {
                receive(buffer)
            }
        }
    }

    private static func headEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4)
        where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
            return index + 4
        }
        return nil
    }

    private static func parse(_ bytes: [UInt8], method: String) throws -> RawHTTPResponse {
        guard let end = self.headEnd(bytes) else { throw MalformedResponse() }
        let lines = String(decoding: bytes[..<(end - 4)], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw MalformedResponse() }
        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        var body = Array(bytes[min(end, bytes.count)...])
        if headers.contains(where: { $0.name.lowercased() == "transfer-encoding" && $0.value.lowercased() == "chunked" }) {
            body = try self.dechunk(body)
        }
        return RawHTTPResponse(status: status, headers: headers, body: method == "HEAD" ? [] : body)
    }

    private static func dechunk(_ bytes: [UInt8]) throws -> [UInt8] {
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            guard let lineEnd = (index..<(bytes.count - 1)).first(where: { bytes[$0] == 13 && bytes[$0 + 1] == 10 }),
                let size = Int(String(decoding: bytes[index..<lineEnd], as: UTF8.self).split(separator: ";")[0], radix: 16)
            else { throw MalformedResponse() }
            if size == 0 { break }
            let start = lineEnd + 2
            guard start + size <= bytes.count else { throw MalformedResponse() }
            output += bytes[start..<(start + size)]
            index = start + size + 2
        }
        return output
    }
}
