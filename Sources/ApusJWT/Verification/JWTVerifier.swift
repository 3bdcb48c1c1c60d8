public import Foundation
import JWTKit

/// Verifies compact JWS tokens (RFC 7519 JWTs) with the keys of a ``JWTKeySet`` and decodes their claims.
///
/// In order, each check before the next: the token's length; its shape and header; the header's `alg` against
/// the allow-list, before any key is tried (so `alg: none` and an HS256 token "signed" with an RSA public key
/// fail here); the key filed under the header's `kid` for that `alg`; the signature (jwt-kit); the claims' types;
/// `exp` (required unless `requireExpiration` is false), `nbf` and `iat` against the clock with `leeway`; `aud`
/// and `iss`.
///
/// A token that verified is remembered (up to `cacheCapacity` of them), so the same token on the next request
/// costs a lookup and the time checks instead of two base64 decodings, two JSON decodings and a signature check.
/// What is remembered is never used once a key of the set is added, replaced or removed, and `exp`, `nbf` and
/// `iat` are checked against the clock on every use, so the answers are the same as without it.
///
/// ```swift
/// let verifier = JWTVerifier(keys: keys, algorithms: [.rs256], audience: "orders-api", issuer: "https://auth.example")
/// let token = try await verifier.verify(bearerToken, as: UserClaims.self)   // throws JWTVerificationError: a 401
/// print(token.registered.subject, token.claims.scopes)
/// ```
public struct JWTVerifier: Sendable {
    /// The keys tokens are checked with.
    public let keys: JWTKeySet
    /// The algorithms a token's header may name.
    public let algorithms: Set<JWSAlgorithm>
    /// The `aud` a token must name; `nil`: a token must have no `aud`.
    public let audience: String?
    /// The `iss` a token must have; `nil`: any or none.
    public let issuer: String?
    /// How far `exp`, `nbf` and `iat` may be off the clock, for clocks that disagree.
    public let leeway: Duration
    /// Whether a token without `exp` is refused.
    public let requireExpiration: Bool
    /// The longest token read, in bytes; longer ones are refused unread.
    public let maxTokenLength: Int
    /// The current time, for the time claims.
    public let now: @Sendable () -> Date
    /// How many verified tokens are remembered; 0 remembers none.
    public var cacheCapacity: Int { self.cache?.capacity ?? 0 }
    /// How many verified tokens are remembered now (for diagnostics and tests).
    public var cachedTokenCount: Int { self.cache?.count ?? 0 }

    private let cache: VerifiedTokenCache?

    /// The default ``maxTokenLength``: 8 KiB, far above any real access token (an RS512 JWT with a
    /// dozen claims is under 1 KiB) and below common header-size limits.
    public static let defaultMaxTokenLength = 8192
    /// The default ``cacheCapacity``: 1024 tokens, at most 8 MiB with the default ``maxTokenLength``.
    public static let defaultCacheCapacity = 1024

    /// Creates a verifier.
    /// - Parameters:
    ///   - keys: The keys tokens are checked with.
    ///   - algorithms: The allow-list of header `alg` values; a key of another algorithm is never used.
    ///   - audience: The `aud` tokens must name, or `nil` for tokens without `aud`.
    ///   - issuer: The `iss` tokens must have, or `nil` to accept any.
    ///   - leeway: The tolerance on `exp`, `nbf` and `iat`.
    ///   - requireExpiration: Whether tokens without `exp` are refused.
    ///   - maxTokenLength: The longest token read, in bytes.
    ///   - cacheCapacity: How many verified tokens to remember; 0 for none.
    ///   - now: The clock; tests pass a fixed time.
    public init(
        keys: JWTKeySet, algorithms: Set<JWSAlgorithm>, audience: String? = nil, issuer: String? = nil, leeway: Duration = .zero,
        requireExpiration: Bool = true, maxTokenLength: Int = defaultMaxTokenLength, cacheCapacity: Int = defaultCacheCapacity,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.keys = keys
        self.algorithms = algorithms
        self.audience = audience
        self.issuer = issuer
        self.leeway = leeway
        self.requireExpiration = requireExpiration
        self.maxTokenLength = maxTokenLength
        self.now = now
        self.cache = cacheCapacity > 0 ? VerifiedTokenCache(capacity: cacheCapacity) : nil
    }

    /// Verifies `token` and decodes its payload as the registered claims and `Claims`.
    public func verify<Claims: Codable & Sendable>(
        _ token: String, as _: Claims.Type = Claims.self
    ) async throws(JWTVerificationError) -> VerifiedJWT<Claims> {
        // Read before any key is looked up: see `JWTKeySet.generation`.
        let generation = self.keys.generation
        if let cache = self.cache, let verified = cache.value(token, as: Claims.self, generation: generation) {
            do throws(JWTVerificationError) {
                try self.check(verified.registered)
            } catch {
                cache.remove(token, as: Claims.self)
                throw error
            }
            return verified
        }
        let verified = try await self.verifyUncached(token, as: Claims.self)
        self.cache?.store(verified, for: token, generation: generation, now: self.now())
        return verified
    }

    /// Every check, with no cache.
    private func verifyUncached<Claims: Codable & Sendable>(
        _ token: String, as _: Claims.Type
    ) async throws(JWTVerificationError) -> VerifiedJWT<Claims> {
        let header = try TokenHeader(token: token, maxLength: self.maxTokenLength)
        guard let algorithm = JWSAlgorithm(rawValue: header.algorithm), self.algorithms.contains(algorithm) else {
            throw .algorithmNotAllowed(header.algorithm)
        }
        guard let key = self.keys.entry(kid: header.keyID, algorithm: algorithm) else {
            throw .unknownKey(kid: header.keyID, algorithm: algorithm)
        }
        let payload: ClaimsPayload<Claims>
        do {
            payload = try await key.collection.verify(token, as: ClaimsPayload<Claims>.self)
        } catch let error as JWTError where error.errorType == .malformedToken {
            // The header and the segments' shape were checked above, so what jwt-kit finds malformed is the payload.
            throw .invalidClaims(error.reason ?? "\(error)")
        } catch {
            throw .invalidSignature
        }
        try self.check(payload.registered)
        return VerifiedJWT(claims: payload.claims, registered: payload.registered, keyID: header.keyID, algorithm: algorithm)
    }

    /// Verifies `token` when the registered claims are all the application reads.
    public func verify(_ token: String) async throws(JWTVerificationError) -> VerifiedJWT<NoClaims> {
        try await self.verify(token, as: NoClaims.self)
    }

    /// The time claims as PyJWT checks them (`exp <= now - leeway` has expired), then `aud` and `iss`.
    private func check(_ claims: RegisteredClaims) throws(JWTVerificationError) {
        let now = self.now()
        let leeway = self.leeway.seconds
        if let expiresAt = claims.expiresAt {
            if expiresAt <= now.addingTimeInterval(-leeway) { throw .expired(at: expiresAt) }
        } else if self.requireExpiration {
            throw .missingClaim("exp")
        }
        if let notBefore = claims.notBefore, notBefore > now.addingTimeInterval(leeway) { throw .notYetValid(until: notBefore) }
        if let issuedAt = claims.issuedAt, issuedAt > now.addingTimeInterval(leeway) { throw .issuedInFuture(at: issuedAt) }
        if let audience = self.audience {
            guard let named = claims.audience else { throw .missingClaim("aud") }
            guard named.contains(audience) else { throw .invalidAudience }
        } else if claims.audience != nil {
            throw .invalidAudience
        }
        if let issuer = self.issuer {
            guard let named = claims.issuer else { throw .missingClaim("iss") }
            guard named == issuer else { throw .invalidIssuer }
        }
    }
}

/// A verified token: its claims, and which key verified it.
public struct VerifiedJWT<Claims: Codable & Sendable>: Sendable {
    /// The application's claims, decoded from the payload.
    public let claims: Claims
    /// The registered claims, decoded from the same payload.
    public let registered: RegisteredClaims
    /// The header's `kid`.
    public let keyID: String?
    /// The header's `alg`.
    public let algorithm: JWSAlgorithm
}

/// The claims type for tokens whose registered claims are all that is read: decodes from any JSON object and
/// encodes to an empty one.
public struct NoClaims: Codable, Sendable, Hashable {
    /// Creates the empty claims.
    public init() {}

    public init(from decoder: any Decoder) throws {
        _ = try decoder.container(keyedBy: NoKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        _ = encoder.container(keyedBy: NoKeys.self)
    }

    private enum NoKeys: CodingKey {}
}
