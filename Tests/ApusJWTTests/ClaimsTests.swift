import ApusJWT
import Foundation
import Testing

@Suite struct ClaimsTests {
    /// A token signed with the test HMAC key, with these registered claims.
    func token(_ registered: RegisteredClaims) async throws -> String {
        try await JWTSigner(keys: try await keySet(.hmac("secret-padded-to-32-bytes-0123456789abcdef"))).sign(
            sampleClaims, registered: registered, kid: "k1")
    }

    func refusal(_ registered: RegisteredClaims, leeway: Duration = .zero) async throws -> JWTVerificationError? {
        let token = try await self.token(registered)
        let verifier = makeVerifier(
            try await keySet(.hmac("secret-padded-to-32-bytes-0123456789abcdef")), algorithms: [.hs256], leeway: leeway)
        return await verificationError { try await verifier.verify(token, as: UserClaims.self) }
    }

    @Test func aTokenIsExpiredFromTheSecondOfItsExp() async throws {
        var claims = validRegistered()
        claims.expiresAt = testNow
        #expect(try await self.refusal(claims) == .expired(at: testNow))
        claims.expiresAt = testNow.addingTimeInterval(1)
        #expect(try await self.refusal(claims) == nil)
    }

    @Test func leewayAcceptsARecentlyExpiredToken() async throws {
        var claims = validRegistered()
        claims.expiresAt = testNow.addingTimeInterval(-10)
        #expect(try await self.refusal(claims, leeway: .seconds(30)) == nil)
        #expect(try await self.refusal(claims, leeway: .seconds(10)) == .expired(at: testNow.addingTimeInterval(-10)))
    }

    @Test func aTokenIsRefusedBeforeItsNotBefore() async throws {
        var claims = validRegistered()
        claims.notBefore = testNow.addingTimeInterval(5)
        #expect(try await self.refusal(claims) == .notYetValid(until: testNow.addingTimeInterval(5)))
        #expect(try await self.refusal(claims, leeway: .seconds(5)) == nil)
    }

    @Test func aTokenIssuedInTheFutureIsRefused() async throws {
        var claims = validRegistered()
        claims.issuedAt = testNow.addingTimeInterval(120)
        #expect(try await self.refusal(claims) == .issuedInFuture(at: testNow.addingTimeInterval(120)))
        #expect(try await self.refusal(claims, leeway: .seconds(120)) == nil)
    }

    @Test func aTokenWithoutExpIsRefusedUnlessTheVerifierAllowsIt() async throws {
        var claims = validRegistered()
        claims.expiresAt = nil
        #expect(try await self.refusal(claims) == .missingClaim("exp"))
        let lenient = JWTVerifier(
            keys: try await keySet(.hmac("secret-padded-to-32-bytes-0123456789abcdef")), algorithms: [.hs256], audience: testAudience,
            issuer: testIssuer, requireExpiration: false,
            now: { testNow })
        #expect(try await lenient.verify(try await self.token(claims)).registered.expiresAt == nil)
    }

    @Test func theAudienceMustBeNamedAndATokenWithAnAudienceNeedsAVerifierThatExpectsOne() async throws {
        var claims = validRegistered()
        claims.audience = ["someone-else"]
        #expect(try await self.refusal(claims) == .invalidAudience)
        claims.audience = ["someone-else", testAudience]
        #expect(try await self.refusal(claims) == nil)
        claims.audience = nil
        #expect(try await self.refusal(claims) == .missingClaim("aud"))

        let noAudience = JWTVerifier(
            keys: try await keySet(.hmac("secret-padded-to-32-bytes-0123456789abcdef")), algorithms: [.hs256], now: { testNow })
        let token = try await self.token(validRegistered())
        #expect(await verificationError { try await noAudience.verify(token) } == .invalidAudience)
    }

    @Test func theIssuerMustMatch() async throws {
        var claims = validRegistered()
        claims.issuer = "https://evil.test"
        #expect(try await self.refusal(claims) == .invalidIssuer)
        claims.issuer = nil
        #expect(try await self.refusal(claims) == .missingClaim("iss"))
    }

    @Test func aPayloadThatIsNotTheClaimsTypeIsRefused() async throws {
        let keys = try await keySet(.hmac("secret-padded-to-32-bytes-0123456789abcdef"), kid: nil)
        let verifier = makeVerifier(keys, algorithms: [.hs256])
        let payloads = [
            #"{"exp":1796170200,"aud":"apus-tests","iss":"https://issuer.test"}"#,  // no `name`, `admin`, `scopes`
            #"{"exp":"tomorrow","name":"A","admin":true,"scopes":[]}"#,
            #"{"aud":7,"name":"A","admin":true,"scopes":[]}"#,
            #"[1,2,3]"#,
            "not json",
        ]
        for payload in payloads {
            let token = TokenCrafting.hs256(
                header: #"{"alg":"HS256"}"#, payload: payload, secret: Data("secret-padded-to-32-bytes-0123456789abcdef".utf8))
            let error = await verificationError { try await verifier.verify(token, as: UserClaims.self) }
            guard case .invalidClaims = error else {
                Issue.record("\(payload): \(String(describing: error))")
                continue
            }
        }
    }
}
