import ApusJWT
import Foundation
import Testing

@Suite struct RoundTripTests {
    @Test(arguments: JWSAlgorithm.allCases)
    func tokenSignedWithEachAlgorithmVerifiesWithItsPublicKey(algorithm: JWSAlgorithm) async throws {
        let signer = JWTSigner(keys: await keySet(try TestKeys.privateKey(algorithm)))
        let token = try await signer.sign(sampleClaims, registered: validRegistered(), kid: "k1")
        let verified = try await makeVerifier(await keySet(try TestKeys.publicKey(algorithm)), algorithms: [algorithm])
            .verify(token, as: UserClaims.self)
        #expect(verified.claims == sampleClaims)
        #expect(verified.registered == validRegistered())
        #expect(verified.keyID == "k1")
        #expect(verified.algorithm == algorithm)
    }

    @Test func headerNamesTheAlgorithmTheTypeAndTheKid() async throws {
        let token = try await JWTSigner(keys: try await keySet(.hmac("secret-padded-to-32-bytes-0123456789abcdef"), kid: "2026-12")).sign(
            validRegistered(), kid: "2026-12")
        let header = try JSONSerialization.jsonObject(with: try #require(Self.decodedSegment(token, 0))) as? [String: String]
        #expect(header == ["alg": "HS256", "typ": "JWT", "kid": "2026-12"])
    }

    @Test func registeredClaimsAreWrittenAsRFC7519Names() async throws {
        let token = try await JWTSigner(keys: try await keySet(.hmac("secret-padded-to-32-bytes-0123456789abcdef"), kid: nil)).sign(
            sampleClaims, registered: validRegistered())
        let payload = try JSONSerialization.jsonObject(with: try #require(Self.decodedSegment(token, 1))) as? NSDictionary
        let expected: NSDictionary = [
            "iss": testIssuer, "sub": "alice", "aud": testAudience, "exp": 1_796_170_200, "nbf": 1_796_169_540, "iat": 1_796_169_540,
            "name": "Alice", "admin": true, "scopes": ["items:read", "items:write"],
        ]
        #expect(payload == expected)
    }

    @Test func aClaimsPropertyWithARegisteredNameHasTheLastWord() async throws {
        struct SubjectClaims: Codable, Sendable { var sub: String }
        let keys = try await keySet(.hmac("secret-padded-to-32-bytes-0123456789abcdef"), kid: nil)
        let token = try await JWTSigner(keys: keys).sign(SubjectClaims(sub: "bob"), registered: RegisteredClaims(subject: "alice"))
        let verified = try await JWTVerifier(keys: keys, algorithms: [.hs256], requireExpiration: false).verify(
            token, as: SubjectClaims.self)
        #expect(verified.claims.sub == "bob")
        #expect(verified.registered.subject == "bob")
    }

    @Test func signerFillsIssuerAudienceIssuedAtAndExpiryFromItsLifetime() async throws {
        let keys = try await keySet(.hmac("secret-padded-to-32-bytes-0123456789abcdef"))
        let signer = JWTSigner(keys: keys, issuer: testIssuer, audience: [testAudience], lifetime: .seconds(1800), now: { testNow })
        let token = try await signer.sign(RegisteredClaims(subject: "alice"), kid: "k1")
        let verified = try await makeVerifier(keys, algorithms: [.hs256]).verify(token)
        #expect(
            verified.registered
                == RegisteredClaims(
                    issuer: testIssuer, subject: "alice", audience: [testAudience], expiresAt: testNow.addingTimeInterval(1800),
                    issuedAt: testNow
                )
        )
    }

    @Test func registeredClaimsAloneVerifyAsNoClaims() async throws {
        let keys = try await keySet(.hmac("secret-padded-to-32-bytes-0123456789abcdef"))
        let token = try await JWTSigner(keys: keys).sign(validRegistered(), kid: "k1")
        #expect(try await makeVerifier(keys, algorithms: [.hs256]).verify(token).registered.subject == "alice")
    }

    @Test func fractionalTimesAndAnAudienceArrayAreRead() async throws {
        let token = TokenCrafting.hs256(
            header: #"{"alg":"HS256","typ":"JWT"}"#,
            payload: #"{"exp":1796170200.5,"iat":1796169540.25,"aud":["other",""# + testAudience + #""],"iss":""# + testIssuer + #""}"#,
            secret: Data("secret-padded-to-32-bytes-0123456789abcdef".utf8)
        )
        let verified = try await makeVerifier(
            try await keySet(.hmac("secret-padded-to-32-bytes-0123456789abcdef"), kid: nil), algorithms: [.hs256]
        ).verify(token)
        #expect(verified.registered.expiresAt == Date(timeIntervalSince1970: 1_796_170_200.5))
        #expect(verified.registered.audience == ["other", testAudience])
    }

    static func decodedSegment(_ token: String, _ index: Int) -> Data? {
        var text = TokenCrafting.segments(token)[index].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        text += String(repeating: "=", count: (4 - text.count % 4) % 4)
        return Data(base64Encoded: text)
    }
}
