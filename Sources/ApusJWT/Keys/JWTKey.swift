public import Foundation
public import JWTKit

/// A key for one JWS algorithm, from jwt-kit's key types: an HMAC secret, an RSA, ECDSA or EdDSA public key (to
/// verify) or private key (to sign and verify). Put keys in a ``JWTKeySet`` under their `kid`.
///
/// ```swift
/// let secret = try JWTKey.hmac(randomSecretOf32Bytes, digest: .sha256)                // HS256
/// let rsa = JWTKey.rsa(try Insecure.RSA.PublicKey(pem: pem), padding: .pss)            // PS256
/// let ec = JWTKey.ecdsa(try ES256PublicKey(pem: pem))                                 // ES256
/// ```
public struct JWTKey: Sendable {
    /// The one algorithm this key signs and verifies; a token whose `alg` differs is never checked with it.
    public let algorithm: JWSAlgorithm
    /// Adds the key, as the default and only key, to a fresh jwt-kit collection.
    let install: @Sendable (JWTKeyCollection) async -> Void

    init(algorithm: JWSAlgorithm, install: @escaping @Sendable (JWTKeyCollection) async -> Void) {
        self.algorithm = algorithm
        self.install = install
    }

    /// An HMAC secret: HS256, HS384 or HS512 by `digest`. RFC 7518 §3.2 asks for a secret at least as long as
    /// the hash (32, 48 or 64 bytes); a shorter one is refused (jwt-kit asserts on it in debug builds).
    public static func hmac(_ secret: some DataProtocol, digest: DigestAlgorithm = .sha256) throws(JWTKeyError) -> JWTKey {
        let algorithm: JWSAlgorithm = digest == .sha512 ? .hs512 : digest == .sha384 ? .hs384 : .hs256
        let minimum = digest == .sha512 ? 64 : digest == .sha384 ? 48 : 32
        guard secret.count >= minimum else { throw .secretTooShort(algorithm, bytes: secret.count, minimum: minimum) }
        let key = HMACKey(from: secret)
        return JWTKey(algorithm: algorithm) { await $0.add(hmac: key, digestAlgorithm: digest) }
    }

    /// An HMAC secret given as text, used as its UTF-8 bytes.
    public static func hmac(_ secret: String, digest: DigestAlgorithm = .sha256) throws(JWTKeyError) -> JWTKey {
        try self.hmac(Array(secret.utf8), digest: digest)
    }

    /// An RSA key: RS256/384/512 with PKCS #1 v1.5 padding, PS256/384/512 with PSS, by `digest`.
    public static func rsa(_ key: some RSAKey, digest: DigestAlgorithm = .sha256, padding: RSASignaturePadding = .pkcs1v1_5) -> JWTKey {
        let index = digest == .sha512 ? 2 : digest == .sha384 ? 1 : 0
        switch padding {
        case .pkcs1v1_5:
            return JWTKey(algorithm: JWSAlgorithm.rsaFamily[index]) { await $0.add(rsa: key, digestAlgorithm: digest) }
        case .pss:
            return JWTKey(algorithm: JWSAlgorithm.rsaFamily[3 + index]) { await $0.add(pss: key, digestAlgorithm: digest) }
        }
    }

    /// An ECDSA key; its curve names the algorithm: P-256 is ES256, P-384 ES384, P-521 ES512.
    public static func ecdsa(_ key: some ECDSAKey) -> JWTKey {
        // jwt-kit's curves are exactly these three (`ECDSACurve`), so the last branch is P-256.
        let algorithm: JWSAlgorithm =
            switch key.curve.rawValue {
            case ECDSACurve.p521.rawValue: .es512
            case ECDSACurve.p384.rawValue: .es384
            default: .es256
            }
        return JWTKey(algorithm: algorithm) { await $0.add(ecdsa: key) }
    }

    /// An Ed25519 key (EdDSA).
    public static func eddsa(_ key: some EdDSAKey) -> JWTKey {
        JWTKey(algorithm: .eddsa) { await $0.add(eddsa: key) }
    }
}

/// The padding of an RSA signature.
public enum RSASignaturePadding: Sendable, Hashable {
    /// RSASSA-PKCS1-v1_5 (RS256, RS384, RS512).
    case pkcs1v1_5
    /// RSASSA-PSS (PS256, PS384, PS512).
    case pss
}

/// Why a key was refused.
public enum JWTKeyError: Error, Sendable, Hashable {
    /// The HMAC secret is shorter than the algorithm's hash.
    case secretTooShort(JWSAlgorithm, bytes: Int, minimum: Int)
}
