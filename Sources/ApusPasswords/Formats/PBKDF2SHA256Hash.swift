import Crypto
import CryptoExtras

/// passlib's `pbkdf2_sha256` hash: `$pbkdf2-sha256$<rounds>$<salt>$<key>`, salt and key in passlib's "ab64"
/// (unpadded base64 with `.` for `+`), the key 32 bytes. Read only, so that logins made with passlib (and with
/// FastAPI's security tutorials built on it) keep working; ``PasswordHasher/needsRehash(_:)`` says to replace it.
struct PBKDF2SHA256Hash: Sendable {
    var rounds: Int
    var salt: [UInt8]
    var key: [UInt8]

    static let identifier = "pbkdf2-sha256"
    /// Passlib writes 16 bytes and reads up to 1024; longer salts add nothing.
    static let saltByteCounts = 0...64
    /// SHA-256's digest, as passlib requires.
    static let keyByteCounts = 32...32

    /// Reads the fields after `$pbkdf2-sha256$`, already split at `$`.
    init(fields: ArraySlice<Substring>) throws(PasswordHashError) {
        let (roundsText, saltText, keyText) = try threeFields(fields, layout: "$pbkdf2-sha256$<rounds>$<salt>$<hash>")
        self.rounds = try decimal(roundsText, name: "rounds")
        self.salt = try decodedBase64(saltText, name: "pbkdf2-sha256 salt", byteCounts: Self.saltByteCounts)
        self.key = try decodedBase64(keyText, name: "pbkdf2-sha256 hash", byteCounts: Self.keyByteCounts)
    }

    /// PBKDF2-HMAC-SHA256 of `password` with this hash's salt and rounds. Blocking: call it on the thread pool,
    /// after the rounds passed ``PasswordHasher/Limits``.
    func derive(from password: [UInt8]) throws(PasswordHashError) -> [UInt8] {
        do {
            // "Unchecked" because swift-crypto's checked entry refuses fewer than 210 000 rounds, and passlib's
            // default, in many stored hashes, is 29 000: this type only verifies, never writes.
            let key = try KDF.Insecure.PBKDF2.deriveKey(
                from: password, salt: self.salt, using: .sha256, outputByteCount: self.key.count,
                unsafeUncheckedRounds: self.rounds)
            return key.withUnsafeBytes { Array($0) }
        } catch {
            throw .keyDerivationFailed(algorithm: "pbkdf2-sha256")
        }
    }
}
