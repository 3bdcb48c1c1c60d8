import ApusPasswords
import Testing

/// `needsRehash`: after a successful login, a hash that is not the current algorithm at the configured cost is
/// replaced.
@Suite struct RehashTests {
    let hasher: PasswordHasher
    let salt = [UInt8](repeating: 7, count: 16)
    let key = [UInt8](repeating: 9, count: 32)

    init() throws {
        self.hasher = try PasswordHasher(
            configuration: .init(scrypt: ScryptParameters(logN: 10, blockSize: 8, parallelism: 2)))
    }

    @Test func ownHashNeedsNoRehash() async throws {
        #expect(!self.hasher.needsRehash(try await self.hasher.hash("pw")))
    }

    @Test func strongerScryptNeedsNoRehash() {
        #expect(!self.hasher.needsRehash(scryptPHC(logN: 11, r: 8, p: 2, salt: self.salt, key: self.key)))
        #expect(!self.hasher.needsRehash(scryptPHC(logN: 10, r: 16, p: 4, salt: self.salt, key: self.key)))
    }

    @Test(arguments: [(9, 8, 2), (10, 4, 2), (10, 8, 1), (12, 8, 1)])
    func scryptWithAnyWeakerParameterNeedsRehash(logN: Int, r: Int, p: Int) {
        #expect(self.hasher.needsRehash(scryptPHC(logN: logN, r: r, p: p, salt: self.salt, key: self.key)))
    }

    @Test func shorterSaltOrKeyNeedsRehash() {
        #expect(self.hasher.needsRehash(scryptPHC(logN: 10, r: 8, p: 2, salt: Array(self.salt.prefix(8)), key: self.key)))
        #expect(self.hasher.needsRehash(scryptPHC(logN: 10, r: 8, p: 2, salt: self.salt, key: Array(self.key.prefix(16)))))
    }

    @Test func otherAlgorithmsNeedRehash() {
        #expect(self.hasher.needsRehash(PythonFixtures.bcrypt[0].hash))
        #expect(self.hasher.needsRehash(PythonFixtures.pbkdf2SHA256[0].hash))
    }

    @Test func unreadableHashNeedsRehash() {
        #expect(self.hasher.needsRehash(""))
        #expect(self.hasher.needsRehash("$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA"))
        #expect(self.hasher.needsRehash("$scrypt$ln=10,r=8,p=2$not base64!$"))
    }
}
