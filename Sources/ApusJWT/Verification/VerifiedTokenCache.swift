import Foundation
import Synchronization

/// The tokens a ``JWTVerifier`` has verified, so that a token sent again (every request of a session sends the
/// same one) is not decoded and its signature not checked again.
///
/// What a token verifies to depends only on the token, the verifier's settings and the keys, except for the time
/// claims: so an entry holds what the token decoded to and the key set's ``JWTKeySet/generation`` it was verified
/// under, the verifier checks `exp`, `nbf` and `iat` against its clock on every use, and an entry of an earlier
/// generation (a key was added, replaced or removed since) is never used. Only tokens that verified are stored, so
/// a client cannot fill the cache with garbage; it holds at most `capacity` entries of at most the verifier's
/// `maxTokenLength` bytes each, and is emptied when full (expired entries first).
final class VerifiedTokenCache: Sendable {
    private struct Key: Hashable {
        let claims: ObjectIdentifier
        let token: String
    }

    private struct Entry {
        let generation: UInt64
        let verified: any Sendable
        let registered: RegisteredClaims
    }

    let capacity: Int
    private let entries = Mutex<[Key: Entry]>([:])

    init(capacity: Int) {
        self.capacity = capacity
    }

    var count: Int { self.entries.withLock { $0.count } }

    /// The token verified under `generation` as `Claims`, if it is here.
    func value<Claims: Codable & Sendable>(_ token: String, as _: Claims.Type, generation: UInt64) -> VerifiedJWT<Claims>? {
        let key = Key(claims: ObjectIdentifier(Claims.self), token: token)
        return self.entries.withLock { entries in
            guard let entry = entries[key] else { return nil }
            guard entry.generation == generation, let verified = entry.verified as? VerifiedJWT<Claims> else {
                entries[key] = nil
                return nil
            }
            return verified
        }
    }

    /// Files `verified`, verified under `generation`; when the cache is full, expired entries go first and, if
    /// none had expired, all of them.
    func store<Claims: Codable & Sendable>(
        _ verified: VerifiedJWT<Claims>, for token: String, generation: UInt64, now: @autoclosure () -> Date
    ) {
        let key = Key(claims: ObjectIdentifier(Claims.self), token: token)
        let entry = Entry(generation: generation, verified: verified, registered: verified.registered)
        self.entries.withLock { entries in
            if entries.count >= self.capacity, entries[key] == nil {
                let now = now()
                entries = entries.filter { _, entry in entry.registered.expiresAt.map { $0 > now } ?? true }
                if entries.count >= self.capacity { entries.removeAll(keepingCapacity: true) }
            }
            entries[key] = entry
        }
    }

    /// Forgets `token` (it was refused on a later use: it expired).
    func remove<Claims: Codable & Sendable>(_ token: String, as _: Claims.Type) {
        let key = Key(claims: ObjectIdentifier(Claims.self), token: token)
        _ = self.entries.withLock { $0.removeValue(forKey: key) }
    }
}
