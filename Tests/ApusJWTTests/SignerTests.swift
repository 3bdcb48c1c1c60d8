import ApusJWT
import Foundation
import Testing

@Suite struct SignerTests {
    func signingError(_ body: () async throws -> String) async -> JWTSigningError? {
        do {
            _ = try await body()
            return nil
        } catch {
            return error as? JWTSigningError
        }
    }

    @Test func aKidWithoutAKeyCannotSign() async throws {
        let signer = JWTSigner(keys: try await keySet(.hmac("secret-padded-to-32-bytes-0123456789abcdef"), kid: "k1"))
        #expect(await self.signingError { try await signer.sign(validRegistered(), kid: "k2") } == .unknownKey(kid: "k2"))
        #expect(await self.signingError { try await signer.sign(validRegistered()) } == .unknownKey(kid: nil))
        #expect(
            await self.signingError { try await signer.sign(validRegistered(), kid: "k1", algorithm: .hs512) } == .unknownKey(kid: "k1"))
    }

    @Test func aKidWithKeysForSeveralAlgorithmsNeedsTheAlgorithmNamed() async throws {
        let keys = try await keySet(.hmac("secret-padded-to-32-bytes-0123456789abcdef", digest: .sha256))
        try await keys.add(.hmac(TestKeys.hmacSecret, digest: .sha512), kid: "k1")
        let signer = JWTSigner(keys: keys)
        #expect(
            await self.signingError { try await signer.sign(validRegistered(), kid: "k1") }
                == .ambiguousAlgorithm(kid: "k1", [.hs256, .hs512]))
        let token = try await signer.sign(validRegistered(), kid: "k1", algorithm: .hs512)
        #expect(try await makeVerifier(keys, algorithms: [.hs512]).verify(token).algorithm == .hs512)
    }

    @Test func anHMACSecretShorterThanTheHashIsRefused() throws {
        #expect(throws: JWTKeyError.secretTooShort(.hs256, bytes: 31, minimum: 32)) { try JWTKey.hmac(String(repeating: "s", count: 31)) }
        #expect(throws: JWTKeyError.secretTooShort(.hs384, bytes: 47, minimum: 48)) {
            try JWTKey.hmac([UInt8](repeating: 1, count: 47), digest: .sha384)
        }
        #expect(throws: JWTKeyError.secretTooShort(.hs512, bytes: 63, minimum: 64)) {
            try JWTKey.hmac(String(repeating: "s", count: 63), digest: .sha512)
        }
        #expect(try JWTKey.hmac(String(repeating: "s", count: 64), digest: .sha512).algorithm == .hs512)
    }

    @Test func claimsThatAreNotAJSONObjectAreRefused() async throws {
        let signer = JWTSigner(keys: try await keySet(.hmac("secret-padded-to-32-bytes-0123456789abcdef")))
        #expect(await self.signingError { try await signer.sign("just a string", kid: "k1") } == .claimsNotAnObject)
        #expect(await self.signingError { try await signer.sign([1, 2, 3], kid: "k1") } == .claimsNotAnObject)
    }

    @Test func aPublicKeyCannotSign() async throws {
        let signer = JWTSigner(keys: await keySet(.rsa(try TestKeys.rsa().publicKey)))
        guard case .signingFailed = await self.signingError({ try await signer.sign(validRegistered(), kid: "k1") }) else {
            Issue.record("an RSA public key signed a token")
            return
        }
    }

    @Test func aDateThatIsNoNumericDateCannotBeSigned() async throws {
        let signer = JWTSigner(keys: try await keySet(.hmac("secret-padded-to-32-bytes-0123456789abcdef")))
        let registered = RegisteredClaims(expiresAt: Date(timeIntervalSince1970: 1e300))
        guard case .signingFailed = await self.signingError({ try await signer.sign(registered, kid: "k1") }) else {
            Issue.record("exp 1e300 was signed")
            return
        }
    }
}
