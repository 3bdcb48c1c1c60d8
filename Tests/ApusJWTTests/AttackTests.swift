import ApusJWT
import Foundation
import Testing

/// Tokens an attacker can send. Each is refused with a `JWTVerificationError` (so a 401, see
/// `HTTPAnswerTests`), never a crash or another error.
@Suite struct AttackTests {
    let validPayload = #"{"sub":"alice","exp":1796170200,"aud":"apus-tests","iss":"https://issuer.test"}"#

    /// HS256 under "k1", the RSA public key under "rsa" (RS256), both allowed.
    func fixture() async throws -> (keys: JWTKeySet, verifier: JWTVerifier, token: String) {
        let keys = JWTKeySet()
        try await keys.add(.hmac(TestKeys.hmacSecret), kid: "k1")
        await keys.add(.rsa(try TestKeys.rsa().publicKey), kid: "rsa")
        let signer = JWTSigner(keys: try await keySet(.hmac(TestKeys.hmacSecret)))
        let token = try await signer.sign(sampleClaims, registered: validRegistered(), kid: "k1")
        return (keys, makeVerifier(keys, algorithms: [.hs256, .rs256]), token)
    }

    func refusal(_ token: String, _ verifier: JWTVerifier) async -> JWTVerificationError? {
        await verificationError { try await verifier.verify(token, as: UserClaims.self) }
    }

    @Test func theFixtureTokenItselfVerifies() async throws {
        let (_, verifier, token) = try await self.fixture()
        #expect(try await verifier.verify(token, as: UserClaims.self).claims == sampleClaims)
    }

    @Test func algNoneIsRefusedBeforeAnyKeyIsTried() async throws {
        let (_, verifier, _) = try await self.fixture()
        for alg in ["none", "None", "NONE", "nOnE"] {
            let token = TokenCrafting.token(header: #"{"alg":"\#(alg)","typ":"JWT","kid":"k1"}"#, payload: self.validPayload)
            #expect(await self.refusal(token, verifier) == .algorithmNotAllowed(alg))
        }
        let noAlg = TokenCrafting.token(header: #"{"typ":"JWT","kid":"k1"}"#, payload: self.validPayload, signature: Data([1, 2, 3]))
        #expect(await self.refusal(noAlg, verifier) == .algorithmNotAllowed(""))
    }

    @Test func hs256SignedWithTheRSAPublicKeyIsRefusedByTheAllowList() async throws {
        let (keys, _, _) = try await self.fixture()
        let publicPEM = Data(try TestKeys.rsa().publicKey.pemRepresentation.utf8)
        let forged = TokenCrafting.hs256(header: #"{"alg":"HS256","kid":"rsa"}"#, payload: self.validPayload, secret: publicPEM)
        #expect(await self.refusal(forged, makeVerifier(keys, algorithms: [.rs256])) == .algorithmNotAllowed("HS256"))
    }

    @Test func hs256SignedWithTheRSAPublicKeyIsRefusedWhenBothAlgorithmsAreAllowed() async throws {
        let (_, verifier, _) = try await self.fixture()
        let publicKey = try TestKeys.rsa().publicKey
        for secret in [Data(publicKey.pemRepresentation.utf8), publicKey.derRepresentation] {
            let forged = TokenCrafting.hs256(header: #"{"alg":"HS256","kid":"rsa"}"#, payload: self.validPayload, secret: secret)
            #expect(await self.refusal(forged, verifier) == .unknownKey(kid: "rsa", algorithm: .hs256))
        }
    }

    @Test func anExpiredTokenIsRefused() async throws {
        let (_, verifier, token) = try await self.fixture()
        let later = JWTVerifier(
            keys: verifier.keys, algorithms: verifier.algorithms, audience: testAudience, issuer: testIssuer,
            now: { testNow.addingTimeInterval(601) })
        #expect(await self.refusal(token, later) == .expired(at: testNow.addingTimeInterval(600)))
    }

    @Test func aTokenWhoseNotBeforeIsInTheFutureIsRefused() async throws {
        let (_, verifier, token) = try await self.fixture()
        let earlier = JWTVerifier(
            keys: verifier.keys, algorithms: verifier.algorithms, audience: testAudience, issuer: testIssuer,
            now: { testNow.addingTimeInterval(-61) })
        #expect(await self.refusal(token, earlier) == .notYetValid(until: testNow.addingTimeInterval(-60)))
    }

    @Test func aTokenForAnotherAudienceOrFromAnotherIssuerIsRefused() async throws {
        let (keys, _, token) = try await self.fixture()
        let otherAudience = JWTVerifier(keys: keys, algorithms: [.hs256], audience: "billing", issuer: testIssuer, now: { testNow })
        #expect(await self.refusal(token, otherAudience) == .invalidAudience)
        let otherIssuer = JWTVerifier(
            keys: keys, algorithms: [.hs256], audience: testAudience, issuer: "https://other.test", now: { testNow })
        #expect(await self.refusal(token, otherIssuer) == .invalidIssuer)
    }

    @Test func aTamperedPayloadIsRefused() async throws {
        let (_, verifier, token) = try await self.fixture()
        var segments = TokenCrafting.segments(token)
        segments[1] = TokenCrafting.base64URL(#"{"sub":"mallory","exp":1796170200,"aud":"apus-tests","iss":"https://issuer.test"}"#)
        #expect(await self.refusal(segments.joined(separator: "."), verifier) == .invalidSignature)
        var header = TokenCrafting.segments(token)
        header[0] = TokenCrafting.base64URL(#"{"alg":"HS256","kid":"k1","typ":"JWT","x":1}"#)
        #expect(await self.refusal(header.joined(separator: "."), verifier) == .invalidSignature)
    }

    @Test func everyTruncationOfTheSignatureIsRefused() async throws {
        let (_, verifier, token) = try await self.fixture()
        let signatureLength = TokenCrafting.segments(token)[2].count
        for dropped in 1...signatureLength {
            let error = await self.refusal(String(token.dropLast(dropped)), verifier)
            #expect(error == .invalidSignature || error == .malformed("a segment of a length base64url cannot have"), "dropped \(dropped)")
        }
    }

    @Test func aSignatureFromAnotherKeyIsRefused() async throws {
        let (_, verifier, _) = try await self.fixture()
        let token = try await JWTSigner(keys: try await keySet(.hmac("another-secret-padded-to-32-bytes-0123456789abcdef"))).sign(
            validRegistered(), kid: "k1")
        #expect(await self.refusal(token, verifier) == .invalidSignature)
        let rsaToken = try await JWTSigner(keys: await keySet(.rsa(try TestKeys.otherRSA()), kid: "rsa")).sign(
            validRegistered(), kid: "rsa")
        #expect(await self.refusal(rsaToken, verifier) == .invalidSignature)
    }

    @Test func anUnknownKidIsRefusedAndNeverFallsBackToAnotherKey() async throws {
        let (_, verifier, _) = try await self.fixture()
        let token = try await JWTSigner(keys: try await keySet(.hmac(TestKeys.hmacSecret), kid: "k9")).sign(
            validRegistered(), kid: "k9")
        #expect(await self.refusal(token, verifier) == .unknownKey(kid: "k9", algorithm: .hs256))
    }

    @Test func a64KiBTokenIsRefusedUnread() async throws {
        let (_, verifier, token) = try await self.fixture()
        var segments = TokenCrafting.segments(token)
        segments[1] = String(repeating: "A", count: 64 * 1024)
        let long = segments.joined(separator: ".")
        #expect(await self.refusal(long, verifier) == .tokenTooLong(length: long.utf8.count, limit: 8192))
    }

    @Test func garbageThatIsNotBase64URLIsRefused() async throws {
        let (_, verifier, token) = try await self.fixture()
        let garbage = [
            "!!!.@@@.###", "not a token", "Bearer \(token)", "\(token) ", "\(token)=", "é.é.é", "a.b.c\u{0}", "%7B.%7B.%7B",
            token.replacingOccurrences(of: ".", with: ".\n"),
        ]
        for text in garbage {
            #expect(await self.refusal(text, verifier) == .malformed("a byte outside the base64url alphabet"), "\(text)")
        }
        let headers = ["[]", "\"HS256\"", "{", "null", #"{"alg":1}"#, #"{"alg":"HS256","kid":["k1"]}"#]
        for header in headers {
            let error = await self.refusal(TokenCrafting.token(header: header, payload: self.validPayload, signature: Data([1])), verifier)
            guard case .malformed = error else {
                Issue.record("\(header): \(String(describing: error))")
                continue
            }
        }
        #expect(await self.refusal("AAAAA.AAAA.AAAA", verifier) == .malformed("a segment of a length base64url cannot have"))
    }

    @Test func aHeaderNamingCriticalExtensionsIsRefused() async throws {
        let (_, verifier, _) = try await self.fixture()
        let token = TokenCrafting.hs256(
            header: #"{"alg":"HS256","kid":"k1","crit":["b64"],"b64":false}"#, payload: self.validPayload,
            secret: Data(TestKeys.hmacSecret.utf8))
        #expect(await self.refusal(token, verifier) == .malformed("the header names critical extensions (crit)"))
    }

    @Test func aJSONBombInTheHeaderIsRefusedByLengthAndWithoutTheLimitWithoutOverflowingTheStack() async throws {
        let (keys, verifier, _) = try await self.fixture()
        let unlimited = makeVerifier(keys, algorithms: [.hs256], maxTokenLength: 4 << 20)
        for depth in [100_000, 1_000_000] {
            for header in [
                String(repeating: "[", count: depth),
                #"{"alg":"HS256","x":"# + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}",
            ] {
                let bomb = TokenCrafting.token(header: header, payload: self.validPayload, signature: Data([1]))
                #expect(await self.refusal(bomb, verifier) == .tokenTooLong(length: bomb.utf8.count, limit: 8192))
                guard case .malformed = await self.refusal(bomb, unlimited) else {
                    Issue.record("depth \(depth) was not refused as malformed")
                    continue
                }
            }
        }
    }

    @Test func aJSONBombInASignedPayloadIsRefusedWithoutOverflowingTheStack() async throws {
        let (keys, _, _) = try await self.fixture()
        let unlimited = makeVerifier(keys, algorithms: [.hs256], maxTokenLength: 4 << 20)
        let payload = #"{"sub":"# + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"
        let bomb = TokenCrafting.hs256(header: #"{"alg":"HS256","kid":"k1"}"#, payload: payload, secret: Data(TestKeys.hmacSecret.utf8))
        guard case .invalidClaims = await self.refusal(bomb, unlimited) else {
            Issue.record("a 100k-deep payload was not refused as invalid claims")
            return
        }
    }

    @Test func theEmptyStringAndTwoOrFourSegmentsAreRefused() async throws {
        let (_, verifier, token) = try await self.fixture()
        let segments = TokenCrafting.segments(token)
        #expect(await self.refusal("", verifier) == .malformed("1 segments instead of three"))
        #expect(await self.refusal(segments[0...1].joined(separator: "."), verifier) == .malformed("2 segments instead of three"))
        #expect(await self.refusal(token + ".AAAA", verifier) == .malformed("more than three segments"))
        #expect(await self.refusal("..", verifier) == .malformed("a segment of a length base64url cannot have"))
        #expect(await self.refusal(".\(segments[1]).\(segments[2])", verifier) == .malformed("a segment of a length base64url cannot have"))
    }
}
