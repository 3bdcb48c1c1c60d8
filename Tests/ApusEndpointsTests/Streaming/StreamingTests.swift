import Apus
import ApusOpenAPI
import ApusTesting
import Foundation
import Synchronization
import Testing

@Schema
struct StreamItem {
    var name: String
    var price: Double
}

/// Server-Sent Events and JSON Lines: byte for byte FastAPI 0.163's streams (its own app, run through ASGI by
/// fastapi_streams.py; see `fastAPI()`), the keep-alive ping, event validation, the producer's life (real sockets: chunks as they
/// are made, cancelled when the client goes away, dependencies open until the end) and the documents.
@Suite struct StreamingTests {
    /// The routes of fastapi_streams.py.
    static func app() -> App {
        let app = App()
        app.get("/sse") {
            EventStream<StreamItem> { send in
                try await send(StreamItem(name: "a", price: 1.0))
                try await send(StreamItem(name: "b", price: 2.5))
            }
        }
        app.get("/events") {
            EventStream<ServerSentEvent> { send in
                try await send(
                    ServerSentEvent(data: StreamItem(name: "x", price: 1.5), event: "upd", id: "7", retry: 1000, comment: "hi\nthere"))
                try await send(ServerSentEvent(rawData: "line1\nline2\r\nline3\rline4\r\r\nend"))
                try await send(ServerSentEvent(data: "plain string"))
                try await send(ServerSentEvent(comment: "only a comment"))
                try await send(ServerSentEvent(data: StreamItem(name: "é ✓ \"q\"", price: 0.1), id: ""))
                try await send(ServerSentEvent(rawData: "[DONE]"))
            }
        }
        app.get("/strings") {
            EventStream<String> { send in
                try await send("plain string")
                try await send("two\nlines")
            }
        }
        app.get("/jsonl") {
            JSONLines<StreamItem> { send in
                try await send(StreamItem(name: "a", price: 1.0))
                try await send(StreamItem(name: "b", price: 2.5))
            }
        }
        return app
    }

    struct FastAPIStream: Decodable {
        var status: Int
        var headers: [String: String?]
        var body: String
    }

    /// FastAPI's answers and documents: fastapi_streams.json, which fastapi_streams.py printed. With
    /// `APUS_STREAM_PROOFS=1` (its own step in .ci/run) the script runs now, against FastAPI itself, and must print
    /// exactly the committed file, so the file cannot drift from FastAPI; beside the whole parallel suite the
    /// Python run is left out, because on two cores its CPU starved the suite's timing tests.
    static func fastAPI() async throws -> (streams: [String: FastAPIStream], document: [String: Any]) {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        let data = try Data(contentsOf: directory.appendingPathComponent("fastapi_streams.json"))
        if ProcessInfo.processInfo.environment["APUS_STREAM_PROOFS"] == "1" {
            let script = try String(contentsOf: directory.appendingPathComponent("fastapi_streams.py"), encoding: .utf8)
            let requirements = try TestPython.requirements(inFile: directory.appendingPathComponent("requirements.txt").path)
            let live = Data(try await TestPython.run(script, requirements: requirements).utf8)
            #expect(
                try Self.canonical(try JSONSerialization.jsonObject(with: live))
                    == Self.canonical(try JSONSerialization.jsonObject(with: data)))
        }
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var streams: [String: FastAPIStream] = [:]
        for path in ["/sse", "/events", "/strings", "/jsonl"] {
            let object = try #require(document[path])
            streams[path] = try JSONDecoder().decode(FastAPIStream.self, from: try JSONSerialization.data(withJSONObject: object))
        }
        return (streams, document)
    }

    @Test func streamsAreFastAPIsBytesAndHeaders() async throws {
        let fastAPI = try await Self.fastAPI().streams
        try await Self.app().test(.inProcess) { client async throws in
            for path in ["/sse", "/events", "/strings", "/jsonl"] {
                let expected = try #require(fastAPI[path])
                let response = try await client.get(path)
                #expect(Int(response.status.code) == expected.status, "\(path)")
                #expect(response.text == String(decoding: try #require(Data(base64Encoded: expected.body)), as: UTF8.self), "\(path)")
                for (name, value) in expected.headers {
                    #expect(response.headers[HTTPField.Name(name)!] == value, "\(path) \(name)")
                }
            }
        }
    }

    @Test func streamsAreDocumentedWithFastAPIsItemSchemas() async throws {
        let fastAPI = try await Self.fastAPI().document
        let expected = try #require(fastAPI["responses"] as? [String: Any])
        let app = Self.app()
        let document = OpenAPIDocumentBuilder().json(for: try app.routes())
        let paths = try #require(document["paths"]?.objectValue)
        for path in ["/sse", "/events", "/jsonl", "/strings"] {
            let ours = try #require(paths[path]?.objectValue?["get"]?.objectValue?["responses"]?.objectValue?["200"])
            var theirs = try #require(expected[path] as? [String: Any])
            if path == "/strings" {
                // Known: Pydantic titles a bare `str` item after the route ("Streamitem Strings Strings Get").
                theirs = Self.removingKey("title", from: theirs) as? [String: Any] ?? theirs
            }
            #expect(try Self.canonical(ours.jsonString) == Self.canonical(theirs), "\(path)")
        }
        let component = try #require(document["components"]?.objectValue?["schemas"]?.objectValue?["StreamItem"])
        #expect(try Self.canonical(component.jsonString) == Self.canonical(try #require(fastAPI["components"])))
    }

    @Test func anIdleStreamSendsTheKeepAliveComment() async throws {
        let app = App()
        app.get("/slow") {
            EventStream<String>(pingInterval: .milliseconds(100)) { send in
                try await send("first")
                try await Task.sleep(for: .milliseconds(450))
                try await send("second")
            }
        }
        try await app.test(.inProcess) { client async throws in
            let text = try await client.get("/slow").text
            // The events in order, with pings only where the stream was idle: in the 450 ms gap (at least two at
            // 100 ms), and on a loaded machine perhaps one more before the stream's end is seen.
            #expect(text.replacingOccurrences(of: ": ping\n\n", with: "") == "data: \"first\"\n\ndata: \"second\"\n\n")
            let gap = try #require(text.components(separatedBy: "data: \"second\"").first)
            let pings = gap.components(separatedBy: ": ping\n\n").count - 1
            #expect(gap.hasPrefix("data: \"first\"\n\n: ping\n\n"))
            #expect(pings >= 2, "\(pings) pings in \(text.debugDescription)")
        }
    }

    @Test func aZeroPingIntervalSendsNoPing() async throws {
        let app = App()
        app.get("/quiet") {
            EventStream<String>(pingInterval: .zero) { send in
                try await send("first")
                try await Task.sleep(for: .milliseconds(100))
                try await send("second")
            }
        }
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/quiet").text == "data: \"first\"\n\ndata: \"second\"\n\n")
        }
    }

    @Test func aBusyStreamSendsNoPing() async throws {
        let app = App()
        app.get("/busy") {
            // Far longer than 50 sends take even on a loaded machine.
            EventStream<Int>(pingInterval: .seconds(10)) { send in
                for index in 0..<50 { try await send(index) }
            }
        }
        try await app.test(.inProcess) { client async throws in
            let text = try await client.get("/busy").text
            #expect(!text.contains(": ping"))
            #expect(text == (0..<50).map { "data: \($0)\n\n" }.joined())
        }
    }

    @Test(arguments: [
        (#"try ServerSentEvent(event: "a\nb")"#, ServerSentEventError.multiLine(field: "event")),
        (#"try ServerSentEvent(id: "a\rb")"#, .multiLine(field: "id")),
        (#"try ServerSentEvent(id: "a\0b")"#, .nulInID),
        (#"try ServerSentEvent(retry: -1)"#, .negativeRetry(-1)),
    ])
    func eventsWithFieldsTheWireCannotCarryAreRefused(_ label: String, expected: ServerSentEventError) throws {
        let made: () throws -> ServerSentEvent =
            switch expected {
            case .multiLine(field: "event"): { try ServerSentEvent(event: "a\nb") }
            case .multiLine: { try ServerSentEvent(id: "a\rb") }
            case .nulInID: { try ServerSentEvent(id: "a\0b") }
            default: { try ServerSentEvent(retry: -1) }
            }
        #expect(throws: expected, "\(label)") { try made() }
        #expect(expected.description.hasPrefix("SSE '"))
    }

    @Test func aProducerErrorEndsTheStreamAfterWhatItSent() async throws {
        struct Broken: Error {}
        let app = App()
        app.get("/broken") {
            EventStream<Int> { send in
                try await send(1)
                throw Broken()
            }
        }
        try await app.test(.live) { client async throws in
            let response = try await client.stream(.get, "/broken")
            #expect(response.status == .ok)
            var received = ""
            do {
                for try await buffer in response.body { received += String(buffer: buffer) }
            } catch {
                // The server ends the chunked body without its last chunk: the client sees the cut.
            }
            #expect(received == "data: 1\n\n")
        }
    }

    /// The seed's chat stream over a real socket: four events 0.5 s apart, each read as it is made.
    @Test func eventsReachARealClientAsTheyAreMade() async throws {
        let app = App()
        app.get("/chat") {
            EventStream<String> { send in
                for (index, word) in ["Hello", "from", "the", "stream"].enumerated() {
                    if index > 0 { try await Task.sleep(for: .milliseconds(500)) }
                    try await send(word)
                }
            }
        }
        try await app.test(.live) { client async throws in
            let response = try await client.stream(.get, "/chat")
            let clock = ContinuousClock()
            var arrivals: [ContinuousClock.Instant] = []
            var text = ""
            for try await buffer in response.body {
                text += String(buffer: buffer)
                arrivals.append(clock.now)
            }
            #expect(text == #"data: "Hello"\#n\#ndata: "from"\#n\#ndata: "the"\#n\#ndata: "stream"\#n\#n"#)
            let first = try #require(arrivals.first)
            let last = try #require(arrivals.last)
            #expect(last - first >= .seconds(1), "first chunk at \(first), last at \(last)")
        }
    }

    /// When the client goes away, the producer (a token stream, an event every 20 ms) is cancelled within 100 ms,
    /// and the request's dependency is cleaned up after it: dependencies stay open until the stream ends. As with
    /// FastAPI under uvicorn, the server learns that the client left when it writes; an idle stream learns it at
    /// its next keep-alive ping.
    @Test func aClientThatGoesAwayCancelsTheProducerAndTheDependencyClosesAfterIt() async throws {
        let log = StreamLog()
        StreamLogDependency.current.withLock { $0 = log }
        let app = App()
        app.get("/forever", Depends<StreamLogDependency>()) { dependency in
            EventStream<Int> { send in
                dependency.log.record("started")
                do {
                    for index in 1... {
                        try await send(index)
                        try await Task.sleep(for: .milliseconds(20))
                    }
                } catch {
                    dependency.log.record("cancelled")
                    throw error
                }
            }
        }
        try await app.test(.live) { client async throws in
            // A raw socket, so that closing it is a close the server sees at once (no client connection pool).
            let socket = try LoopbackSocket(port: try #require(client.port))
            try socket.send("GET /forever HTTP/1.1\r\nHost: x\r\n\r\n")
            let head = try socket.read(until: "data: 1\n\n")
            #expect(head.hasPrefix("HTTP/1.1 200 OK"))
            let closed = ContinuousClock.now
            socket.close()
            for _ in 0..<300 where !log.entries.contains("closed") {
                try await Task.sleep(for: .milliseconds(10))
            }
            let cancelledAt = try #require(log.time(of: "cancelled"))
            // The 100 ms proof runs alone in .ci/run (APUS_STREAM_PROOFS=1); beside the whole parallel suite
            // on two cores the bound is 1 s, which still fails if only the next keep-alive ping noticed.
            let bound: Duration =
                ProcessInfo.processInfo.environment["APUS_STREAM_PROOFS"] == "1" ? .milliseconds(100) : .seconds(1)
            #expect(cancelledAt - closed < bound, "cancelled \(cancelledAt - closed) after the client left")
            #expect(log.entries == ["opened", "started", "cancelled", "closed"])
        }
    }

    /// The README's resumable stream: a reconnecting browser sends the last id it saw as `Last-Event-ID`.
    @Test func aReconnectingClientResumesAfterItsLastEventID() async throws {
        let words = ["Hello", "from", "Apus"]
        let app = App()
        app.get("/chat", Header<String?>("last-event-id")) { lastEventID in
            let start = lastEventID.flatMap { Int($0) }.map { $0 + 1 } ?? 0
            return EventStream<ServerSentEvent> { send in
                for index in start..<words.count {
                    try await send(ServerSentEvent(data: words[index], id: String(index)))
                }
                try await send(ServerSentEvent(rawData: "[DONE]"))
            }
        }
        try await app.test(.inProcess) { client async throws in
            #expect(
                try await client.get("/chat").text
                    == "data: \"Hello\"\nid: 0\n\ndata: \"from\"\nid: 1\n\ndata: \"Apus\"\nid: 2\n\ndata: [DONE]\n\n")
            let resumed = try await client.get("/chat", headers: [HTTPField.Name("last-event-id")!: "1"])
            #expect(resumed.text == "data: \"Apus\"\nid: 2\n\ndata: [DONE]\n\n")
        }
    }

    @Test func jsonLinesOfAnAsyncSequence() async throws {
        let app = App()
        app.get("/numbers") {
            JSONLines(
                AsyncStream<Int> { continuation in
                    for number in 1...3 { continuation.yield(number) }
                    continuation.finish()
                })
        }
        try await app.test(.inProcess) { client async throws in
            let response = try await client.get("/numbers")
            #expect(response.text == "1\n2\n3\n")
            #expect(response.headers[.contentType] == "application/jsonl")
        }
    }

    // MARK: - Helpers

    static func canonical(_ json: String) throws -> String {
        try Self.canonical(try JSONSerialization.jsonObject(with: Data(json.utf8)))
    }

    static func canonical(_ object: Any) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    static func removingKey(_ key: String, from object: Any) -> Any {
        if let dictionary = object as? [String: Any] {
            return dictionary.filter { $0.key != key }.mapValues { Self.removingKey(key, from: $0) }
        }
        if let array = object as? [Any] { return array.map { Self.removingKey(key, from: $0) } }
        return object
    }
}

/// What the disconnect test observed, with times.
final class StreamLog: Sendable {
    private let state = Mutex<[(String, ContinuousClock.Instant)]>([])
    func record(_ entry: String) { self.state.withLock { $0.append((entry, .now)) } }
    var entries: [String] { self.state.withLock { $0.map(\.0) } }
    func time(of entry: String) -> ContinuousClock.Instant? { self.state.withLock { $0.first { $0.0 == entry }?.1 } }
}

/// A request-scoped dependency whose cleanup is logged.
struct StreamLogDependency: Dependency {
    static let current = Mutex(StreamLog())
    let log: StreamLog
    static let provider = DependencyProvider(
        make: {
            let log = StreamLogDependency.current.withLock { $0 }
            log.record("opened")
            return StreamLogDependency(log: log)
        },
        cleanup: { dependency in dependency.log.record("closed") })
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A blocking TCP client socket on loopback, for a test that must close its connection itself.
final class LoopbackSocket {
    private var descriptor: Int32

    init(port: Int) throws {
        #if canImport(Glibc)
        self.descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        self.descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(self.descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard self.descriptor >= 0, connected == 0 else { throw POSIXError(.ECONNREFUSED) }
    }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        guard bytes.withUnsafeBytes({ Glibc.send(self.descriptor, $0.baseAddress, $0.count, 0) }) == bytes.count else {
            throw POSIXError(.EIO)
        }
    }

    /// Reads until the text received contains `marker` (or the peer closes).
    func read(until marker: String) throws -> String {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !String(decoding: received, as: UTF8.self).contains(marker) {
            let count = buffer.withUnsafeMutableBytes { recv(self.descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            received += buffer[0..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }

    func close() {
        if self.descriptor >= 0 { _ = Glibc.close(self.descriptor) }
        self.descriptor = -1
    }

    deinit { self.close() }
}
