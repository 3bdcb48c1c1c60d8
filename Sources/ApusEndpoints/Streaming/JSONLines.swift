public import ApusCore
import ApusModels

/// A JSON Lines response (`application/jsonl`), FastAPI 0.134's generator endpoint: each element's JSON on a
/// line of its own, sent as it is made.
///
/// ```swift
/// app.get("/items/stream") {
///     JSONLines<Item> { send in
///         for item in try await catalog.items() { try await send(item) }   // {"name":"a","price":1.0}\n
///     }
/// }
/// ```
///
/// A model is written as its response JSON, any other `Encodable` as JSON (an element that is neither ends the
/// stream with ``ServerSentEventError/unencodableData(_:)``). The producer runs while the response
/// is written, waits while the client is not reading, and is cancelled when the client goes away; the
/// request's dependencies stay open until it ends. Documented in OpenAPI as FastAPI does: `application/jsonl`
/// with the element's schema as `itemSchema`.
public struct JSONLines<Element: Sendable>: Sendable, ResponseConvertible {
    /// Sends one element of the stream.
    public typealias Send = (Element) async throws -> Void

    /// Extra response header fields.
    public var headers: HTTPFields
    /// The status (200 unless set).
    public var status: HTTPResponse.Status
    private let produce: @Sendable (_ send: Send) async throws -> Void

    /// A stream of the values `produce` sends.
    public init(
        status: HTTPResponse.Status = .ok, headers: HTTPFields = [:], _ produce: @escaping @Sendable (_ send: Send) async throws -> Void
    ) {
        self.status = status
        self.headers = headers
        self.produce = produce
    }

    /// A stream of the values `sequence` produces.
    public init<Values: AsyncSequence & Sendable>(_ sequence: Values, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:])
    where Values.Element == Element {
        self.init(status: status, headers: headers) { send in
            for try await value in sequence { try await send(value) }
        }
    }

    public func response(for request: Request) throws -> Response {
        let produce = self.produce
        return .stream(mediaType: Self.streamMediaType, status: self.status, headers: self.headers) { writer in
            try await produce { element in
                var line = try StreamItemJSON.bytes(of: element)
                line.append(UInt8(ascii: "\n"))
                try await writer.write(ByteBuffer(bytes: line))
            }
        }
    }
}

extension JSONLines: StreamedResponseDocumenting {
    public static var streamMediaType: String { "application/jsonl" }

    public static var itemSchema: DocumentedSchema {
        guard let model = Element.self as? any SchemaValue.Type else { return DocumentedSchema { _ in [:] } }
        return DocumentedSchema(of: model)
    }
}

extension EventStream: StreamedResponseDocumenting {
    public static var streamMediaType: String { "text/event-stream" }

    /// FastAPI's event schema (OpenAPI 3.2 §4.14.4): `data`, `event`, `id` and `retry`; when the elements are
    /// models, `data` is their JSON (`contentMediaType` and `contentSchema`) and required.
    public static var itemSchema: DocumentedSchema {
        let model = Element.self as? any SchemaValue.Type
        let contentSchema = model.map { DocumentedSchema(of: $0) }
        return DocumentedSchema { generator in
            var data: JSONObject = ["type": "string"]
            if let contentSchema {
                data["contentMediaType"] = "application/json"
                data["contentSchema"] = .object(contentSchema.schema(in: &generator))
            }
            var schema: JSONObject = [
                "type": "object",
                "properties": [
                    "data": .object(data),
                    "event": ["type": "string"],
                    "id": ["type": "string"],
                    "retry": ["type": "integer", "minimum": 0],
                ],
            ]
            if contentSchema != nil { schema["required"] = ["data"] }
            return schema
        }
    }
}
