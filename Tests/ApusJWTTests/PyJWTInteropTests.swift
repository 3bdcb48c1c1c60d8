import ApusJWT
import ApusTesting
import Foundation
import Testing

/// Tokens issued by Python's PyJWT verify here, and tokens issued here verify in PyJWT, for HS256, RS256 and
/// ES256, with keys made by this test and passed to Python in files. Needs a Python with PyJWT and cryptography
/// (`Tests/ApusJWTTests/requirements.txt`), from ``TestPython``; without one the test fails.
@Suite(.enabled(if: IsolatedTests.run)) struct PyJWTInteropTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Interop/pyjwt_interop.py").path

    struct Keys {
        let directory: URL
        /// What PyJWT signs with, and what it verifies with, by algorithm.
        func signingKeyFile(_ algorithm: JWSAlgorithm) -> String { self.directory.appendingPathComponent("\(algorithm)-sign").path }
        func verifyingKeyFile(_ algorithm: JWSAlgorithm) -> String { self.directory.appendingPathComponent("\(algorithm)-verify").path }
    }

    static let algorithms: [JWSAlgorithm] = [.hs256, .rs256, .es256]

    /// PyJWT and cryptography at `requirements.txt`'s pins (``TestPython``: CI's venv when `APUS_TEST_PYTHON` is
    /// set, else one made on first use).
    func python() async throws -> String {
        let requirements = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("requirements.txt").path
        return try await TestPython.interpreter(requirements: try TestPython.requirements(inFile: requirements))
    }

    func writeKeys() throws -> Keys {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("apus-jwt-interop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let keys = Keys(directory: directory)
        let rsa = try TestKeys.rsa()
        let files: [(String, String)] = [
            (keys.signingKeyFile(.hs256), TestKeys.hmacSecret), (keys.verifyingKeyFile(.hs256), TestKeys.hmacSecret),
            (keys.signingKeyFile(.rs256), rsa.pemRepresentation), (keys.verifyingKeyFile(.rs256), rsa.publicKey.pemRepresentation),
            (keys.signingKeyFile(.es256), TestKeys.es256.pemRepresentation),
            (keys.verifyingKeyFile(.es256), TestKeys.es256.publicKey.pemRepresentation),
        ]
        for (path, contents) in files { try Data(contents.utf8).write(to: URL(fileURLWithPath: path)) }
        return keys
    }

    @Test func pyjwtIsInstalled() async throws {
        let result = try await Subprocess.run(try await self.python(), ["-c", "import jwt, cryptography; print(jwt.__version__)"])
        #expect(result.status == 0, "APUS_TEST_PYTHON cannot import jwt and cryptography: \(result.stderr)")
    }

    @Test(arguments: algorithms)
    func aTokenIssuedByPyJWTVerifiesHere(algorithm: JWSAlgorithm) async throws {
        let keys = try self.writeKeys()
        defer { try? FileManager.default.removeItem(at: keys.directory) }
        let now = Date()
        let claims: [String: Any] = [
            "sub": "alice", "name": "Alice", "admin": true, "scopes": ["items:read", "items:write"], "aud": testAudience, "iss": testIssuer,
            "iat": Int(now.timeIntervalSince1970), "exp": Int(now.timeIntervalSince1970) + 600,
        ]
        let input = try JSONSerialization.data(withJSONObject: claims)
        let signed = try await Subprocess.run(
            try await self.python(), [Self.script, "sign", algorithm.rawValue, keys.signingKeyFile(algorithm), "py-1"], stdin: input)
        try #require(signed.status == 0, "PyJWT could not sign: \(signed.stderr)")

        let verifier = JWTVerifier(
            keys: await keySet(try TestKeys.publicKey(algorithm), kid: "py-1"), algorithms: [algorithm], audience: testAudience,
            issuer: testIssuer)
        let verified = try await verifier.verify(signed.stdout, as: UserClaims.self)
        #expect(verified.claims == sampleClaims)
        #expect(verified.registered.subject == "alice")
        #expect(verified.registered.expiresAt == Date(timeIntervalSince1970: Double(Int(now.timeIntervalSince1970) + 600)))
        #expect(verified.keyID == "py-1")

        var tampered = TokenCrafting.segments(signed.stdout)
        tampered[1] = TokenCrafting.base64URL(try JSONSerialization.data(withJSONObject: claims.merging(["sub": "mallory"]) { $1 }))
        #expect(
            await verificationError { try await verifier.verify(tampered.joined(separator: "."), as: UserClaims.self) } == .invalidSignature
        )
    }

    @Test(arguments: algorithms)
    func aTokenIssuedHereVerifiesInPyJWT(algorithm: JWSAlgorithm) async throws {
        let keys = try self.writeKeys()
        defer { try? FileManager.default.removeItem(at: keys.directory) }
        let signer = JWTSigner(
            keys: await keySet(try TestKeys.privateKey(algorithm), kid: "apus-1"), issuer: testIssuer, audience: [testAudience],
            lifetime: .seconds(600))
        let token = try await signer.sign(sampleClaims, registered: RegisteredClaims(subject: "alice"), kid: "apus-1")

        let verified = try await Subprocess.run(
            try await self.python(), [Self.script, "verify", algorithm.rawValue, keys.verifyingKeyFile(algorithm)], stdin: Data(token.utf8))
        try #require(verified.status == 0, "PyJWT refused the token: \(verified.stderr)")
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(verified.stdout.utf8)) as? [String: Any])
        #expect(decoded["header"] as? [String: String] == ["alg": algorithm.rawValue, "typ": "JWT", "kid": "apus-1"])
        let claims = try #require(decoded["claims"] as? [String: Any])
        #expect(claims["sub"] as? String == "alice")
        #expect(claims["name"] as? String == "Alice")
        #expect(claims["admin"] as? Bool == true)
        #expect(claims["scopes"] as? [String] == ["items:read", "items:write"])
        #expect(claims["aud"] as? String == testAudience)
        #expect(claims["iss"] as? String == testIssuer)

        let forged = try await JWTSigner(
            keys: try await keySet(.hmac("not-the-secret-padded-to-32-bytes-0123456789abcdef"), kid: "apus-1"), issuer: testIssuer,
            audience: [testAudience],
            lifetime: .seconds(600)
        )
        .sign(sampleClaims, registered: RegisteredClaims(subject: "alice"), kid: "apus-1")
        let refused = try await Subprocess.run(
            try await self.python(), [Self.script, "verify", algorithm.rawValue, keys.verifyingKeyFile(algorithm)], stdin: Data(forged.utf8)
        )
        #expect(refused.status == 1, "PyJWT took a token signed with another key: \(refused.stdout)")
    }
}

/// A child process run to completion without blocking a thread of the cooperative pool.
enum Subprocess {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static func run(_ executable: String, _ arguments: [String], stdin: Data = Data()) async throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
                return
            }
            input.fileHandleForWriting.write(stdin)
            try? input.fileHandleForWriting.close()
        }
        let out = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let err = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return Result(status: status, stdout: out, stderr: err)
    }
}
