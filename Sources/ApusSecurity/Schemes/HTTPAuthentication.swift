public import ApusCore
public import ApusEndpoints
public import ApusModels

/// The username and password of HTTP Basic authentication (FastAPI's `HTTPBasicCredentials`).
public struct HTTPBasicCredentials: Sendable, Hashable {
    /// The part before the first `:`.
    public var username: String
    /// The rest.
    public var password: String

    /// Credentials.
    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }
}

/// An `Authorization` header split at its first space (FastAPI's `HTTPAuthorizationCredentials`).
public struct HTTPAuthorizationCredentials: Sendable, Hashable {
    /// The scheme word as sent (`Bearer`).
    public var scheme: String
    /// The rest, surrounding whitespace removed.
    public var credentials: String

    /// Credentials.
    public init(scheme: String, credentials: String) {
        self.scheme = scheme
        self.credentials = credentials
    }
}

/// HTTP Basic authentication (RFC 7617, FastAPI's `HTTPBasic`): `Authorization: Basic base64(user:password)`.
/// Undecodable credentials fail even in the optional variant, as in FastAPI. Compare the password with a
/// constant-time check (ApusPasswords' `PasswordHasher` verifies hashes that way).
public struct HTTPBasic: SecurityScheme {
    public typealias Value = HTTPBasicCredentials

    public let schemeName: String
    /// The realm named in the challenge, if any.
    public let realm: String?
    /// The scheme's description in the document.
    public let description: String?

    /// A Basic scheme.
    public init(schemeName: String = "HTTPBasic", realm: String? = nil, description: String? = nil) {
        self.schemeName = schemeName
        self.realm = realm
        self.description = description
    }

    public var schemeObject: JSONObject { HTTPSchemeObject.make(scheme: "basic", description: self.description) }

    public var challenge: String {
        guard let realm = self.realm else { return "Basic" }
        return "Basic realm=\"\(realm)\""
    }

    public var legacyFailure: LegacySecurityFailure { .unchanged }

    public func read(_ request: Request, context: inout ExtractionContext) throws -> SecurityCredentialsReading<HTTPBasicCredentials> {
        guard let authorization = request.authorization, !authorization.isEmpty else { return .missing }
        let (scheme, parameter) = AuthorizationValue.split(authorization)
        guard scheme.lowercased() == "basic" else { return .missing }
        guard let bytes = PythonBase64.decode(parameter.utf8), bytes.allSatisfy({ $0 < 0x80 }) else { return .invalid }
        let text = String(decoding: bytes, as: UTF8.self)
        guard let colon = text.firstIndex(of: ":") else { return .invalid }
        return .found(HTTPBasicCredentials(username: String(text[..<colon]), password: String(text[text.index(after: colon)...])))
    }
}

/// HTTP Bearer authentication (RFC 6750, FastAPI's `HTTPBearer`): the value is the scheme word and the token.
public struct HTTPBearer: SecurityScheme {
    public typealias Value = HTTPAuthorizationCredentials

    public let schemeName: String
    /// A hint at the token's format (`JWT`), shown in the document.
    public let bearerFormat: String?
    /// The scheme's description in the document.
    public let description: String?

    /// A Bearer scheme.
    public init(bearerFormat: String? = nil, schemeName: String = "HTTPBearer", description: String? = nil) {
        self.bearerFormat = bearerFormat
        self.schemeName = schemeName
        self.description = description
    }

    public var schemeObject: JSONObject {
        var object = HTTPSchemeObject.make(scheme: "bearer", description: self.description)
        if let format = self.bearerFormat { object["bearerFormat"] = .string(format) }
        return object
    }

    public var challenge: String { "Bearer" }
    public var legacyFailure: LegacySecurityFailure { .forbidden(wrongSchemeIsInvalid: true) }

    public func read(
        _ request: Request, context: inout ExtractionContext
    ) throws -> SecurityCredentialsReading<HTTPAuthorizationCredentials> {
        HTTPSchemeObject.credentials(in: request, scheme: "bearer")
    }
}

/// HTTP Digest authentication (FastAPI's `HTTPDigest`): the value is the scheme word and the rest of the header;
/// checking the digest is the dependency's job.
public struct HTTPDigest: SecurityScheme {
    public typealias Value = HTTPAuthorizationCredentials

    public let schemeName: String
    /// The scheme's description in the document.
    public let description: String?

    /// A Digest scheme.
    public init(schemeName: String = "HTTPDigest", description: String? = nil) {
        self.schemeName = schemeName
        self.description = description
    }

    public var schemeObject: JSONObject { HTTPSchemeObject.make(scheme: "digest", description: self.description) }
    public var challenge: String { "Digest" }
    public var legacyFailure: LegacySecurityFailure { .forbidden(wrongSchemeIsInvalid: true) }

    public func read(
        _ request: Request, context: inout ExtractionContext
    ) throws -> SecurityCredentialsReading<HTTPAuthorizationCredentials> {
        HTTPSchemeObject.credentials(in: request, scheme: "digest")
    }
}

/// What the HTTP schemes share.
enum HTTPSchemeObject {
    static func make(scheme: String, description: String?) -> JSONObject {
        var object: JSONObject = ["type": "http"]
        if let description { object["description"] = .string(description) }
        object["scheme"] = .string(scheme)
        return object
    }

    /// FastAPI's `HTTPBearer`/`HTTPDigest` reading: a scheme word and non-empty credentials, the word `scheme`.
    static func credentials(in request: Request, scheme expected: String) -> SecurityCredentialsReading<HTTPAuthorizationCredentials> {
        guard let authorization = request.authorization, !authorization.isEmpty else { return .missing }
        let (scheme, credentials) = AuthorizationValue.split(authorization)
        guard !scheme.isEmpty, !credentials.isEmpty, scheme.lowercased() == expected else { return .missing }
        return .found(HTTPAuthorizationCredentials(scheme: String(scheme), credentials: String(credentials)))
    }
}
