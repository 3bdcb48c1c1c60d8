public import ApusCore
public import Foundation

/// Why a token was refused. Every case answers the request the same way, with ``httpError``: a 401 that tells
/// the client nothing about which check failed (the reason is for logs).
public enum JWTVerificationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The token is longer than the verifier's `maxTokenLength`.
    case tokenTooLong(length: Int, limit: Int)
    /// The token is not a compact JWS: not three base64url segments, or a header that is not a JSON object.
    case malformed(String)
    /// The header's `alg` (empty when missing) is not in the verifier's allow-list; `none` never is.
    case algorithmNotAllowed(String)
    /// No key is filed under the header's `kid` (`nil`: the token has none) for its `alg`.
    case unknownKey(kid: String?, algorithm: JWSAlgorithm)
    /// The signature does not verify with the key.
    case invalidSignature
    /// The signed payload is not a JSON object of the registered claims' types and the claims type.
    case invalidClaims(String)
    /// `exp` has passed (leeway included).
    case expired(at: Date)
    /// `nbf` has not come yet (leeway included).
    case notYetValid(until: Date)
    /// `iat` is in the future (leeway included).
    case issuedInFuture(at: Date)
    /// A claim the verifier requires is missing: `exp`, or `aud`/`iss` when the verifier expects one.
    case missingClaim(String)
    /// `aud` does not name the verifier's audience, or the verifier expects none (RFC 7519 §4.1.3).
    case invalidAudience
    /// `iss` is not the verifier's issuer.
    case invalidIssuer

    /// The answer to every refused token: 401, `WWW-Authenticate: Bearer error="invalid_token"` (RFC 6750 §3.1)
    /// and FastAPI's tutorial body `{"detail":"Could not validate credentials"}`.
    public var httpError: HTTPError {
        HTTPError(.unauthorized, detail: "Could not validate credentials", headers: [.wwwAuthenticate: #"Bearer error="invalid_token""#])
    }

    public var description: String {
        switch self {
        case .tokenTooLong(let length, let limit): "token of \(length) bytes, over the limit of \(limit)"
        case .malformed(let reason): "malformed token: \(reason)"
        case .algorithmNotAllowed(let alg): "algorithm not allowed: \"\(alg)\""
        case .unknownKey(let kid, let alg): "no \(alg) key for kid \(kid.map { "\"\($0)\"" } ?? "(none)")"
        case .invalidSignature: "invalid signature"
        case .invalidClaims(let reason): "invalid claims: \(reason)"
        case .expired(let at): "expired at \(at)"
        case .notYetValid(let until): "not valid before \(until)"
        case .issuedInFuture(let at): "issued in the future, at \(at)"
        case .missingClaim(let name): "missing claim \"\(name)\""
        case .invalidAudience: "invalid audience"
        case .invalidIssuer: "invalid issuer"
        }
    }
}

extension JWTVerificationError: ResponseError {
    /// ``httpError``'s response.
    public func response(for request: Request) throws -> Response {
        try self.httpError.response(for: request)
    }
}
