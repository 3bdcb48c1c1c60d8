// What `import ApusJWT` brings besides this module: jwt-kit's key types that ``JWTKey`` takes (RSA, ECDSA and EdDSA keys, digests) and the JWKS types, so an application needs no other import to set up keys.
@_exported public import struct JWTKit.DigestAlgorithm
@_exported public import enum JWTKit.Insecure
@_exported public import enum JWTKit.ECDSA
@_exported public import enum JWTKit.EdDSA
@_exported public import struct JWTKit.EdDSACurve
@_exported public import typealias JWTKit.ES256PublicKey
@_exported public import typealias JWTKit.ES256PrivateKey
@_exported public import typealias JWTKit.ES384PublicKey
@_exported public import typealias JWTKit.ES384PrivateKey
@_exported public import typealias JWTKit.ES512PublicKey
@_exported public import typealias JWTKit.ES512PrivateKey
@_exported public import struct JWTKit.JWK
@_exported public import struct JWTKit.JWKS
