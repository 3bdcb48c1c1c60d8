import ApusJWT
import Crypto
import CryptoExtras
import Foundation
import JWTKit

/// Keys made once per test run: RSA key generation takes a noticeable fraction of a second.
enum TestKeys {
    static let hmacSecret = "a-test-secret-long-enough-for-hs512-0123456789abcdef0123456789abcdef"
    private static let rsaResult = Result { try JWTKit.Insecure.RSA.PrivateKey(backing: _RSA.Signing.PrivateKey(keySize: .bits2048)) }
    private static let otherRSAResult = Result { try JWTKit.Insecure.RSA.PrivateKey(backing: _RSA.Signing.PrivateKey(keySize: .bits2048)) }
    static let es256 = ES256PrivateKey()
    static let es384 = ES384PrivateKey()
    static let es512 = ES512PrivateKey()
    private static let eddsaResult = Result { try EdDSA.PrivateKey(curve: .ed25519) }

    static func rsa() throws -> JWTKit.Insecure.RSA.PrivateKey { try rsaResult.get() }
    static func otherRSA() throws -> JWTKit.Insecure.RSA.PrivateKey { try otherRSAResult.get() }
    static func eddsa() throws -> EdDSA.PrivateKey { try eddsaResult.get() }

    /// A private key of every algorithm, for round trips.
    static func privateKey(_ algorithm: JWSAlgorithm) throws -> JWTKey {
        switch algorithm {
        case .hs256: try .hmac(hmacSecret, digest: .sha256)
        case .hs384: try .hmac(hmacSecret, digest: .sha384)
        case .hs512: try .hmac(hmacSecret, digest: .sha512)
        case .rs256: .rsa(try rsa(), digest: .sha256)
        case .rs384: .rsa(try rsa(), digest: .sha384)
        case .rs512: .rsa(try rsa(), digest: .sha512)
        case .ps256: .rsa(try rsa(), digest: .sha256, padding: .pss)
        case .ps384: .rsa(try rsa(), digest: .sha384, padding: .pss)
        case .ps512: .rsa(try rsa(), digest: .sha512, padding: .pss)
        case .es256: .ecdsa(es256)
        case .es384: .ecdsa(es384)
        case .es512: .ecdsa(es512)
        case .eddsa: .eddsa(try eddsa())
        }
    }

    /// The public half (the secret itself for HMAC).
    static func publicKey(_ algorithm: JWSAlgorithm) throws -> JWTKey {
        switch algorithm {
        case .hs256, .hs384, .hs512: try privateKey(algorithm)
        case .rs256: .rsa(try rsa().publicKey, digest: .sha256)
        case .rs384: .rsa(try rsa().publicKey, digest: .sha384)
        case .rs512: .rsa(try rsa().publicKey, digest: .sha512)
        case .ps256: .rsa(try rsa().publicKey, digest: .sha256, padding: .pss)
        case .ps384: .rsa(try rsa().publicKey, digest: .sha384, padding: .pss)
        case .ps512: .rsa(try rsa().publicKey, digest: .sha512, padding: .pss)
        case .es256: .ecdsa(es256.publicKey)
        case .es384: .ecdsa(es384.publicKey)
        case .es512: .ecdsa(es512.publicKey)
        case .eddsa: .eddsa(try eddsa().publicKey)
        }
    }
}
