import Crypto
import Foundation

/// Hand-made tokens for the attack suite: what an attacker can send, built without any JWT library.
enum TokenCrafting {
    static func base64URL(_ bytes: some DataProtocol) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func base64URL(_ text: String) -> String { base64URL(Data(text.utf8)) }

    /// `header.payload.signature` with the given JSON texts and signature bytes.
    static func token(header: String, payload: String, signature: some DataProtocol = Data()) -> String {
        "\(base64URL(header)).\(base64URL(payload)).\(base64URL(signature))"
    }

    /// A token signed with HMAC-SHA256 over its signing input, with any bytes as the secret.
    static func hs256(header: String, payload: String, secret: some DataProtocol) -> String {
        let signingInput = "\(base64URL(header)).\(base64URL(payload))"
        let mac = HMAC<SHA256>.authenticationCode(for: Data(signingInput.utf8), using: SymmetricKey(data: Data(secret)))
        return "\(signingInput).\(base64URL(Data(mac)))"
    }

    /// The token's segments, decoded from base64url.
    static func segments(_ token: String) -> [String] { token.split(separator: ".", omittingEmptySubsequences: false).map(String.init) }
}
