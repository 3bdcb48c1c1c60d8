/// Why a password could not be hashed, or a stored hash could not be read or run.
///
/// A wrong password is not an error: ``PasswordHasher/verify(_:against:)`` returns `false` for it. These errors
/// say that the stored hash itself (or the configuration) is unusable, which a login handler should log rather than
/// report to the user as a wrong password.
public enum PasswordHashError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The stored hash names no algorithm this package reads: it reads `$scrypt$`, `$2a$`, `$2b$`, `$2y$` and
    /// `$pbkdf2-sha256$`.
    case unsupportedAlgorithm
    /// The stored hash names a known algorithm but is not well formed; `reason` says where.
    case malformedHash(reason: String)
    /// A cost parameter, in the stored hash or in the configuration, is outside the range this hasher runs (see
    /// ``PasswordHasher/Limits``): running it would take too long or allocate too much memory.
    case parameterOutOfRange(name: String, value: Int, allowed: ClosedRange<Int>)
    /// The password to hash is longer than ``PasswordHasher/Configuration/maximumPasswordByteCount`` UTF-8 bytes.
    case passwordTooLong(byteCount: Int, maximum: Int)
    /// The key derivation itself failed (swift-crypto refused the parameters or could not allocate its memory).
    case keyDerivationFailed(algorithm: String)

    /// A sentence for logs.
    public var description: String {
        switch self {
        case .unsupportedAlgorithm:
            "the stored hash is not $scrypt$, $2a$/$2b$/$2y$ (bcrypt) or $pbkdf2-sha256$"
        case .malformedHash(let reason):
            "malformed password hash: \(reason)"
        case .parameterOutOfRange(let name, let value, let allowed):
            "password hash parameter \(name)=\(value) is outside \(allowed.lowerBound)...\(allowed.upperBound)"
        case .passwordTooLong(let byteCount, let maximum):
            "the password is \(byteCount) bytes long; at most \(maximum) are hashed"
        case .keyDerivationFailed(let algorithm):
            "\(algorithm) key derivation failed"
        }
    }
}
