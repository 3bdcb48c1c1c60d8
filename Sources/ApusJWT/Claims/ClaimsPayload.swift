import JWTKit

/// The payload jwt-kit decodes and encodes: the registered claims and the application's own, read from and
/// written to the same JSON object.
struct ClaimsPayload<Claims: Codable & Sendable>: JWTPayload {
    var registered: RegisteredClaims
    var claims: Claims

    init(registered: RegisteredClaims, claims: Claims) {
        self.registered = registered
        self.claims = claims
    }

    init(from decoder: any Decoder) throws {
        self.registered = try RegisteredClaims(from: decoder)
        self.claims = try Claims(from: decoder)
    }

    /// The registered claims first, so a property of `Claims` with a registered name (`sub`, say) has the last word.
    func encode(to encoder: any Encoder) throws {
        try self.registered.encode(to: encoder)
        try self.claims.encode(to: encoder)
    }

    /// Nothing here: ``JWTVerifier`` checks the registered claims after jwt-kit returns, with its own clock and leeway.
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
