import ApusJWT
import Foundation
import Synchronization
import Testing

/// A clock a test moves.
private final class TestClock: Sendable {
    private let time = Mutex(testNow)
    var now: Date { self.time.withLock { $0 } }
    func advance(by seconds: TimeInterval) { self.time.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

@Suite struct VerifiedTokenCacheTests {
    private static let secret = "cache-secret-padded-to-32-bytes-0123456789"

    private func verifier(
        _ keys: JWTKeySet, clock: TestClock = TestClock(), capacity: Int = JWTVerifier.defaultCacheCapacity
    ) -> JWTVerifier {
        JWTVerifier(
            keys: keys, algorithms: [.hs256], audience: testAudience, issuer: testIssuer, cacheCapacity: capacity,
            now: { clock.now })
    }

    @Test func aVerifiedTokenIsRememberedAndItsTimeClaimsAreStillCheckedOnEveryUse() async throws {
        let keys = try await keySet(.hmac(Self.secret))
        let token = try await JWTSigner(keys: keys).sign(validRegistered(), kid: "k1")
        let clock = TestClock()
        let verifier = self.verifier(keys, clock: clock)
        #expect(verifier.cachedTokenCount == 0)
        #expect(try await verifier.verify(token).registered.subject == "alice")
        #expect(verifier.cachedTokenCount == 1)
        #expect(try await verifier.verify(token).registered.subject == "alice")
        #expect(verifier.cachedTokenCount == 1)

        clock.advance(by: 600)  // exp is testNow + 600: expired now
        #expect(await verificationError { try await verifier.verify(token) } == .expired(at: testNow.addingTimeInterval(600)))
        #expect(verifier.cachedTokenCount == 0)
    }

    @Test func aTokenIsNotRememberedPastAKeyChange() async throws {
        let keys = try await keySet(.hmac(Self.secret))
        let token = try await JWTSigner(keys: keys).sign(validRegistered(), kid: "k1")
        let verifier = self.verifier(keys)
        #expect(try await verifier.verify(token).keyID == "k1")

        // Replaced under the same kid and algorithm: the remembered answer belongs to the old key.
        try await keys.add(.hmac("another-secret-padded-to-32-bytes-0123456"), kid: "k1")
        #expect(await verificationError { try await verifier.verify(token) } == .invalidSignature)
        try await keys.add(.hmac(Self.secret), kid: "k1")
        #expect(try await verifier.verify(token).keyID == "k1")

        #expect(keys.remove(kid: "k1"))
        #expect(await verificationError { try await verifier.verify(token) } == .unknownKey(kid: "k1", algorithm: .hs256))

        try await keys.add(.hmac(Self.secret), kid: "k1")
        #expect(try await verifier.verify(token).keyID == "k1")
        try await keys.replaceAll(withJWKS: Data(try JWKSFixture.publicJWKS().utf8))
        #expect(await verificationError { try await verifier.verify(token) } == .unknownKey(kid: "k1", algorithm: .hs256))
    }

    @Test func theSameTokenReadAsOtherClaimsIsDecodedForThoseClaims() async throws {
        let keys = try await keySet(.hmac(Self.secret))
        let token = try await JWTSigner(keys: keys).sign(sampleClaims, registered: validRegistered(), kid: "k1")
        let verifier = self.verifier(keys)
        #expect(try await verifier.verify(token).registered.subject == "alice")
        #expect(try await verifier.verify(token, as: UserClaims.self).claims == sampleClaims)
        #expect(try await verifier.verify(token, as: UserClaims.self).claims == sampleClaims)
    }

    @Test func theCacheHoldsAtMostItsCapacityAndRefusedTokensAreNeverKept() async throws {
        let keys = try await keySet(.hmac(Self.secret))
        let signer = JWTSigner(keys: keys)
        let verifier = self.verifier(keys, capacity: 3)
        var tokens: [String] = []
        for index in 0..<10 {
            tokens.append(try await signer.sign(validRegistered(subject: "user-\(index)"), kid: "k1"))
        }
        for (index, token) in tokens.enumerated() {
            #expect(try await verifier.verify(token).registered.subject == "user-\(index)")
            #expect(verifier.cachedTokenCount <= 3)
        }
        for (index, token) in tokens.enumerated().reversed() {
            #expect(try await verifier.verify(token).registered.subject == "user-\(index)")
        }

        let before = verifier.cachedTokenCount
        let forged = tokens[0].dropLast(2) + (tokens[0].hasSuffix("AA") ? "BB" : "AA")
        #expect(await verificationError { try await verifier.verify(String(forged)) } == .invalidSignature)
        #expect(verifier.cachedTokenCount == before)
    }

    @Test func aCapacityOfZeroRemembersNothing() async throws {
        let keys = try await keySet(.hmac(Self.secret))
        let token = try await JWTSigner(keys: keys).sign(validRegistered(), kid: "k1")
        let verifier = self.verifier(keys, capacity: 0)
        #expect(try await verifier.verify(token).registered.subject == "alice")
        #expect(try await verifier.verify(token).registered.subject == "alice")
        #expect(verifier.cacheCapacity == 0)
        #expect(verifier.cachedTokenCount == 0)
    }
}
