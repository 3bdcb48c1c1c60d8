public import ApusCore
import Synchronization

/// The status and header fields of the response still to be made (FastAPI's `response: Response` parameter): a
/// handler or a dependency that returns a model sets them here, and they apply to the response the model
/// becomes.
///
/// ```swift
/// app.put("/items/{item_id}", Path<Int>("item_id"), Body<Item>("item"), InjectedResponseHead()) { id, item, response in
///     if store.insert(item, at: id) { response.status = .created }
///     response.headers[HTTPField.Name("x-item-version")!] = "2"
///     response.setCookie(ResponseCookie(name: "last-item", value: String(id)))
///     return item
/// }
/// ```
///
/// One per request, shared by the handler and every dependency that asks for it. As in FastAPI: the status, when
/// set, replaces the route's; the header fields are added after the response's own; and both are ignored when the
/// handler returns a ``Response`` (or another ``ResponseConvertible``) itself, or when the request fails.
public final class ResponseHead: Sendable {
    private struct Parts: Sendable {
        var status: HTTPResponse.Status?
        var headers: HTTPFields = [:]
    }

    private let parts = Mutex(Parts())

    init() {}

    /// The status the response gets instead of the route's; `nil` keeps the route's.
    public var status: HTTPResponse.Status? {
        get { self.parts.withLock { $0.status } }
        set { self.parts.withLock { $0.status = newValue } }
    }

    /// The header fields added to the response.
    public var headers: HTTPFields {
        get { self.parts.withLock { $0.headers } }
        set { self.parts.withLock { $0.headers = newValue } }
    }

    /// Adds a `set-cookie` header for `cookie`.
    public func setCookie(_ cookie: ResponseCookie) {
        self.parts.withLock { $0.headers.append(HTTPField(name: .setCookie, value: cookie.headerValue)) }
    }

    /// Adds a `set-cookie` header that makes the client drop cookie `name`.
    public func deleteCookie(_ name: String, path: String? = "/", domain: String? = nil) {
        self.setCookie(.deletion(of: name, path: path, domain: domain))
    }

    /// `response` with the header fields set here added.
    func addingHeaders(to response: Response) -> Response {
        var response = response
        response.headers.append(contentsOf: self.headers)
        return response
    }
}

/// Injects the request's ``ResponseHead`` (FastAPI's `response: Response` parameter). Not validated and not
/// documented.
public struct InjectedResponseHead: Extractor {
    public typealias Value = ResponseHead

    /// The response head.
    public init() {}

    public func register(in plan: inout EndpointPlan) {
        plan.requireRequest(for: "response head")
    }

    public func extract(from context: inout ExtractionContext) async throws -> ResponseHead? {
        if let head = context.responseHead { return head }
        let head = ResponseHead()
        context.responseHead = head
        return head
    }
}
