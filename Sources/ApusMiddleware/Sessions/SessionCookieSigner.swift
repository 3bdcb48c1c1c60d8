#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
import Crypto

/// The session cookie's value: `<payload>.<issued>.<signature>`, where the payload is the session as a JSON object
/// (keys sorted) in unpadded base64url, `issued` the Unix time it was signed at in decimal seconds, and the
/// signature HMAC-SHA256 of `<payload>.<issued>` under the secret key, in unpadded base64url. Every character is
/// a cookie token character, so the value is never quoted.
///
/// Unlike Starlette's cookie (itsdangerous, HMAC-SHA1), the MAC is SHA-256, so the two do not read each other's
/// cookies.
public struct SessionCookieSigner: Sendable {
    private let keys: [SymmetricKey]

    /// Creates a signer that signs with `secretKey` and also accepts cookies signed with `previousSecretKeys`
    /// (key rotation: put the new key first and keep the old ones until their cookies have expired).
    public init(secretKey: String, previousSecretKeys: [String] = []) {
        self.keys = ([secretKey] + previousSecretKeys).map { SymmetricKey(data: Data($0.utf8)) }
    }

    /// The cookie value for `values`, signed with the newest key.
    public func sign(_ values: [String: String], issuedAt: Date = .now) -> String {
        // A dictionary of strings always encodes.
        let json = (try? SessionJSON.encoder.encode(values)) ?? Data("{}".utf8)
        let signed = Self.base64url(json) + "." + String(Int(issuedAt.timeIntervalSince1970.rounded(.down)))
        let mac = HMAC<SHA256>.authenticationCode(for: Data(signed.utf8), using: self.keys[0])
        return signed + "." + Self.base64url(Data(mac))
    }

    /// The values of a cookie signed by one of the keys and no older than `maxAge` seconds (`nil`: any age), or
    /// `nil` for anything else: tampered, expired, issued in the future, signed with an unknown key, malformed.
    /// The signature is checked first, in constant time, before any of the payload is decoded; the cost is linear
    /// in the cookie's length.
    public func verify(_ cookie: String, maxAge: Int?, now: Date = .now) -> [String: String]? {
        let parts = cookie.utf8.split(separator: UInt8(ascii: "."), maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 3, let signature = Self.decodeBase64url(parts[2]) else { return nil }
        let signed = Data(cookie.utf8[parts[0].startIndex..<parts[1].endIndex])
        guard self.keys.contains(where: { HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: signed, using: $0) }) else {
            return nil
        }
        guard parts[1].count <= 19, let issued = Int(String(decoding: parts[1], as: UTF8.self)) else { return nil }
        let age = Int(now.timeIntervalSince1970.rounded(.down)) - issued
        if age < 0 { return nil }
        if let maxAge, age > maxAge { return nil }
        guard let json = Self.decodeBase64url(parts[0]) else { return nil }
        return try? SessionJSON.decoder.decode([String: String].self, from: json)
    }

    private static func base64url(_ data: Data) -> String {
        let unpadded = data.base64EncodedString().utf8.lazy.filter { $0 != UInt8(ascii: "=") }.map { byte in
            switch byte {
            case UInt8(ascii: "+"): UInt8(ascii: "-")
            case UInt8(ascii: "/"): UInt8(ascii: "_")
            default: byte
            }
        }
        return String(decoding: Array(unpadded), as: UTF8.self)
    }

    private static func decodeBase64url(_ text: Substring.UTF8View.SubSequence) -> Data? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count + 3)
        for byte in text {
            switch byte {
            case UInt8(ascii: "-"): bytes.append(UInt8(ascii: "+"))
            case UInt8(ascii: "_"): bytes.append(UInt8(ascii: "/"))
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                bytes.append(byte)
            default: return nil
            }
        }
        if bytes.count % 4 == 1 { return nil }
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "="), count: (4 - bytes.count % 4) % 4))
        return Data(base64Encoded: Data(bytes))
    }
}

/// The JSON coders of session values and cookies, created once (they hold no per-call state); keys sorted so the
/// same session always signs to the same payload.
enum SessionJSON {
    static let decoder = JSONDecoder()
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()
}
