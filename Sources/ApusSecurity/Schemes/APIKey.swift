public import ApusCore
public import ApusEndpoints
public import ApusModels
import HTTPTypes

/// An API key in a header, a query parameter or a cookie (FastAPI's `APIKeyHeader`, `APIKeyQuery` and
/// `APIKeyCookie`): the value is the key; a missing or empty one fails. Compare it with the expected key in
/// constant time.
///
/// ```swift
/// let apiKey = APIKey.header("X-API-Key")
/// app.get("/reports", apiKey) { key in ... }
/// ```
public struct APIKey: SecurityScheme {
    public typealias Value = String

    /// Where the key is sent.
    public enum Location: String, Sendable, Hashable {
        case header, query, cookie
    }

    /// Where the key is sent.
    public let location: Location
    /// The header, query parameter or cookie name.
    public let name: String
    public let schemeName: String
    /// The scheme's description in the document.
    public let description: String?

    /// A key in `location` named `name`; the scheme name defaults to FastAPI's class names (`APIKeyHeader`...).
    public init(_ location: Location, name: String, schemeName: String? = nil, description: String? = nil) {
        self.location = location
        self.name = name
        self.schemeName = schemeName ?? "APIKey\(location.rawValue.prefix(1).uppercased())\(location.rawValue.dropFirst())"
        self.description = description
    }

    /// A key in header `name` (FastAPI's `APIKeyHeader(name=...)`).
    public static func header(_ name: String, schemeName: String? = nil, description: String? = nil) -> APIKey {
        APIKey(.header, name: name, schemeName: schemeName, description: description)
    }

    /// A key in query parameter `name` (FastAPI's `APIKeyQuery(name=...)`).
    public static func query(_ name: String, schemeName: String? = nil, description: String? = nil) -> APIKey {
        APIKey(.query, name: name, schemeName: schemeName, description: description)
    }

    /// A key in cookie `name` (FastAPI's `APIKeyCookie(name=...)`).
    public static func cookie(_ name: String, schemeName: String? = nil, description: String? = nil) -> APIKey {
        APIKey(.cookie, name: name, schemeName: schemeName, description: description)
    }

    public var schemeObject: JSONObject {
        var object: JSONObject = ["type": "apiKey"]
        if let description = self.description { object["description"] = .string(description) }
        object["in"] = .string(self.location.rawValue)
        object["name"] = .string(self.name)
        return object
    }

    public var challenge: String { "APIKey" }
    public var legacyFailure: LegacySecurityFailure { .forbidden(wrongSchemeIsInvalid: false) }

    public func read(_ request: Request, context: inout ExtractionContext) throws -> SecurityCredentialsReading<String> {
        let key: String?
        switch self.location {
        case .header: key = request.firstHeader(self.name)
        case .query: key = request.query[self.name]
        case .cookie: key = try context.cookie(self.name, for: "cookie \"\(self.name)\"")
        }
        guard let key, !key.isEmpty else { return .missing }
        return .found(key)
    }
}

extension Request {
    /// The first field named `name`, as Starlette's `headers.get` reads it.
    func firstHeader(_ name: String) -> String? {
        HTTPField.Name(name).flatMap { self.headers[values: $0].first }
    }
}
