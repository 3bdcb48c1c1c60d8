public import Foundation
import JWTKit
import Synchronization

/// The keys a ``JWTVerifier`` checks tokens with and a ``JWTSigner`` signs with, each filed under its `kid` and
/// algorithm. Shared and changeable while in use, so keys rotate without a restart: add the new `kid`, let
/// tokens signed with the old one expire, remove it.
///
/// A token is checked with the one key filed under its header's `kid` and `alg`; a token without a `kid` only
/// with a key added without one. An unknown `kid` never falls back to another key.
///
/// ```swift
/// let keys = JWTKeySet()
/// await keys.add(try .hmac(secretOf2026_12), kid: "2026-12")
/// try await keys.add(jwksJSON: jwksFromTheIdentityProvider)
/// ```
public final class JWTKeySet: Sendable {
    private let slots: Mutex<[KeySlot: KeyEntry]>
    private let changes = Atomic<UInt64>(0)

    /// Creates an empty set.
    public init() {
        self.slots = Mutex([:])
    }

    /// How many times the set has changed: read before a key is looked up, so that what was verified with the
    /// keys of one generation is not reused after a key is added, replaced or removed (``VerifiedTokenCache``).
    var generation: UInt64 { self.changes.load(ordering: .acquiring) }

    /// Changes the slots and then the generation, under the lock, so a reader that sees the new generation finds
    /// the new keys.
    private func change<T: Sendable>(_ body: (inout [KeySlot: KeyEntry]) -> T) -> T {
        self.slots.withLock { slots in
            let result = body(&slots)
            self.changes.add(1, ordering: .releasing)
            return result
        }
    }

    /// Adds `key` under `kid` (`nil`: the key for tokens without a `kid`), replacing a key filed under the same
    /// `kid` and algorithm.
    public func add(_ key: JWTKey, kid: String? = nil) async {
        let entry = await KeyEntry(key)
        self.change { $0[KeySlot(kid: kid, algorithm: key.algorithm)] = entry }
    }

    /// Adds the keys of a JSON Web Key Set (RFC 7517 §5), each under its `kid`, and returns the `kid`s added.
    ///
    /// A key that names its `alg` is used for that algorithm alone; an RSA key that does not is filed for
    /// RS256/384/512 and PS256/384/512, an EC key for its curve's ES algorithm, an OKP key for EdDSA. Keys jwt-kit
    /// cannot read or that are not for signatures (`"alg":"RSA-OAEP"`, `"kty":"oct"`) are skipped; a set that
    /// is not JSON, has no usable key, or has a key whose numbers do not make a key is refused.
    @discardableResult
    public func add(jwksJSON json: some DataProtocol) async throws(JWTKeySetError) -> [String] {
        let entries = try await Self.entries(fromJWKS: json)
        self.change { slots in
            for (slot, entry) in entries { slots[slot] = entry }
        }
        return Self.kids(entries)
    }

    /// Replaces every key of the set with the keys of a JWKS, at once: a verification running meanwhile sees the
    /// old set or the new one, never a mix. For a JWKS fetched again from an identity provider.
    @discardableResult
    public func replaceAll(withJWKS json: some DataProtocol) async throws(JWTKeySetError) -> [String] {
        let entries = try await Self.entries(fromJWKS: json)
        self.change { slots in
            slots = Dictionary(entries, uniquingKeysWith: { _, last in last })
        }
        return Self.kids(entries)
    }

    /// Removes every key filed under `kid`, for any algorithm, and returns whether there was one.
    @discardableResult
    public func remove(kid: String?) -> Bool {
        self.change { slots in
            let before = slots.count
            slots = slots.filter { $0.key.kid != kid }
            return slots.count != before
        }
    }

    /// The `kid`s in the set (`nil` for keys added without one), each once, in no particular order.
    public var kids: [String?] {
        self.slots.withLock { Array(Set($0.keys.map(\.kid))) }
    }

    /// The key filed under `kid` for `algorithm`.
    func entry(kid: String?, algorithm: JWSAlgorithm) -> KeyEntry? {
        self.slots.withLock { $0[KeySlot(kid: kid, algorithm: algorithm)] }
    }

    /// The algorithms of the keys filed under `kid`.
    func algorithms(kid: String?) -> [JWSAlgorithm] {
        self.slots.withLock { $0.keys.filter { $0.kid == kid }.map(\.algorithm) }
    }

    private static func kids(_ entries: [(KeySlot, KeyEntry)]) -> [String] {
        var seen = Set<String>()
        return entries.compactMap { slot, _ in slot.kid.flatMap { seen.insert($0).inserted ? $0 : nil } }
    }

    private static func entries(fromJWKS json: some DataProtocol) async throws(JWTKeySetError) -> [(KeySlot, KeyEntry)] {
        let keySet: LenientJWKS
        do {
            keySet = try JSONDecoder().decode(LenientJWKS.self, from: Data(json))
        } catch {
            throw .invalidJWKS(String(describing: error))
        }
        var entries: [(KeySlot, KeyEntry)] = []
        for jwk in keySet.keys.compactMap(\.self) {
            for algorithm in Self.algorithms(for: jwk) {
                do {
                    let entry = try await KeyEntry(jwk: jwk, algorithm: algorithm)
                    entries.append((KeySlot(kid: jwk.keyIdentifier?.string, algorithm: algorithm), entry))
                } catch {
                    throw .invalidKey(kid: jwk.keyIdentifier?.string, String(describing: error))
                }
            }
        }
        guard !entries.isEmpty else { throw .noUsableKey }
        return entries
    }

    /// The algorithms a JWK is filed for: its `alg`, or what its key type can verify.
    private static func algorithms(for jwk: JWK) -> [JWSAlgorithm] {
        if let named = jwk.algorithm {
            return JWSAlgorithm(rawValue: named.rawValue).map { [$0] } ?? []
        }
        switch jwk.keyType {
        case .rsa: return JWSAlgorithm.rsaFamily
        case .ecdsa:
            switch jwk.curve?.rawValue {
            case "P-256": return [.es256]
            case "P-384": return [.es384]
            case "P-521": return [.es512]
            default: return []
            }
        default: return jwk.curve?.rawValue == "Ed25519" ? [.eddsa] : []
        }
    }
}

/// Why a JWKS was refused.
public enum JWTKeySetError: Error, Sendable, Equatable {
    /// The document is not a JWKS (`{"keys":[...]}`) in JSON.
    case invalidJWKS(String)
    /// The set holds no key this module can verify with.
    case noUsableKey
    /// A key's numbers do not make a key (a bad modulus, a point off the curve).
    case invalidKey(kid: String?, String)
}

/// Where a key is filed.
struct KeySlot: Hashable, Sendable {
    let kid: String?
    let algorithm: JWSAlgorithm
}

/// One key, alone in its jwt-kit collection, so that jwt-kit's lookup (which falls back to its default key for
/// an unknown `kid`) can only ever find this key.
struct KeyEntry: Sendable {
    let algorithm: JWSAlgorithm
    let collection: JWTKeyCollection

    init(_ key: JWTKey) async {
        self.algorithm = key.algorithm
        self.collection = JWTKeyCollection()
        await key.install(self.collection)
    }

    /// One key of a JWKS, fixed to `algorithm` so that jwt-kit never takes the algorithm from a token header
    /// (its JWK signer would, and would keep the first one it was asked for).
    init(jwk: JWK, algorithm: JWSAlgorithm) async throws {
        var fixed = jwk
        // `JWK.Algorithm` has every asymmetric `JWSAlgorithm` under the same RFC 7518 name, and only those reach here.
        fixed.algorithm = JWK.Algorithm(rawValue: algorithm.rawValue)
        // jwt-kit files a JWK under its kid; this collection holds the key alone, so any placeholder serves.
        fixed.keyIdentifier = jwk.keyIdentifier ?? JWKIdentifier(string: "")
        self.algorithm = algorithm
        self.collection = JWTKeyCollection()
        try await self.collection.add(jwk: fixed)
    }
}

/// A JWKS whose keys jwt-kit cannot read decode as `nil` instead of failing the whole set.
private struct LenientJWKS: Decodable {
    let keys: [JWK?]

    private struct LenientJWK: Decodable {
        let jwk: JWK?
        init(from decoder: any Decoder) throws { self.jwk = try? JWK(from: decoder) }
    }

    private enum CodingKeys: String, CodingKey { case keys }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.keys = try container.decode([LenientJWK].self, forKey: .keys).map(\.jwk)
    }
}
