import ApusPasswords
import Testing

/// Stored hashes from a corrupt or planted row: each is refused with a clear error before any hashing, so none can
/// crash, hang or allocate without bound.
@Suite struct HostileHashTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var hash: String
        var error: PasswordHashError
        var testDescription: String { self.name }
    }

    static let salt = "c2FsdHNhbHRzYWx0c2FsdA"  // 16 bytes
    static let key = "a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U"  // 32 bytes
    static let bcryptBody = "ldYTOfKiF9MSOh.dZoO0d.e5r4ZL.x7xQDnzf.bqsbeSN5NYNIriW"

    static let cases: [Case] = [
        Case(name: "empty", hash: "", error: .unsupportedAlgorithm),
        Case(name: "plain text", hash: "hunter2", error: .unsupportedAlgorithm),
        Case(name: "argon2", hash: "$argon2id$v=19$m=65536,t=3,p=4$\(salt)$\(key)", error: .unsupportedAlgorithm),
        Case(name: "bcrypt $2x$", hash: "$2x$04$\(bcryptBody)", error: .unsupportedAlgorithm),
        Case(
            name: "a megabyte", hash: "$scrypt$" + String(repeating: "A", count: 1 << 20),
            error: .malformedHash(reason: "longer than 512 bytes")),
        // scrypt
        Case(
            name: "scrypt without fields", hash: "$scrypt$",
            error: .malformedHash(reason: "expected $scrypt$ln=..,r=..,p=..$<salt>$<hash>")),
        Case(
            name: "scrypt without hash", hash: "$scrypt$ln=4,r=8,p=1$\(salt)",
            error: .malformedHash(reason: "expected $scrypt$ln=..,r=..,p=..$<salt>$<hash>")),
        Case(
            name: "scrypt ln=60", hash: "$scrypt$ln=60,r=8,p=1$\(salt)$\(key)",
            error: .parameterOutOfRange(name: "ln", value: 60, allowed: 1...20)),
        Case(
            name: "scrypt ln=0", hash: "$scrypt$ln=0,r=8,p=1$\(salt)$\(key)",
            error: .parameterOutOfRange(name: "ln", value: 0, allowed: 1...20)),
        Case(
            name: "scrypt r=1000000", hash: "$scrypt$ln=4,r=1000000,p=1$\(salt)$\(key)",
            error: .parameterOutOfRange(name: "r", value: 1_000_000, allowed: 1...16)),
        Case(
            name: "scrypt p=99", hash: "$scrypt$ln=4,r=8,p=99$\(salt)$\(key)",
            error: .parameterOutOfRange(name: "p", value: 99, allowed: 1...16)),
        Case(
            name: "scrypt 16 GiB of work", hash: "$scrypt$ln=20,r=16,p=8$\(salt)$\(key)",
            error: .parameterOutOfRange(name: "128·r·N·p", value: 1 << 34, allowed: 0...(1 << 28))),
        Case(
            name: "scrypt 1 GiB", hash: "$scrypt$ln=20,r=8,p=1$\(salt)$\(key)",
            error: .parameterOutOfRange(name: "128·r·N·p", value: 1 << 30, allowed: 0...(1 << 28))),
        Case(
            name: "scrypt 20-digit ln", hash: "$scrypt$ln=99999999999999999999,r=8,p=1$\(salt)$\(key)",
            error: .malformedHash(reason: "ln has more than 18 digits")),
        Case(
            name: "scrypt negative ln", hash: "$scrypt$ln=-4,r=8,p=1$\(salt)$\(key)",
            error: .malformedHash(reason: "ln is not a decimal number")),
        Case(
            name: "scrypt empty p", hash: "$scrypt$ln=4,r=8,p=$\(salt)$\(key)",
            error: .malformedHash(reason: "p is not a decimal number")),
        Case(
            name: "scrypt parameters out of order", hash: "$scrypt$r=8,ln=4,p=1$\(salt)$\(key)",
            error: .malformedHash(reason: "scrypt parameters must be ln=..,r=..,p=.. in that order")),
        Case(
            name: "scrypt two parameters", hash: "$scrypt$ln=4,r=8$\(salt)$\(key)",
            error: .malformedHash(reason: "scrypt parameters must be ln=..,r=..,p=..")),
        Case(
            name: "scrypt padded salt", hash: "$scrypt$ln=4,r=8,p=1$\(salt)==$\(key)",
            error: .malformedHash(reason: "scrypt salt is not unpadded base64")),
        Case(
            name: "scrypt hash with a space", hash: "$scrypt$ln=4,r=8,p=1$\(salt)$\(key.dropLast(2)) A",
            error: .malformedHash(reason: "scrypt hash is not unpadded base64")),
        Case(
            name: "scrypt hash cut to a 6-bit group", hash: "$scrypt$ln=4,r=8,p=1$\(salt)$\(key.prefix(41))",
            error: .malformedHash(reason: "scrypt hash is not unpadded base64")),
        Case(
            name: "scrypt hash of 3 bytes", hash: "$scrypt$ln=4,r=8,p=1$\(salt)$AAAA",
            error: .malformedHash(reason: "scrypt hash is 3 bytes, not 16...64")),
        Case(
            name: "scrypt extra field", hash: "$scrypt$ln=4,r=8,p=1$\(salt)$\(key)$",
            error: .malformedHash(reason: "expected $scrypt$ln=..,r=..,p=..$<salt>$<hash>")),
        // pbkdf2-sha256
        Case(
            name: "pbkdf2 rounds=10^12", hash: "$pbkdf2-sha256$1000000000000$\(salt)$\(key)",
            error: .parameterOutOfRange(name: "rounds", value: 1_000_000_000_000, allowed: 1...2_000_000)),
        Case(
            name: "pbkdf2 rounds=0", hash: "$pbkdf2-sha256$0$\(salt)$\(key)",
            error: .parameterOutOfRange(name: "rounds", value: 0, allowed: 1...2_000_000)),
        Case(
            name: "pbkdf2 rounds not a number", hash: "$pbkdf2-sha256$1e6$\(salt)$\(key)",
            error: .malformedHash(reason: "rounds is not a decimal number")),
        Case(
            name: "pbkdf2 truncated hash", hash: "$pbkdf2-sha256$1000$\(salt)$\(key.prefix(40))",
            error: .malformedHash(reason: "pbkdf2-sha256 hash is 30 bytes, not 32...32")),
        Case(
            name: "pbkdf2 bad salt", hash: "$pbkdf2-sha256$1000$!!!!$\(key)",
            error: .malformedHash(reason: "pbkdf2-sha256 salt is not unpadded base64")),
        Case(
            name: "pbkdf2 without salt field", hash: "$pbkdf2-sha256$1000$\(key)",
            error: .malformedHash(reason: "expected $pbkdf2-sha256$<rounds>$<salt>$<hash>")),
        // bcrypt
        Case(
            name: "bcrypt cost 31", hash: "$2b$31$\(bcryptBody)",
            error: .parameterOutOfRange(name: "cost", value: 31, allowed: 4...15)),
        Case(
            name: "bcrypt cost 03", hash: "$2b$03$\(bcryptBody)",
            error: .parameterOutOfRange(name: "cost", value: 3, allowed: 4...15)),
        Case(
            name: "bcrypt truncated", hash: "$2b$04$\(bcryptBody.dropLast())",
            error: .malformedHash(reason: "bcrypt hashes are 60 characters, this one is 59")),
        Case(
            name: "bcrypt cost not digits", hash: "$2b$x4$\(bcryptBody)",
            error: .malformedHash(reason: "bcrypt wants $2b$<two-digit cost>$<53 characters>")),
        Case(
            name: "bcrypt with +", hash: "$2b$04$\(bcryptBody.dropLast())+",
            error: .malformedHash(reason: "bcrypt salt and hash use ./A-Za-z0-9 only")),
        Case(
            name: "bcrypt with NUL", hash: "$2b$04$\(bcryptBody.dropLast())\0",
            error: .malformedHash(reason: "bcrypt salt and hash use ./A-Za-z0-9 only")),
    ]

    @Test(arguments: cases) func hostileHashIsRefusedBeforeHashing(_ hostile: Case) async throws {
        let hasher = try cheapHasher()
        await #expect(throws: hostile.error) {
            try await hasher.verify("password", against: hostile.hash)
        }
    }

    @Test func truncatedScryptHashWithinTheFormatChecksWhatIsLeft() async throws {
        // Cutting a whole base64 group off leaves a 29-byte hash. scrypt's output for a shorter length is a prefix
        // of the longer one (its last step is PBKDF2), so the right password still matches and a wrong one does not;
        // needsRehash replaces such a hash (shorter than 32 bytes). Below 16 bytes it is malformed (see `cases`).
        let hasher = try cheapHasher()
        let truncated = String(try await hasher.hash("password").dropLast(4))
        #expect(try await hasher.verify("password", against: truncated))
        #expect(try await !hasher.verify("passwort", against: truncated))
        #expect(hasher.needsRehash(truncated))
    }

    @Test func limitsAreTheConfigurations() async throws {
        let fixture = PythonFixtures.pbkdf2SHA256[0]
        #expect(try await cheapHasher().verify(fixture.password, against: fixture.hash))
        let strict = try cheapHasher(limits: .init(maximumPBKDF2Rounds: 999))
        await #expect(throws: PasswordHashError.parameterOutOfRange(name: "rounds", value: 1000, allowed: 1...999)) {
            try await strict.verify(fixture.password, against: fixture.hash)
        }
    }
}
