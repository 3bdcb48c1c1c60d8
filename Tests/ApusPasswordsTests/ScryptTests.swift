import ApusPasswords
import Foundation
import Testing

/// New hashes: scrypt in the PHC string format, checked against RFC 7914's vectors.
@Suite struct ScryptTests {
    /// RFC 7914 §12. The fourth (N = 2^20, 1 GiB) is ``rfc7914LargestVector()``.
    struct Vector: Sendable, CustomTestStringConvertible {
        var password: String
        var salt: String
        var logN: Int
        var r: Int
        var p: Int
        var derivedKey: String
        var testDescription: String { "N=2^\(self.logN), r=\(self.r), p=\(self.p)" }

        var phc: String {
            scryptPHC(logN: self.logN, r: self.r, p: self.p, salt: Array(self.salt.utf8), key: hexBytes(self.derivedKey))
        }
    }

    static let vectors = [
        Vector(
            password: "", salt: "", logN: 4, r: 1, p: 1,
            derivedKey: "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442"
                + "fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906"),
        Vector(
            password: "password", salt: "NaCl", logN: 10, r: 8, p: 16,
            derivedKey: "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
                + "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640"),
        Vector(
            password: "pleaseletmein", salt: "SodiumChloride", logN: 14, r: 8, p: 1,
            derivedKey: "7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2"
                + "d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887"),
    ]

    @Test(arguments: vectors) func rfc7914VectorVerifies(_ vector: Vector) async throws {
        let hasher = try cheapHasher()
        #expect(try await hasher.verify(vector.password, against: vector.phc))
        #expect(try await !hasher.verify(vector.password + "!", against: vector.phc))
    }

    /// 1 GiB and about 20 s in a debug build on two cores (measured): run with `APUS_SCRYPT_LARGEST_VECTOR=1`.
    /// It needs limits above the defaults (256 MiB).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["APUS_SCRYPT_LARGEST_VECTOR"] == "1"))
    func rfc7914LargestVector() async throws {
        let vector = Vector(
            password: "pleaseletmein", salt: "SodiumChloride", logN: 20, r: 8, p: 1,
            derivedKey: "2101cb9b6a511aaeaddbbe09cf70f881ec568d574a2ffd4dabe5ee9820adaa47"
                + "8e56fd8f4ba5d09ffa1c6d927c40f4c337304049e8a952fbcbf45c6fa77a41a4")
        let hasher = try cheapHasher(limits: .init(maximumScryptWorkByteCount: 1 << 30))
        #expect(try await hasher.verify(vector.password, against: vector.phc))
    }

    @Test func hashIsPHCStringWithConfiguredParametersSaltAndKey() async throws {
        let hash = try await cheapHasher().hash("correct horse battery staple")
        let fields = hash.split(separator: "$", omittingEmptySubsequences: false)
        #expect(fields.count == 5)
        #expect(fields[1] == "scrypt")
        #expect(fields[2] == "ln=4,r=8,p=1")
        // 16 bytes of salt and 32 of hash, unpadded: 22 and 43 characters of the standard alphabet.
        #expect(fields[3].count == 22)
        #expect(fields[4].count == 43)
        #expect(!fields[3].contains("=") && !fields[4].contains("="))
    }

    @Test func defaultParametersAreOWASPs() throws {
        let hasher = try PasswordHasher()
        #expect(hasher.configuration.scrypt == ScryptParameters(logN: 17, blockSize: 8, parallelism: 1))
    }

    @Test func hashVerifiesWithItsPassword() async throws {
        let hasher = try cheapHasher()
        for password in ["correct horse battery staple", "", "pässwörd 🔑", String(repeating: "x", count: 4096)] {
            let hash = try await hasher.hash(password)
            #expect(try await hasher.verify(password, against: hash))
        }
    }

    @Test func wrongPasswordDoesNotVerify() async throws {
        let hasher = try cheapHasher()
        let hash = try await hasher.hash("correct horse battery staple")
        #expect(try await !hasher.verify("correct horse battery stapl", against: hash))
        #expect(try await !hasher.verify("Correct horse battery staple", against: hash))
        #expect(try await !hasher.verify("", against: hash))
    }

    @Test func unicodeIsNotNormalized() async throws {
        // "é" precomposed (U+00E9) and decomposed (e + U+0301) are different passwords, as in passlib.
        let hasher = try cheapHasher()
        let hash = try await hasher.hash("caf\u{E9}")
        #expect(try await !hasher.verify("cafe\u{301}", against: hash))
    }

    @Test func everyHashHasItsOwnSalt() async throws {
        let hasher = try cheapHasher()
        var hashes = Set<String>()
        for _ in 0..<16 { hashes.insert(try await hasher.hash("same password")) }
        #expect(hashes.count == 16)
        let salts = Set(hashes.map { $0.split(separator: "$")[2] })
        #expect(salts.count == 16)
    }

    @Test func passwordOverTheMaximumIsNotHashed() async throws {
        let hasher = try cheapHasher()
        let long = String(repeating: "x", count: 4097)
        await #expect(throws: PasswordHashError.passwordTooLong(byteCount: 4097, maximum: 4096)) {
            try await hasher.hash(long)
        }
        // Counted in UTF-8 bytes: 1025 four-byte characters are 4100 bytes.
        await #expect(throws: PasswordHashError.passwordTooLong(byteCount: 4100, maximum: 4096)) {
            try await hasher.hash(String(repeating: "🔑", count: 1025))
        }
    }

    @Test func passwordOverTheMaximumDoesNotVerify() async throws {
        let hasher = try cheapHasher()
        let hash = try await hasher.hash("short")
        #expect(try await !hasher.verify(String(repeating: "x", count: 1 << 20), against: hash))
    }

    @Test func configuredParametersOutsideTheLimitsAreRefused() {
        #expect(throws: PasswordHashError.parameterOutOfRange(name: "ln", value: 21, allowed: 1...20)) {
            try PasswordHasher(configuration: .init(scrypt: ScryptParameters(logN: 21, blockSize: 8, parallelism: 1)))
        }
        #expect(throws: PasswordHashError.parameterOutOfRange(name: "p", value: 0, allowed: 1...16)) {
            try PasswordHasher(configuration: .init(scrypt: ScryptParameters(logN: 4, blockSize: 8, parallelism: 0)))
        }
        // A limit below the algorithm's minimum allows the minimum only.
        #expect(throws: PasswordHashError.parameterOutOfRange(name: "ln", value: 4, allowed: 1...1)) {
            try PasswordHasher(configuration: .init(scrypt: cheapScrypt, limits: .init(maximumScryptLogN: 0)))
        }
    }

    @Test func scryptOutsideWhatSwiftCryptoRunsFailsAsKeyDerivation() async throws {
        // swift-crypto 4.5.2 sizes scrypt's memory limit too tightly for r > 16 with p = 1 (see Limits); with the
        // limit raised, that surfaces as a derivation failure, not a crash or a false.
        let hasher = try cheapHasher(limits: .init(maximumScryptBlockSize: 32))
        let hash = scryptPHC(logN: 4, r: 32, p: 1, salt: Array(repeating: 1, count: 16), key: Array(repeating: 2, count: 32))
        await #expect(throws: PasswordHashError.keyDerivationFailed(algorithm: "scrypt")) {
            try await hasher.verify("password", against: hash)
        }
    }

    @Test func errorsDescribeThemselves() {
        #expect(
            PasswordHashError.parameterOutOfRange(name: "ln", value: 60, allowed: 1...20).description
                == "password hash parameter ln=60 is outside 1...20")
        #expect(PasswordHashError.malformedHash(reason: "x").description == "malformed password hash: x")
        #expect(PasswordHashError.unsupportedAlgorithm.description.hasPrefix("the stored hash is not $scrypt$"))
        #expect(PasswordHashError.passwordTooLong(byteCount: 5000, maximum: 4096).description.contains("5000"))
        #expect(PasswordHashError.keyDerivationFailed(algorithm: "scrypt").description == "scrypt key derivation failed")
    }
}
