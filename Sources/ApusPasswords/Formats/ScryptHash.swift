import Crypto
import CryptoExtras

/// A scrypt hash in the PHC string format: `$scrypt$ln=17,r=8,p=1$<salt>$<key>`, salt and key in unpadded
/// standard base64.
///
/// This is the layout passlib's `scrypt` handler writes and reads (its default is `ln=16`, 16-byte salt, 32-byte
/// key), and the one the PHC string format specifies for any algorithm, so hashes pass between Apus and Python
/// unchanged either way. Only the `ln,r,p` order is read, as passlib writes it.
struct ScryptHash: Sendable {
    var parameters: ScryptParameters
    var salt: [UInt8]
    var key: [UInt8]

    static let identifier = "scrypt"
    /// RFC 7914's examples use 64-byte keys; passlib and Apus write 32.
    static let keyByteCounts = 16...64
    /// Passlib writes 16 bytes; RFC 7914's first example has none.
    static let saltByteCounts = 0...64

    init(parameters: ScryptParameters, salt: [UInt8], key: [UInt8]) {
        self.parameters = parameters
        self.salt = salt
        self.key = key
    }

    /// Reads the fields after `$scrypt$`, already split at `$`.
    init(fields: ArraySlice<Substring>) throws(PasswordHashError) {
        let (parameterText, saltText, keyText) = try threeFields(fields, layout: "$scrypt$ln=..,r=..,p=..$<salt>$<hash>")
        let pairs = parameterText.split(separator: ",", omittingEmptySubsequences: false)
        guard pairs.count == 3 else { throw .malformedHash(reason: "scrypt parameters must be ln=..,r=..,p=..") }
        let values = try zip(["ln", "r", "p"], pairs).map { name, pair throws(PasswordHashError) in
            guard pair.hasPrefix(name + "=") else {
                throw .malformedHash(reason: "scrypt parameters must be ln=..,r=..,p=.. in that order")
            }
            return try decimal(pair.dropFirst(name.count + 1), name: name)
        }
        self.parameters = ScryptParameters(logN: values[0], blockSize: values[1], parallelism: values[2])
        self.salt = try decodedBase64(saltText, name: "scrypt salt", byteCounts: Self.saltByteCounts)
        self.key = try decodedBase64(keyText, name: "scrypt hash", byteCounts: Self.keyByteCounts)
    }

    /// The PHC string.
    var text: String {
        let parameters = "ln=\(self.parameters.logN),r=\(self.parameters.blockSize),p=\(self.parameters.parallelism)"
        return "$scrypt$\(parameters)$\(HashBase64.encode(self.salt))$\(HashBase64.encode(self.key))"
    }

    /// RFC 7914's scrypt of `password` with this hash's salt and parameters, as many bytes as its key. Blocking:
    /// call it on the thread pool, after the parameters passed ``PasswordHasher/Limits``.
    func derive(from password: [UInt8]) throws(PasswordHashError) -> [UInt8] {
        try Self.derive(from: password, salt: self.salt, parameters: self.parameters, byteCount: self.key.count)
    }

    static func derive(
        from password: [UInt8], salt: [UInt8], parameters: ScryptParameters, byteCount: Int
    ) throws(PasswordHashError) -> [UInt8] {
        do {
            let key = try KDF.Scrypt.deriveKey(
                from: password, salt: salt, outputByteCount: byteCount,
                rounds: 1 << parameters.logN, blockSize: parameters.blockSize, parallelism: parameters.parallelism)
            return key.withUnsafeBytes { Array($0) }
        } catch {
            throw .keyDerivationFailed(algorithm: "scrypt")
        }
    }
}
