import ApusJWT
import Foundation
import Testing

@Suite struct KeySetTests {
    @Test func tokensOfEveryKidInTheSetVerifyAndARemovedKidNoLonger() async throws {
        let keys = JWTKeySet()
        try await keys.add(.hmac("old-secret-padded-to-32-bytes-0123456789abcdef"), kid: "2026-11")
        try await keys.add(.hmac("new-secret-padded-to-32-bytes-0123456789abcdef"), kid: "2026-12")
        let signer = JWTSigner(keys: keys)
        let oldToken = try await signer.sign(validRegistered(), kid: "2026-11")
        let newToken = try await signer.sign(validRegistered(), kid: "2026-12")
        let verifier = makeVerifier(keys, algorithms: [.hs256])
        #expect(try await verifier.verify(oldToken).keyID == "2026-11")
        #expect(try await verifier.verify(newToken).keyID == "2026-12")

        #expect(keys.remove(kid: "2026-11"))
        #expect(!keys.remove(kid: "2026-11"))
        #expect(keys.kids == ["2026-12"])
        #expect(await verificationError { try await verifier.verify(oldToken) } == .unknownKey(kid: "2026-11", algorithm: .hs256))
        #expect(try await verifier.verify(newToken).keyID == "2026-12")
    }

    @Test func aTokenWithoutKidIsCheckedOnlyWithTheKeyAddedWithoutOne() async throws {
        let keys = try await keySet(.hmac("secret-padded-to-32-bytes-0123456789abcdef"), kid: "k1")
        let token = try await JWTSigner(keys: try await keySet(.hmac("secret-padded-to-32-bytes-0123456789abcdef"), kid: nil)).sign(
            validRegistered())
        let verifier = makeVerifier(keys, algorithms: [.hs256])
        #expect(await verificationError { try await verifier.verify(token) } == .unknownKey(kid: nil, algorithm: .hs256))
        try await keys.add(.hmac("secret-padded-to-32-bytes-0123456789abcdef"))
        #expect(try await verifier.verify(token).keyID == nil)
    }

    @Test func addingUnderTheSameKidAndAlgorithmReplacesTheKey() async throws {
        let keys = try await keySet(.hmac("first-padded-to-32-bytes-0123456789abcdef"))
        let token = try await JWTSigner(keys: try await keySet(.hmac("second-padded-to-32-bytes-0123456789abcdef"))).sign(
            validRegistered(), kid: "k1")
        let verifier = makeVerifier(keys, algorithms: [.hs256])
        #expect(await verificationError { try await verifier.verify(token) } == .invalidSignature)
        try await keys.add(.hmac("second-padded-to-32-bytes-0123456789abcdef"), kid: "k1")
        #expect(try await verifier.verify(token).keyID == "k1")
    }

    @Test func jwksPublicKeysVerifyTokensOfTheirPrivateKeys() async throws {
        let keys = JWTKeySet()
        let kids = try await keys.add(jwksJSON: Data(try JWKSFixture.publicJWKS().utf8))
        #expect(Set(kids) == ["rsa-1", "ec-1", "ed-1"])
        let privateKeys = JWTKeySet()
        await privateKeys.add(.rsa(try TestKeys.rsa()), kid: "rsa-1")
        await privateKeys.add(.rsa(try TestKeys.rsa(), padding: .pss), kid: "rsa-1")
        await privateKeys.add(.ecdsa(TestKeys.es256), kid: "ec-1")
        await privateKeys.add(.eddsa(try TestKeys.eddsa()), kid: "ed-1")
        let signer = JWTSigner(keys: privateKeys)
        let verifier = makeVerifier(keys, algorithms: [.rs256, .ps256, .es256, .eddsa])
        for (kid, algorithm) in [("rsa-1", JWSAlgorithm.rs256), ("rsa-1", .ps256), ("ec-1", .es256), ("ed-1", .eddsa)] {
            let token = try await signer.sign(sampleClaims, registered: validRegistered(), kid: kid, algorithm: algorithm)
            let verified = try await verifier.verify(token, as: UserClaims.self)
            #expect(verified.claims == sampleClaims)
            #expect(verified.algorithm == algorithm)
        }
    }

    @Test func aJWKWithoutAlgIsFiledForEachAlgorithmOfItsKeyTypeAndOneWithAlgForThatAlone() async throws {
        let keys = JWTKeySet()
        try await keys.add(jwksJSON: Data(try JWKSFixture.publicJWKS().utf8))
        let pss = try await JWTSigner(keys: await keySet(.rsa(try TestKeys.rsa(), digest: .sha512, padding: .pss), kid: "rsa-1"))
            .sign(validRegistered(), kid: "rsa-1")
        #expect(try await makeVerifier(keys, algorithms: [.ps512]).verify(pss).algorithm == .ps512)

        try await keys.replaceAll(withJWKS: Data(try JWKSFixture.publicJWKS(rsaAlgorithm: "RS256").utf8))
        #expect(
            await verificationError { try await makeVerifier(keys, algorithms: [.ps512]).verify(pss) }
                == .unknownKey(kid: "rsa-1", algorithm: .ps512))
    }

    @Test func replacingTheSetWithAJWKSDropsEveryOtherKey() async throws {
        let keys = try await keySet(.hmac("secret-padded-to-32-bytes-0123456789abcdef"), kid: "local")
        let kids = try await keys.replaceAll(withJWKS: Data(try JWKSFixture.publicJWKS().utf8))
        #expect(Set(kids) == ["rsa-1", "ec-1", "ed-1"])
        #expect(Set(keys.kids) == ["rsa-1", "ec-1", "ed-1"])
    }

    @Test func keysJWTKitCannotReadOrThatAreNotForSignaturesAreSkipped() async throws {
        let json = """
            {"keys":[
              {"kty":"oct","kid":"sym","k":"c2VjcmV0"},
              {"kty":"RSA","kid":"enc","alg":"RSA-OAEP","n":"\(try JWKSFixture.rsaModulus())","e":"AQAB"},
              \(JWKSFixture.ecJWK(kid: "ec-1"))
            ]}
            """
        let keys = JWTKeySet()
        #expect(try await keys.add(jwksJSON: Data(json.utf8)) == ["ec-1"])
        #expect(keys.kids == ["ec-1"])
    }

    @Test func aDocumentThatIsNotAJWKSIsRefused() async throws {
        for json in ["", "[]", #"{"keys":{}}"#, #"{"keys":"#, "not json"] {
            await #expect(throws: JWTKeySetError.self) { try await JWTKeySet().add(jwksJSON: Data(json.utf8)) }
        }
        do {
            try await JWTKeySet().add(jwksJSON: Data("[]".utf8))
            Issue.record("a JSON array was taken for a JWKS")
        } catch {
            guard case .invalidJWKS = error else { throw error }
        }
    }

    @Test func aJWKSWithNoUsableKeyIsRefused() async throws {
        for json in [#"{"keys":[]}"#, #"{"keys":[{"kty":"oct","kid":"sym","k":"c2VjcmV0"}]}"#] {
            await #expect(throws: JWTKeySetError.noUsableKey) { try await JWTKeySet().add(jwksJSON: Data(json.utf8)) }
        }
    }

    @Test func aJWKWhoseNumbersDoNotMakeAKeyIsRefused() async throws {
        let json = #"{"keys":[{"kty":"EC","kid":"bad","crv":"P-256","alg":"ES256","x":"AAAA","y":"AAAA"}]}"#
        do {
            try await JWTKeySet().add(jwksJSON: Data(json.utf8))
            Issue.record("a point off the curve was taken for a key")
        } catch {
            guard case .invalidKey(kid: "bad", _) = error else { throw error }
        }
    }
}

/// JWKS documents of the test keys' public halves, as an identity provider publishes them.
enum JWKSFixture {
    static func rsaModulus() throws -> String {
        TokenCrafting.base64URL(try TestKeys.rsa().publicKey.getKeyPrimitives().modulus)
    }

    static func ecJWK(kid: String) -> String {
        let (x, y) = TestKeys.es256.publicKey.parameters ?? ("", "")
        return #"{"kty":"EC","kid":"\#(kid)","crv":"P-256","alg":"ES256","use":"sig","x":"\#(x)","y":"\#(y)"}"#
    }

    static func publicJWKS(rsaAlgorithm: String? = nil) throws -> String {
        let exponent = TokenCrafting.base64URL(try TestKeys.rsa().publicKey.getKeyPrimitives().publicExponent)
        let alg = rsaAlgorithm.map { #","alg":"\#($0)""# } ?? ""
        let ed = TokenCrafting.base64URL(try TestKeys.eddsa().publicKey.rawRepresentation)
        return """
            {"keys":[
              {"kty":"RSA","kid":"rsa-1","use":"sig"\(alg),"n":"\(try rsaModulus())","e":"\(exponent)"},
              \(ecJWK(kid: "ec-1")),
              {"kty":"OKP","kid":"ed-1","crv":"Ed25519","x":"\(ed)"}
            ]}
            """
    }
}
