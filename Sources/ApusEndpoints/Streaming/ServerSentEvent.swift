import ApusCore
import ApusModels

/// One event of a Server-Sent Events stream (`text/event-stream`), FastAPI's `ServerSentEvent`: what an
/// ``EventStream`` of events sends, field for field as FastAPI 0.135+ writes it.
///
/// ```swift
/// try ServerSentEvent(data: item, event: "update", id: "7", retry: 1000, comment: "hi")
/// // : hi\nevent: update\ndata: {"name":"a","price":1.0}\nid: 7\nretry: 1000\n\n
/// try ServerSentEvent(rawData: "[DONE]")          // data: [DONE]
/// ```
///
/// `data` is always JSON (a `String` is sent quoted: `data: "hello"`), a model as its response JSON; `rawData` is
/// sent as it is. Multi-line data and comments become one `data:` (or `:`) line per line, split at `\n`, `\r\n`
/// and `\r`. `event` and `id` must be single lines and `id` has no NUL, as the SSE specification needs; the
/// initialiser refuses anything else.
public struct ServerSentEvent: Sendable, Hashable {
    /// The `data` field's text: JSON for `data:`, as given for `rawData:`; `nil` for an event without data.
    public let dataText: String?
    /// The event type (`event:`); a browser dispatches on it instead of `message`.
    public let event: String?
    /// The event id (`id:`), sent back by a reconnecting browser as `Last-Event-ID`.
    public let id: String?
    /// How long a browser waits before reconnecting, in milliseconds (`retry:`).
    public let retry: Int?
    /// A comment (`: ...` lines), ignored by browsers.
    public let comment: String?

    /// An event whose data is `data` as JSON (a model as its response JSON, any other `Encodable` as
    /// Starlette writes it), or no data when `data` is `nil`; a value that is neither is refused.
    public init(
        data: (some Sendable)? = String?.none, event: String? = nil, id: String? = nil, retry: Int? = nil,
        comment: String? = nil
    ) throws(ServerSentEventError) {
        var dataText: String?
        if let data { dataText = try StreamItemJSON.text(of: data) }
        try self.init(dataText: dataText, event: event, id: id, retry: retry, comment: comment)
    }

    /// An event whose data is `rawData` as it is (pre-formatted text, `[DONE]`), not JSON.
    public init(
        rawData: String, event: String? = nil, id: String? = nil, retry: Int? = nil, comment: String? = nil
    )
        throws(ServerSentEventError)
    {
        try self.init(dataText: rawData, event: event, id: id, retry: retry, comment: comment)
    }

    private init(dataText: String?, event: String?, id: String?, retry: Int?, comment: String?) throws(ServerSentEventError) {
        if let event, event.utf8.contains(where: Self.isLineBreak) { throw .multiLine(field: "event") }
        if let id {
            if id.utf8.contains(0) { throw .nulInID }
            if id.utf8.contains(where: Self.isLineBreak) { throw .multiLine(field: "id") }
        }
        if let retry, retry < 0 { throw .negativeRetry(retry) }
        self.dataText = dataText
        self.event = event
        self.id = id
        self.retry = retry
        self.comment = comment
    }

    /// The event on the wire: comment lines, `event`, data lines, `id`, `retry` (FastAPI's order), then the
    /// blank line that ends it.
    public var wireText: String {
        var lines: [String] = []
        if let comment { lines += Self.lines(of: comment).map { ": " + $0 } }
        if let event { lines.append("event: " + event) }
        if let dataText { lines += Self.lines(of: dataText).map { "data: " + $0 } }
        if let id { lines.append("id: " + id) }
        if let retry { lines.append("retry: \(retry)") }
        return lines.map { $0 + "\n" }.joined() + "\n"
    }

    /// The keep-alive comment sent when a stream has been idle for its ping interval.
    public static let keepAliveText = ": ping\n\n"

    /// `text` split at the SSE line terminators (`\r\n`, `\r`, `\n`), keeping empty lines. One pass.
    static func lines(of text: String) -> [String] {
        var lines: [String] = []
        var current: [UInt8] = []
        var previousWasCR = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\n"), previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = byte == UInt8(ascii: "\r")
            if Self.isLineBreak(byte) {
                lines.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            } else {
                current.append(byte)
            }
        }
        lines.append(String(decoding: current, as: UTF8.self))
        return lines
    }

    private static func isLineBreak(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }
}

/// Why a ``ServerSentEvent`` could not be made.
public enum ServerSentEventError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `event` or `id` has a line break.
    case multiLine(field: String)
    /// `id` has a NUL character.
    case nulInID
    /// `retry` is negative.
    case negativeRetry(Int)
    /// `data` could not be encoded as JSON.
    case unencodableData(String)

    public var description: String {
        switch self {
        case .multiLine(let field): "SSE '\(field)' must be a single line"
        case .nulInID: "SSE 'id' must not contain null characters"
        case .negativeRetry(let retry): "SSE 'retry' must be at least 0, not \(retry)"
        case .unencodableData(let reason): "SSE 'data' could not be encoded as JSON: \(reason)"
        }
    }
}

/// The JSON of a streamed item: a model (``SchemaValue``) as its response JSON (Pydantic's
/// `model_dump_json`), any other `Encodable` as ``OrderedJSONEncoder`` writes it.
enum StreamItemJSON {
    static func bytes(of item: some Sendable) throws(ServerSentEventError) -> [UInt8] {
        if let model = item as? any SchemaValue {
            return model.jsonBytes()
        }
        guard let encodable = item as? any Encodable else {
            throw .unencodableData("\(type(of: item)) is neither a model (SchemaValue) nor Encodable")
        }
        do {
            return Array(try OrderedJSONEncoder.encode(encodable).readableBytesView)
        } catch {
            throw .unencodableData(String(describing: error))
        }
    }

    static func text(of item: some Sendable) throws(ServerSentEventError) -> String {
        String(decoding: try Self.bytes(of: item), as: UTF8.self)
    }
}
