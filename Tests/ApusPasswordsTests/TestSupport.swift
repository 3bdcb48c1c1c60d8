import ApusPasswords
import Foundation

/// Cheap scrypt parameters for tests that are about formats, not cost: `ln=4, r=8, p=1` (passlib's scrypt with
/// `rounds=4` writes the same).
let cheapScrypt = ScryptParameters(logN: 4, blockSize: 8, parallelism: 1)

/// A hasher with ``cheapScrypt`` and otherwise default configuration.
func cheapHasher(limits: PasswordHasher.Limits = PasswordHasher.Limits()) throws -> PasswordHasher {
    try PasswordHasher(configuration: PasswordHasher.Configuration(scrypt: cheapScrypt, limits: limits))
}

/// Unpadded standard base64, as PHC strings write salts and hashes.
func phcBase64(_ bytes: [UInt8]) -> String {
    String(Data(bytes).base64EncodedString().prefix { $0 != "=" })
}

/// The bytes of a hex string (test vectors are written in hex).
func hexBytes(_ hex: String) -> [UInt8] {
    let digits = Array(hex.utf8)
    return stride(from: 0, to: digits.count, by: 2).map { index in
        UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16) ?? 0
    }
}

/// A PHC scrypt string for explicit parameters, salt and key.
func scryptPHC(logN: Int, r: Int, p: Int, salt: [UInt8], key: [UInt8]) -> String {
    "$scrypt$ln=\(logN),r=\(r),p=\(p)$\(phcBase64(salt))$\(phcBase64(key))"
}
