/// Where a request value comes from: the first element of a validation error's `loc`, the OpenAPI parameter's
/// `in`, and the order errors are reported in (path, query, header, cookie, body, as FastAPI).
public enum ParameterSource: Int, Sendable, Hashable, Comparable, CaseIterable {
    /// A `{name}` segment of the path template.
    case path
    /// A query-string parameter.
    case query
    /// A header field (names compare case-insensitively).
    case header
    /// A cookie from the `Cookie` header.
    case cookie
    /// The request body (JSON or form).
    case body

    /// The name used in error locations and OpenAPI: `"path"`, `"query"`, `"header"`, `"cookie"`, `"body"`.
    public var locationName: String {
        switch self {
        case .path: "path"
        case .query: "query"
        case .header: "header"
        case .cookie: "cookie"
        case .body: "body"
        }
    }

    public static func < (lhs: ParameterSource, rhs: ParameterSource) -> Bool { lhs.rawValue < rhs.rawValue }
}
