public import Foundation
import JWTKit

/// Issues compact JWS tokens with the private keys of a ``JWTKeySet``.
///
/// Registered claims left `nil` in a call are filled from the signer: `iss`, `aud`, `iat` (now) and, with a
/// ``lifetime``, `exp` (now + lifetime).
///
/// ```swift
/// let signer = JWTSigner(keys: keys, issuer: "https://auth.example", lifetime: .seconds(30 * 60))
/// let token = try await signer.sign(UserClaims(scopes: ["orders:read"]), registered: .init(subject: "alice"), kid: "2026-12")
/// ```
public struct JWTSigner: Sendable {
    /// The keys tokens are signed with.
    public let keys: JWTKeySet
    /// The `iss` written into tokens that do not set one.
    public let issuer: String?
    /// The `aud` written into tokens that do not set one.
    public let audience: [String]?
    /// How long a token is valid when it does not set `exp`; `nil`: tokens without `exp` get none.
    public let lifetime: Duration?
    /// The current time, for `iat` and `exp`.
    public let now: @Sendable () -> Date

    /// Creates a signer; see the type's summary for what each default fills in.
    public init(
        keys: JWTKeySet, issuer: String? = nil, audience: [String]? = nil, lifetime: Duration? = nil,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.keys = keys
        self.issuer = issuer
        self.audience = audience
        self.lifetime = lifetime
        self.now = now
    }

    /// Signs `claims` and `registered` into one payload with the key filed under `kid` (`nil`: the key added
    /// without one) and returns the compact token. The header has `alg`, `typ: JWT` and `kid` when given.
    /// - Parameter algorithm: Which of the keys under `kid` signs, needed only when a JWK without `alg` filed it
    ///   for several algorithms.
    public func sign<Claims: Codable & Sendable>(
        _ claims: Claims, registered: RegisteredClaims = RegisteredClaims(), kid: String? = nil, algorithm: JWSAlgorithm? = nil
    ) async throws(JWTSigningError) -> String {
        let key = try self.key(kid: kid, algorithm: algorithm)
        // A claims type that encodes as anything but a JSON object (a string, an array) would trap in the
        // encoder when merged with the registered claims' object, so it is refused first.
        guard (try? claimsProbeEncoder.encode(claims).first) == UInt8(ascii: "{") else { throw .claimsNotAnObject }
        let payload = ClaimsPayload(registered: self.filled(registered), claims: claims)
        do {
            return try await key.collection.sign(payload, kid: kid.map { JWKIdentifier(string: $0) })
        } catch {
            throw .signingFailed(String(describing: error))
        }
    }

    /// Signs a token with registered claims alone.
    public func sign(
        _ registered: RegisteredClaims, kid: String? = nil, algorithm: JWSAlgorithm? = nil
    ) async throws(JWTSigningError) -> String {
        try await self.sign(NoClaims(), registered: registered, kid: kid, algorithm: algorithm)
    }

    private func key(kid: String?, algorithm: JWSAlgorithm?) throws(JWTSigningError) -> KeyEntry {
        let algorithms = self.keys.algorithms(kid: kid)
        guard let chosen = algorithm ?? algorithms.first, algorithms.contains(chosen) else { throw .unknownKey(kid: kid) }
        guard algorithm != nil || algorithms.count == 1 else {
            throw .ambiguousAlgorithm(kid: kid, algorithms.sorted { $0.rawValue < $1.rawValue })
        }
        guard let entry = self.keys.entry(kid: kid, algorithm: chosen) else { throw .unknownKey(kid: kid) }
        return entry
    }

    private func filled(_ registered: RegisteredClaims) -> RegisteredClaims {
        var filled = registered
        let now = self.now()
        filled.issuer = filled.issuer ?? self.issuer
        filled.audience = filled.audience ?? self.audience
        filled.issuedAt = filled.issuedAt ?? now
        if filled.expiresAt == nil, let lifetime = self.lifetime {
            filled.expiresAt = now.addingTimeInterval(lifetime.seconds)
        }
        return filled
    }
}

/// One encoder for the claims-shape check; JSONEncoder is thread-safe and costly to create.
private let claimsProbeEncoder = JSONEncoder()

/// Why a token could not be signed.
public enum JWTSigningError: Error, Sendable, Hashable {
    /// No key is filed under the `kid` (for the algorithm asked for).
    case unknownKey(kid: String?)
    /// Several keys are filed under the `kid`, one per algorithm; pass `algorithm:`.
    case ambiguousAlgorithm(kid: String?, [JWSAlgorithm])
    /// The claims do not encode as a JSON object.
    case claimsNotAnObject
    /// jwt-kit could not sign: the key is a public key, or a claim does not encode (a date beyond ±2^63 s).
    case signingFailed(String)
}
