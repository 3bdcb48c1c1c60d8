/// An error that answers the request with a status and a `{"detail": ...}` JSON body, as FastAPI's
/// `HTTPException`: the detail is a string or any `Encodable`, without one it is the status's standard phrase
/// (`418` gives `"I'm a Teapot"`), statuses without a body (1xx, 204, 304) get none, and `headers` come first in the
/// response, before `content-length` and `content-type`.
///
/// ```swift
/// throw HTTPError(.notFound, detail: "Item not found", headers: [.init("x-error")!: "nope"])
/// ```
public struct HTTPError: ResponseError, Sendable, CustomStringConvertible {
    /// The response status.
    public var status: HTTPResponse.Status
    /// The `detail` value; `nil` sends the status's standard phrase.
    public var detail: (any Encodable & Sendable)?
    /// Headers to add to the response.
    public var headers: HTTPFields

    /// Creates an error with a string detail (or the standard phrase when `detail` is `nil`).
    public init(_ status: HTTPResponse.Status, detail: String? = nil, headers: HTTPFields = [:]) {
        self.status = status
        self.detail = detail
        self.headers = headers
    }

    /// Creates an error whose detail is any JSON value: `{"detail":{"code":"E1","msg":"structured"}}`.
    public init(_ status: HTTPResponse.Status, detail: some Encodable & Sendable, headers: HTTPFields = [:]) {
        self.status = status
        self.detail = detail
        self.headers = headers
    }

    public func response(for request: Request) throws -> Response {
        try self.response()
    }

    /// The response, which needs nothing from the request.
    func response() throws -> Response {
        if self.status.code < 200 || self.status.code == 204 || self.status.code == 304 {
            return Response(status: self.status, headers: self.headers)
        }
        let detail: any Encodable & Sendable = self.detail ?? self.status.standardPhrase
        return try .json(DetailBody(detail: detail), status: self.status, headers: self.headers)
    }

    public var description: String {
        "HTTPError(\(self.status.code), detail: \(self.detail.map { "\($0)" } ?? self.status.standardPhrase))"
    }
}

/// `{"detail": ...}`, the shape of every FastAPI error body.
private struct DetailBody: Encodable {
    let detail: any Encodable & Sendable

    enum CodingKeys: String, CodingKey {
        case detail
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.detail, forKey: .detail)
    }
}
