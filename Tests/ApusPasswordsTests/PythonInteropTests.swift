import ApusPasswords
import ApusTesting
import Foundation
import Testing

/// Logins survive a move from Python: hashes made by Python's `bcrypt` and by passlib verify (the fixtures made
/// once, and fresh ones made at test time by ``TestPython``), wrong passwords fail, and
/// passlib verifies the scrypt hashes Apus writes.
@Suite struct PythonInteropTests {
    @Test(arguments: PythonFixtures.all) func pythonFixtureVerifies(_ fixture: PythonFixtures.Fixture) async throws {
        let hasher = try cheapHasher()
        #expect(try await hasher.verify(fixture.password, against: fixture.hash))
        #expect(try await !hasher.verify(fixture.password + "x", against: fixture.hash))
    }

    @Test func bcryptReadsTheFirst72BytesOnly() async throws {
        // What bcrypt before 5.0 did with longer passwords, silently; bcrypt 5.0 refuses them.
        let hasher = try cheapHasher()
        let x72 = String(repeating: "x", count: 72)
        #expect(try await hasher.verify(x72, against: PythonFixtures.bcrypt72x))
        #expect(try await hasher.verify(x72 + "anything", against: PythonFixtures.bcrypt72x))
        #expect(try await !hasher.verify(String(x72.dropLast()), against: PythonFixtures.bcrypt72x))
    }

    @Test func bcryptPasswordWithNULNeverMatches() async throws {
        // The C implementation would stop at the NUL and accept "correct horse battery staple\0..." for the original.
        let fixture = PythonFixtures.bcrypt[0]
        #expect(try await !cheapHasher().verify(fixture.password + "\0suffix", against: fixture.hash))
    }

    @Test(.enabled(if: IsolatedTests.run)) func freshPythonHashesVerify() async throws {
        let output = try await PythonProcess.run(Self.generator)
        let lines = output.split(separator: "\n")
        // 4 passwords × bcrypt $2b$, $2a$, pbkdf2-sha256, scrypt.
        #expect(lines.count == 16)
        let hasher = try cheapHasher()
        for line in lines {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            try #require(fields.count == 2, "unexpected line from Python: \(line)")
            let password = String(decoding: hexBytes(String(fields[0])), as: UTF8.self)
            let hash = String(fields[1])
            #expect(try await hasher.verify(password, against: hash), "\(hash) for \(password.debugDescription)")
            #expect(try await !hasher.verify(password + "x", against: hash), "\(hash) for \(password.debugDescription)x")
        }
    }

    @Test(.enabled(if: IsolatedTests.run)) func passlibVerifiesApusScrypt() async throws {
        let hasher = try cheapHasher()
        var arguments: [String] = []
        for password in ["correct horse battery staple", "pässwörd 🔑", ""] {
            let hash = try await hasher.hash(password)
            arguments += [phcHex(password), hash, phcHex(password + "x"), hash]
        }
        let output = try await PythonProcess.run(Self.verifier, arguments: arguments)
        #expect(output.split(separator: "\n") == ["True", "False", "True", "False", "True", "False"])
    }

    private func phcHex(_ password: String) -> String {
        password.utf8.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }

    static let imports = """
        import sys, secrets
        try:
            import bcrypt
            from passlib.hash import pbkdf2_sha256, scrypt
        except ImportError as error:
            print(f"{error}: the interpreter needs bcrypt and passlib", file=sys.stderr)
            sys.exit(3)

        """

    static let generator =
        imports + """
            for password in ["correct horse battery staple", "pässwörd 🔑", "", secrets.token_urlsafe(24)]:
                raw = password.encode()
                print(raw.hex(), bcrypt.hashpw(raw, bcrypt.gensalt(4)).decode(), sep="\\t")
                print(raw.hex(), bcrypt.hashpw(raw, bcrypt.gensalt(4, prefix=b"2a")).decode(), sep="\\t")
                print(raw.hex(), pbkdf2_sha256.using(rounds=1000).hash(password), sep="\\t")
                print(raw.hex(), scrypt.using(rounds=4).hash(password), sep="\\t")
            """

    static let verifier =
        imports + """
            for password, stored in zip(sys.argv[1::2], sys.argv[2::2]):
                print(scrypt.verify(bytes.fromhex(password).decode(), stored))
            """
}

/// Python's `bcrypt` and `passlib` for the interop tests: ``TestPython`` with `requirements.txt`'s pins (CI's venv
/// when `APUS_TEST_PYTHON` is set, else one made on first use).
enum PythonProcess {
    static func run(_ script: String, arguments: [String] = []) async throws -> String {
        let requirements = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("requirements.txt").path
        return try await TestPython.run(script, arguments: arguments, requirements: try TestPython.requirements(inFile: requirements))
    }
}
