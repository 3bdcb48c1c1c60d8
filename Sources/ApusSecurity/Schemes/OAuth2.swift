public import ApusCore
public import ApusEndpoints
public import ApusModels

/// OAuth2's password flow (FastAPI's `OAuth2PasswordBearer`): the client gets a token from `tokenURL` with a
/// username and password (``OAuth2PasswordRequestForm``) and sends it as `Authorization: Bearer <token>`; the
/// value is the token. Swagger UI's Authorize dialog asks for the username and password and calls `tokenURL`.
///
/// ```swift
/// let oauth2 = OAuth2PasswordBearer(tokenURL: "token", scopes: ["items:read": "Read items."])
/// app.get("/users/me", oauth2) { token in ... }
/// ```
public struct OAuth2PasswordBearer: SecurityScheme {
    public typealias Value = String

    public let schemeName: String
    /// The URL the client posts the username and password to (kept relative in the document, as FastAPI does).
    public let tokenURL: String
    /// Where a refresh token is exchanged, if anywhere.
    public let refreshURL: String?
    /// The scopes the flow offers, with their descriptions.
    public let scopes: KeyValuePairs<String, String>
    /// The scheme's description in the document.
    public let description: String?

    /// A password-flow scheme.
    public init(
        tokenURL: String, schemeName: String = "OAuth2PasswordBearer", scopes: KeyValuePairs<String, String> = [:],
        description: String? = nil, refreshURL: String? = nil
    ) {
        self.tokenURL = tokenURL
        self.schemeName = schemeName
        self.scopes = scopes
        self.description = description
        self.refreshURL = refreshURL
    }

    public var schemeObject: JSONObject {
        var flow: JSONObject = ["scopes": .object(OAuth2Scopes.object(self.scopes)), "tokenUrl": .string(self.tokenURL)]
        if let refreshURL = self.refreshURL { flow["refreshUrl"] = .string(refreshURL) }
        return OAuth2Scopes.scheme(flows: ["password": .object(flow)], description: self.description)
    }

    public var challenge: String { "Bearer" }
    public var legacyFailure: LegacySecurityFailure { .unchanged }

    public func read(_ request: Request, context: inout ExtractionContext) throws -> SecurityCredentialsReading<String> {
        BearerToken.read(request)
    }
}

/// OAuth2's authorization-code flow (FastAPI's `OAuth2AuthorizationCodeBearer`): the value is the bearer token.
public struct OAuth2AuthorizationCodeBearer: SecurityScheme {
    public typealias Value = String

    public let schemeName: String
    /// Where the user authorizes the client.
    public let authorizationURL: String
    /// Where the code is exchanged for a token.
    public let tokenURL: String
    /// Where a refresh token is exchanged, if anywhere.
    public let refreshURL: String?
    /// The scopes the flow offers, with their descriptions.
    public let scopes: KeyValuePairs<String, String>
    /// The scheme's description in the document.
    public let description: String?

    /// An authorization-code scheme.
    public init(
        authorizationURL: String, tokenURL: String, refreshURL: String? = nil, schemeName: String = "OAuth2AuthorizationCodeBearer",
        scopes: KeyValuePairs<String, String> = [:], description: String? = nil
    ) {
        self.authorizationURL = authorizationURL
        self.tokenURL = tokenURL
        self.refreshURL = refreshURL
        self.schemeName = schemeName
        self.scopes = scopes
        self.description = description
    }

    public var schemeObject: JSONObject {
        var flow: JSONObject = [
            "authorizationUrl": .string(self.authorizationURL), "tokenUrl": .string(self.tokenURL),
        ]
        if let refreshURL = self.refreshURL { flow["refreshUrl"] = .string(refreshURL) }
        flow["scopes"] = .object(OAuth2Scopes.object(self.scopes))
        return OAuth2Scopes.scheme(flows: ["authorizationCode": .object(flow)], description: self.description)
    }

    public var challenge: String { "Bearer" }
    public var legacyFailure: LegacySecurityFailure { .unchanged }

    public func read(_ request: Request, context: inout ExtractionContext) throws -> SecurityCredentialsReading<String> {
        BearerToken.read(request)
    }
}

/// OpenID Connect discovery (FastAPI's `OpenIdConnect`): the value is the whole `Authorization` header, as
/// FastAPI gives it.
public struct OpenIDConnect: SecurityScheme {
    public typealias Value = String

    public let schemeName: String
    /// The discovery document's URL.
    public let openIDConnectURL: String
    /// The scheme's description in the document.
    public let description: String?

    /// An OpenID Connect scheme.
    public init(openIDConnectURL: String, schemeName: String = "OpenIdConnect", description: String? = nil) {
        self.openIDConnectURL = openIDConnectURL
        self.schemeName = schemeName
        self.description = description
    }

    public var schemeObject: JSONObject {
        var object: JSONObject = ["type": "openIdConnect"]
        if let description = self.description { object["description"] = .string(description) }
        object["openIdConnectUrl"] = .string(self.openIDConnectURL)
        return object
    }

    public var challenge: String { "Bearer" }
    public var legacyFailure: LegacySecurityFailure { .forbidden(wrongSchemeIsInvalid: false) }

    public func read(_ request: Request, context: inout ExtractionContext) throws -> SecurityCredentialsReading<String> {
        guard let authorization = request.authorization, !authorization.isEmpty else { return .missing }
        return .found(authorization)
    }
}

/// The bearer token of an `Authorization` header, as FastAPI's OAuth2 schemes read it: the scheme word must be
/// `bearer` (any case); the token is the rest, which may be empty.
enum BearerToken {
    static func read(_ request: Request) -> SecurityCredentialsReading<String> {
        guard let authorization = request.authorization, !authorization.isEmpty else { return .missing }
        let (scheme, token) = AuthorizationValue.split(authorization)
        guard scheme.lowercased() == "bearer" else { return .missing }
        return .found(String(token))
    }
}

/// The parts of OAuth2 scheme objects.
enum OAuth2Scopes {
    static func object(_ scopes: KeyValuePairs<String, String>) -> JSONObject {
        var object = JSONObject()
        for (scope, description) in scopes {
            object[scope] = .string(description)
        }
        return object
    }

    static func scheme(flows: JSONObject, description: String?) -> JSONObject {
        var object: JSONObject = ["type": "oauth2"]
        if let description { object["description"] = .string(description) }
        object["flows"] = .object(flows)
        return object
    }
}
