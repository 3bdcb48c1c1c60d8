import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// A TCP connection that sends exact bytes and reads what comes back, for tests where the wire itself is the
/// subject (pipelining, malformed requests, timeouts). Everything received is collected in the background.
final class RawConnection: Sendable {
    let channel: any Channel
    private final class Received: Sendable {
        let state = Mutex<(received: [UInt8], closed: Bool)>(([], false))
    }
    private let received = Received()
    private let reader: Task<Void, Never>

    init(port: Int) async throws {
        let asyncChannel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        self.channel = asyncChannel.channel
        let received = self.received
        self.reader = Task {
            do {
                try await asyncChannel.executeThenClose { inbound, _ in
                    for try await buffer in inbound {
                        received.state.withLock { $0.received += buffer.readableBytesView }
                    }
                }
            } catch {}
            received.state.withLock { $0.closed = true }
        }
    }

    deinit {
        self.reader.cancel()
    }

    func send(_ text: String) async throws {
        try await self.channel.writeAndFlush(ByteBuffer(string: text))
    }

    func close() async {
        try? await self.channel.close()
    }

    /// Everything received so far, as text.
    var text: String { self.received.state.withLock { String(decoding: $0.received, as: UTF8.self) } }

    /// Whether the server has closed the connection.
    var isClosedByPeer: Bool { self.received.state.withLock { $0.closed } }

    /// Waits until `condition(text)` holds or the peer closes; throws on timeout.
    @discardableResult
    func read(timeout: Duration = .seconds(5), until condition: (String) -> Bool) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while true {
            let (text, closed) = self.received.state.withLock { (String(decoding: $0.received, as: UTF8.self), $0.closed) }
            if condition(text) || closed { return text }
            guard ContinuousClock.now < deadline else { throw RawReadTimeout(received: text) }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Waits until the peer closes the connection.
    @discardableResult
    func readToEnd(timeout: Duration = .seconds(5)) async throws -> String {
        let text = try await self.read(timeout: timeout) { _ in false }
        guard self.isClosedByPeer else { throw RawReadTimeout(received: text) }
        return text
    }

    /// Waits until `count` complete responses have arrived.
    func readResponses(_ count: Int, timeout: Duration = .seconds(5)) async throws -> [RawResponse] {
        try await self.read(timeout: timeout) { RawResponse.parseAll($0).count >= count }
        return RawResponse.parseAll(self.text)
    }
}

struct RawReadTimeout: Error, CustomStringConvertible {
    let received: String
    var description: String { "timed out; received so far: \(self.received.debugDescription)" }
}

/// One HTTP/1.1 response parsed from raw bytes.
struct RawResponse: Equatable {
    var statusLine: String
    var headers: [(String, String)]
    var body: String

    static func == (lhs: RawResponse, rhs: RawResponse) -> Bool {
        lhs.statusLine == rhs.statusLine && lhs.body == rhs.body
            && lhs.headers.map { "\($0.0): \($0.1)" } == rhs.headers.map { "\($0.0): \($0.1)" }
    }

    var status: Int { Int(self.statusLine.split(separator: " ")[1]) ?? 0 }

    func header(_ name: String) -> String? {
        self.headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    /// Headers other than `date` and `server`, as `name: value` lines.
    var appHeaderLines: [String] {
        self.headers.filter { $0.0 != "date" && $0.0 != "server" }.map { "\($0.0): \($0.1)" }
    }

    /// Parses every complete response in `text` (bodies framed by content-length or chunked).
    static func parseAll(_ text: String) -> [RawResponse] {
        var responses: [RawResponse] = []
        var rest = Substring(text)
        while let headEnd = rest.range(of: "\r\n\r\n") {
            let headLines = rest[..<headEnd.lowerBound].components(separatedBy: "\r\n")
            var headers: [(String, String)] = []
            for line in headLines.dropFirst() {
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            }
            var response = RawResponse(statusLine: headLines[0], headers: headers, body: "")
            var afterHead = rest[headEnd.upperBound...]
            if response.status == 100 {
                rest = afterHead
                continue
            }
            if let length = response.header("content-length").flatMap(Int.init) {
                let bytes = Array(afterHead.utf8)
                guard bytes.count >= length else { return responses }
                response.body = String(decoding: bytes[..<length], as: UTF8.self)
                afterHead = Substring(String(decoding: bytes[length...], as: UTF8.self))
            } else if response.header("transfer-encoding") == "chunked" {
                var body = ""
                var complete = false
                while let lineEnd = afterHead.range(of: "\r\n") {
                    guard let size = Int(afterHead[..<lineEnd.lowerBound], radix: 16) else { return responses }
                    let chunkStart = afterHead[lineEnd.upperBound...]
                    let bytes = Array(chunkStart.utf8)
                    guard bytes.count >= size + 2 else { return responses }
                    body += String(decoding: bytes[..<size], as: UTF8.self)
                    afterHead = Substring(String(decoding: bytes[(size + 2)...], as: UTF8.self))
                    if size == 0 {
                        complete = true
                        break
                    }
                }
                guard complete else { return responses }
                response.body = body
            }
            responses.append(response)
            rest = afterHead
        }
        return responses
    }
}
