public import HTTPTypes

/// An HTTP response: status, header fields and body.
///
/// The server writes `date` and `server` first, then `headers` in order. A `content-length` field is always
/// rewritten to the body's real length (or removed for a streamed body of unknown length, which is then sent
/// chunked), so transforming a body can never leave a stale length behind.
public struct Response: Sendable {
    /// The status code and reason phrase.
    public var status: HTTPResponse.Status
    /// The header fields, in the order they are sent.
    public var headers: HTTPFields
    /// The body.
    public var body: ResponseBody
    /// Work to run once the response has been sent (or sending it failed): request-scoped cleanup, background
    /// tasks. It runs in the connection's task, before the next request on the same connection is answered.
    public var afterSend: (@Sendable () async -> Void)?
    /// For a request that asked to switch protocols: what takes the connection over instead of this response
    /// being written (see ``ConnectionUpgrade``). Its after-send work runs when the upgrade is done.
    public var upgrade: ConnectionUpgrade?

    /// Creates a response.
    @inlinable
    public init(status: HTTPResponse.Status = .ok, headers: HTTPFields = [:], body: ResponseBody = .empty) {
        self.status = status
        self.headers = headers
        self.body = body
        self.afterSend = nil
        self.upgrade = nil
    }

    /// Adds work to run after the response has been sent, after any added before.
    public mutating func addAfterSend(_ work: @escaping @Sendable () async -> Void) {
        if let earlier = self.afterSend {
            self.afterSend = {
                await earlier()
                await work()
            }
        } else {
            self.afterSend = work
        }
    }
}
