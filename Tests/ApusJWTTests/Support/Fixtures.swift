import ApusJWT
import Foundation

/// The claims an application of the tests defines for itself.
struct UserClaims: Codable, Sendable, Equatable {
    var name: String
    var admin: Bool
    var scopes: [String]
}

/// A fixed clock: 2026-12-02T00:00:00Z.
let testNow = Date(timeIntervalSince1970: 1_796_169_600)

let testAudience = "apus-tests"
let testIssuer = "https://issuer.test"

/// Registered claims valid at ``testNow`` for the verifiers below.
func validRegistered(subject: String = "alice") -> RegisteredClaims {
    RegisteredClaims(
        issuer: testIssuer, subject: subject, audience: [testAudience], expiresAt: testNow.addingTimeInterval(600),
        notBefore: testNow.addingTimeInterval(-60), issuedAt: testNow.addingTimeInterval(-60)
    )
}

let sampleClaims = UserClaims(name: "Alice", admin: true, scopes: ["items:read", "items:write"])

/// A verifier at ``testNow`` expecting the test audience and issuer.
func makeVerifier(
    _ keys: JWTKeySet, algorithms: Set<JWSAlgorithm>, leeway: Duration = .zero, maxTokenLength: Int = JWTVerifier.defaultMaxTokenLength,
    now: Date = testNow
) -> JWTVerifier {
    JWTVerifier(
        keys: keys, algorithms: algorithms, audience: testAudience, issuer: testIssuer, leeway: leeway, maxTokenLength: maxTokenLength,
        now: { now }
    )
}

/// A key set with one key under `kid`.
func keySet(_ key: JWTKey, kid: String? = "k1") async -> JWTKeySet {
    let keys = JWTKeySet()
    await keys.add(key, kid: kid)
    return keys
}

/// The error `body` throws, or `nil` when it returns.
func verificationError<T>(_ body: () async throws -> T) async -> JWTVerificationError? {
    do {
        _ = try await body()
        return nil
    } catch {
        return error as? JWTVerificationError
    }
}
