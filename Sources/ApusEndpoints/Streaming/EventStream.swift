public import ApusCore
import ApusModels

/// A Server-Sent Events response (`text/event-stream`), FastAPI's `response_class=EventSourceResponse` with a
/// generator: what a handler returns to stream events as they are made.
///
/// ```swift
/// app.get("/chat") {
///     EventStream<ServerSentEvent> { send in
///         for word in ["Hello", "from", "Apus"] {
///             try await send(ServerSentEvent(data: word))      // data: "Hello"
///             try await Task.sleep(for: .milliseconds(500))
///         }
///         try await send(ServerSentEvent(rawData: "[DONE]"))   // data: [DONE]
///     }
/// }
/// app.get("/prices") { EventStream<Price>(priceUpdates) }    // data: {"symbol":"APUS","value":1.5}
/// ```
///
/// Each element is sent as one event: a ``ServerSentEvent`` as it says, any other element as its JSON in `data:`
/// (a model as its response JSON, any other `Encodable` as JSON). The headers are FastAPI's:
/// `content-type: text/event-stream; charset=utf-8`, `cache-control: no-cache`, `x-accel-buffering: no`. When
/// the producer sends nothing for `pingInterval` (15 s, as FastAPI), the keep-alive comment `: ping` is sent, so
/// proxies do not close an idle stream. The
/// producer runs while the response is written: it waits while the client is not reading (one event ahead, as
/// FastAPI's stream of size 1), it is cancelled when the client goes away, and the request's dependencies stay
/// open until it ends. An error it throws ends the stream (logged by the server); the status is already sent.
///
/// Documented in OpenAPI as FastAPI does: `text/event-stream` with an `itemSchema` whose `data` is the
/// element's JSON schema (`contentMediaType: application/json`).
public struct EventStream<Element: Sendable>: Sendable, ResponseConvertible {
    /// Sends one element of the stream.
    public typealias Send = (Element) async throws -> Void

    /// The longest the stream stays silent before a keep-alive comment; zero or less sends none.
    public var pingInterval: Duration
    /// Extra response header fields.
    public var headers: HTTPFields
    /// The status (200 unless set).
    public var status: HTTPResponse.Status
    private let produce: @Sendable (_ send: Send) async throws -> Void

    public func response(for request: Request) throws -> Response {
        var headers = self.headers
        headers[.cacheControl] = "no-cache"
        headers[EventStreamHeaders.accelBuffering] = "no"
        let produce = self.produce
        let interval = self.pingInterval
        return .stream(mediaType: EventStreamHeaders.mediaType, status: self.status, headers: headers) { writer in
            try await EventStreamPump.run(interval: interval, into: &writer) { emit in
                try await produce { element in try await emit(try Self.wireText(of: element)) }
            }
        }
    }
}

extension EventStream {
    /// A stream of the elements `produce` sends: each ``ServerSentEvent`` as it says, any other value as the JSON
    /// of its `data:` (a model, or any other `Encodable`; a value that is neither ends the stream with
    /// ``ServerSentEventError/unencodableData(_:)``).
    public init(
        pingInterval: Duration = .seconds(15), status: HTTPResponse.Status = .ok, headers: HTTPFields = [:],
        _ produce: @escaping @Sendable (_ send: Send) async throws -> Void
    ) {
        self.pingInterval = pingInterval
        self.status = status
        self.headers = headers
        self.produce = produce
    }

    /// A stream of the elements `sequence` produces.
    public init<Elements: AsyncSequence & Sendable>(
        _ sequence: Elements, pingInterval: Duration = .seconds(15), status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]
    ) where Elements.Element == Element {
        self.init(pingInterval: pingInterval, status: status, headers: headers) { send in
            for try await element in sequence { try await send(element) }
        }
    }

    private static func wireText(of element: Element) throws -> String {
        if let event = element as? ServerSentEvent { return event.wireText }
        return try ServerSentEvent(data: element).wireText
    }
}

enum EventStreamHeaders {
    static let mediaType = "text/event-stream; charset=utf-8"
    // A valid lowercase token, so the failable initialiser cannot return nil.
    static let accelBuffering = HTTPField.Name("x-accel-buffering")!
}

/// Runs a producer beside the response writer: the producer's texts are written in order, one at a time (the
/// producer waits until the last one is written), and a keep-alive comment is written whenever nothing was
/// written for `interval`.
enum EventStreamPump {
    private enum Chunk: Sendable {
        case text(String, CheckedContinuation<Void, Never>)
        case tick
        case end((any Error)?)
    }

    static func run(
        interval: Duration, into writer: inout any ResponseBodyWriter,
        _ produce: @escaping @Sendable (_ emit: @Sendable (String) async throws -> Void) async throws -> Void
    ) async throws {
        let (chunks, sink) = AsyncStream<Chunk>.makeStream()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    try await produce { text in
                        try Task.checkCancellation()
                        await withCheckedContinuation { continuation in
                            // After the writer stopped, nothing takes the text: go on at once (and stop below).
                            if case .terminated = sink.yield(.text(text, continuation)) { continuation.resume() }
                        }
                        try Task.checkCancellation()
                    }
                    sink.yield(.end(nil))
                } catch {
                    sink.yield(.end(error))
                }
            }
            if interval > .zero {
                group.addTask {
                    while true {
                        try await Task.sleep(for: interval / 8)
                        sink.yield(.tick)
                    }
                }
            }
            var iterator = chunks.makeAsyncIterator()
            let clock = ContinuousClock()
            var lastWrite = clock.now
            defer {
                group.cancelAll()
                sink.finish()
            }
            do {
                while let chunk = await iterator.next() {
                    switch chunk {
                    case .text(let text, let written):
                        defer { written.resume() }
                        try await writer.write(ByteBuffer(string: text))
                        lastWrite = clock.now
                    case .tick:
                        guard clock.now - lastWrite >= interval else { continue }
                        try await writer.write(ByteBuffer(string: ServerSentEvent.keepAliveText))
                        lastWrite = clock.now
                    case .end(let error):
                        if let error { throw error }
                        return
                    }
                }
                // The stream ends only when this task is cancelled (the client went away).
                throw CancellationError()
            } catch {
                // A producer waiting for a text to be written goes on (and finds itself cancelled).
                sink.finish()
                while let chunk = await iterator.next() {
                    if case .text(_, let written) = chunk { written.resume() }
                }
                throw error
            }
        }
    }
}
