/// A stored password hash read into one of the formats this package verifies, chosen by its `$identifier$`.
enum StoredPasswordHash: Sendable {
    case scrypt(ScryptHash)
    case bcrypt(BcryptHash)
    case pbkdf2SHA256(PBKDF2SHA256Hash)

    /// Longer than any hash within the formats' limits (a scrypt hash with 64-byte salt and key is under 200), so
    /// parsing a planted megabyte costs nothing.
    static let maximumTextByteCount = 512

    /// Reads `text`; throws what is wrong with it, without checking its cost against limits.
    init(parsing text: String) throws(PasswordHashError) {
        guard text.utf8.count <= Self.maximumTextByteCount else {
            throw .malformedHash(reason: "longer than \(Self.maximumTextByteCount) bytes")
        }
        let fields = text.split(separator: "$", omittingEmptySubsequences: false)
        guard fields.count >= 2, fields[0].isEmpty else { throw .unsupportedAlgorithm }
        switch fields[1] {
        case ScryptHash.identifier:
            self = .scrypt(try ScryptHash(fields: fields.dropFirst(2)))
        case PBKDF2SHA256Hash.identifier:
            self = .pbkdf2SHA256(try PBKDF2SHA256Hash(fields: fields.dropFirst(2)))
        case "2a", "2b", "2y":
            self = .bcrypt(try BcryptHash(text: text[...]))
        default:
            throw .unsupportedAlgorithm
        }
    }

    /// Throws if running this hash would cost more than `limits` allow.
    func check(_ limits: PasswordHasher.Limits) throws(PasswordHashError) {
        switch self {
        case .scrypt(let hash): try limits.check(hash.parameters)
        case .bcrypt(let hash): try limits.checkBcrypt(cost: hash.cost)
        case .pbkdf2SHA256(let hash): try limits.checkPBKDF2(rounds: hash.rounds)
        }
    }

    /// Whether `password` hashes to this hash. Blocking: call it on the thread pool, after ``check(_:)``.
    func matches(_ password: [UInt8]) throws(PasswordHashError) -> Bool {
        switch self {
        case .scrypt(let hash): ConstantTime.equal(try hash.derive(from: password), hash.key)
        case .bcrypt(let hash): try hash.matches(password)
        case .pbkdf2SHA256(let hash): ConstantTime.equal(try hash.derive(from: password), hash.key)
        }
    }
}
