/// A JWS signature algorithm (RFC 7518 §3.1), as named in a token header's `alg`.
///
/// There is no `none` case: an unsigned token cannot be named, so no allow-list can admit one.
public enum JWSAlgorithm: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// HMAC with SHA-256.
    case hs256 = "HS256"
    /// HMAC with SHA-384.
    case hs384 = "HS384"
    /// HMAC with SHA-512.
    case hs512 = "HS512"
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    case rs256 = "RS256"
    /// RSASSA-PKCS1-v1_5 with SHA-384.
    case rs384 = "RS384"
    /// RSASSA-PKCS1-v1_5 with SHA-512.
    case rs512 = "RS512"
    /// RSASSA-PSS with SHA-256 and MGF1 with SHA-256.
    case ps256 = "PS256"
    /// RSASSA-PSS with SHA-384 and MGF1 with SHA-384.
    case ps384 = "PS384"
    /// RSASSA-PSS with SHA-512 and MGF1 with SHA-512.
    case ps512 = "PS512"
    /// ECDSA on P-256 with SHA-256.
    case es256 = "ES256"
    /// ECDSA on P-384 with SHA-384.
    case es384 = "ES384"
    /// ECDSA on P-521 with SHA-512.
    case es512 = "ES512"
    /// EdDSA on Ed25519 (RFC 8037).
    case eddsa = "EdDSA"

    /// The `alg` header value.
    public var description: String { self.rawValue }

    /// The algorithms one RSA key can verify, for a JWK that does not name its `alg`.
    static let rsaFamily: [JWSAlgorithm] = [.rs256, .rs384, .rs512, .ps256, .ps384, .ps512]
}
