import ApusCore
import ApusJWT
import ApusTesting
import Foundation
import Testing

@Suite struct HTTPAnswerTests {
    static let refusals: [JWTVerificationError] = [
        .tokenTooLong(length: 9000, limit: 8192), .malformed("x"), .algorithmNotAllowed("none"), .unknownKey(kid: "k", algorithm: .hs256),
        .invalidSignature, .invalidClaims("x"), .expired(at: testNow), .notYetValid(until: testNow), .issuedInFuture(at: testNow),
        .missingClaim("exp"), .invalidAudience, .invalidIssuer,
    ]

    @Test(arguments: refusals)
    func everyRefusalIsThe401InvalidTokenAnswer(error: JWTVerificationError) async throws {
        let app = App()
        app.get("/me") { _ -> Response in throw error }
        try await app.test(.inProcess) { client async throws in
            let response = try await client.get("/me")
            #expect(response.status == .unauthorized)
            #expect(
                response.headerLines == [
                    #"www-authenticate: Bearer error="invalid_token""#, "content-length: 43", "content-type: application/json",
                ])
            #expect(response.text == #"{"detail":"Could not validate credentials"}"#)
        }
        #expect(error.httpError.status == .unauthorized)
    }

    @Test func aRouteThatVerifiesTheBearerTokenAnswers200Or401NeverA500() async throws {
        let keys = try await keySet(.hmac("secret-padded-to-32-bytes-0123456789abcdef"))
        let verifier = makeVerifier(keys, algorithms: [.hs256])
        let app = App()
        app.get("/users/me") { request -> Response in
            let token = request.header("authorization").map { String($0.dropFirst("Bearer ".count)) } ?? ""
            let verified = try await verifier.verify(token, as: UserClaims.self)
            return .text("\(verified.registered.subject ?? "") \(verified.claims.name)")
        }
        let token = try await JWTSigner(keys: keys).sign(sampleClaims, registered: validRegistered(), kid: "k1")
        try await app.test(.inProcess) { client async throws in
            let ok = try await client.get("/users/me", headers: [.authorization: "Bearer \(token)"])
            #expect(ok.status == .ok)
            #expect(ok.text == "alice Alice")
            for bad in ["Bearer \(token)x", "Bearer ", "Bearer \(String(repeating: "A", count: 65536))", "Bearer e30.e30."] {
                let refused = try await client.get("/users/me", headers: [.authorization: bad])
                #expect(refused.status == .unauthorized)
                #expect(refused.header("www-authenticate") == #"Bearer error="invalid_token""#)
            }
        }
    }
}
