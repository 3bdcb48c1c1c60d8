public import Foundation

/// The registered claims of RFC 7519 §4.1 that a token may carry beside an application's own.
///
/// Times are NumericDates (seconds since 1970, fractions accepted when read, whole seconds written); `aud` is
/// read as a string or an array of strings and written as a string when it holds one value.
public struct RegisteredClaims: Sendable, Hashable, Codable {
    /// `iss`: who issued the token.
    public var issuer: String?
    /// `sub`: whom the token is about, a user id or name.
    public var subject: String?
    /// `aud`: the recipients the token is for.
    public var audience: [String]?
    /// `exp`: the token is refused from this moment on.
    public var expiresAt: Date?
    /// `nbf`: the token is refused before this moment.
    public var notBefore: Date?
    /// `iat`: when the token was issued.
    public var issuedAt: Date?
    /// `jti`: a unique id for the token.
    public var id: String?

    /// Creates a set of registered claims; every claim left `nil` is left out of the token.
    public init(
        issuer: String? = nil, subject: String? = nil, audience: [String]? = nil, expiresAt: Date? = nil,
        notBefore: Date? = nil, issuedAt: Date? = nil, id: String? = nil
    ) {
        self.issuer = issuer
        self.subject = subject
        self.audience = audience
        self.expiresAt = expiresAt
        self.notBefore = notBefore
        self.issuedAt = issuedAt
        self.id = id
    }

    private enum CodingKeys: String, CodingKey {
        case issuer = "iss"
        case subject = "sub"
        case audience = "aud"
        case expiresAt = "exp"
        case notBefore = "nbf"
        case issuedAt = "iat"
        case id = "jti"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.issuer = try container.decodeIfPresent(String.self, forKey: .issuer)
        self.subject = try container.decodeIfPresent(String.self, forKey: .subject)
        if let single = try? container.decodeIfPresent(String.self, forKey: .audience) {
            self.audience = [single]
        } else {
            self.audience = try container.decodeIfPresent([String].self, forKey: .audience)
        }
        self.expiresAt = try Self.decodeNumericDate(container, .expiresAt)
        self.notBefore = try Self.decodeNumericDate(container, .notBefore)
        self.issuedAt = try Self.decodeNumericDate(container, .issuedAt)
        self.id = try container.decodeIfPresent(String.self, forKey: .id)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(self.issuer, forKey: .issuer)
        try container.encodeIfPresent(self.subject, forKey: .subject)
        if let audience = self.audience {
            if audience.count == 1 {
                try container.encode(audience[0], forKey: .audience)
            } else {
                try container.encode(audience, forKey: .audience)
            }
        }
        try Self.encodeNumericDate(self.expiresAt, &container, .expiresAt)
        try Self.encodeNumericDate(self.notBefore, &container, .notBefore)
        try Self.encodeNumericDate(self.issuedAt, &container, .issuedAt)
        try container.encodeIfPresent(self.id, forKey: .id)
    }

    /// Read as a number whatever the decoder's date strategy: a NumericDate is a JSON number by definition.
    private static func decodeNumericDate(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> Date? {
        try container.decodeIfPresent(Double.self, forKey: key).map { Date(timeIntervalSince1970: $0) }
    }

    /// Written as whole seconds, as PyJWT and most issuers do; a date beyond ±2^63 seconds cannot be written.
    private static func encodeNumericDate(_ date: Date?, _ container: inout KeyedEncodingContainer<CodingKeys>, _ key: CodingKeys) throws {
        guard let date else { return }
        guard let seconds = Int64(exactly: date.timeIntervalSince1970.rounded(.down)) else {
            throw EncodingError.invalidValue(date, .init(codingPath: container.codingPath + [key], debugDescription: "not a NumericDate"))
        }
        try container.encode(seconds, forKey: key)
    }
}
