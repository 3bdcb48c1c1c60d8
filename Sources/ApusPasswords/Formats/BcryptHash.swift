// CBcrypt is the C code behind hummingbird-auth's `HummingbirdBcrypt` product (which this target depends on).
// It is called directly because `Bcrypt.verify` compares the hashes with `memcmp` (its C source notes that
// `timingsafe_bcmp` is unavailable) and passes the password as a C string, which would end it at its first NUL.
import CBcrypt

/// A bcrypt hash in the modular crypt format: `$2b$12$<22 characters of salt><31 of hash>`, in bcrypt's own base64.
///
/// `$2a$`, `$2b$` (what Python's `bcrypt` writes) and `$2y$` (PHP's name for `$2b$`) are read; bcrypt is never
/// written. Passwords are cut at 72 bytes, as bcrypt has always done and as `bcrypt` before 5.0 did silently
/// (5.0 refuses longer passwords, so no such hash exists from it); a password holding a NUL byte never matches,
/// because the C implementation would end it there and let `"a\0anything"` pass for `"a"`.
struct BcryptHash: Sendable {
    var cost: Int
    /// The hash text with `$2y$` read as `$2b$`: what the C code writes back for the same password.
    private var normalizedText: [UInt8]

    static let textByteCount = 60
    /// bcrypt's key schedule uses 72 bytes of the password.
    static let passwordByteLimit = 72
    private static let alphabet = Set("./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// Reads a whole hash whose first four characters are `$2a$`, `$2b$` or `$2y$`.
    init(text: Substring) throws(PasswordHashError) {
        var bytes = Array(text.utf8)
        guard bytes.count == Self.textByteCount else {
            throw .malformedHash(reason: "bcrypt hashes are 60 characters, this one is \(bytes.count)")
        }
        let costDigits = bytes[4..<6]
        guard bytes[6] == UInt8(ascii: "$"), costDigits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        else {
            throw .malformedHash(reason: "bcrypt wants $2b$<two-digit cost>$<53 characters>")
        }
        guard bytes[7...].allSatisfy({ Self.alphabet.contains($0) }) else {
            throw .malformedHash(reason: "bcrypt salt and hash use ./A-Za-z0-9 only")
        }
        self.cost = Int(bytes[4] - UInt8(ascii: "0")) * 10 + Int(bytes[5] - UInt8(ascii: "0"))
        if bytes[2] == UInt8(ascii: "y") { bytes[2] = UInt8(ascii: "b") }
        self.normalizedText = bytes
    }

    /// Whether bcrypt of `password` with this hash's salt and cost is this hash. Blocking: call it on the thread
    /// pool, after the cost passed ``PasswordHasher/Limits``.
    func matches(_ password: [UInt8]) throws(PasswordHashError) -> Bool {
        guard !password.contains(0) else { return false }
        let key = password.prefix(Self.passwordByteLimit).map { CChar(bitPattern: $0) } + [0]
        let setting = self.normalizedText.map { CChar(bitPattern: $0) } + [0]
        var output = [CChar](repeating: 0, count: Self.textByteCount + 1)
        let status = c_hb_bcrypt_hashpass(key, setting, &output, output.count)
        guard status == 0 else { throw .keyDerivationFailed(algorithm: "bcrypt") }
        return ConstantTime.equal(output.prefix(Self.textByteCount).map { UInt8(bitPattern: $0) }, self.normalizedText)
    }
}
