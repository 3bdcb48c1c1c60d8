#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
import ApusWireFormats

/// A cookie to set on the client, written into `set-cookie` exactly as Starlette's `Response.set_cookie` writes it:
/// `name=value` then the attributes in Python's `http.cookies` order (alphabetical by attribute key: Domain,
/// expires, HttpOnly, Max-Age, Partitioned, Path, SameSite, Secure), with the value quoted when it holds
/// characters a cookie token may not.
public struct ResponseCookie: Sendable, Hashable {
    /// The `SameSite` attribute.
    public enum SameSite: String, Sendable, Hashable {
        /// `SameSite=lax` (Starlette's default).
        case lax
        /// `SameSite=strict`.
        case strict
        /// `SameSite=none` (browsers require `secure` with it).
        case none
    }

    /// The cookie's name.
    public var name: String
    /// The cookie's value.
    public var value: String
    /// Seconds until it expires (`Max-Age`).
    public var maxAge: Int?
    /// When it expires (`expires`).
    public var expires: Date?
    /// The path it applies to; Starlette's default is `/`.
    public var path: String?
    /// The domain it applies to.
    public var domain: String?
    /// Whether it is sent only over HTTPS.
    public var secure: Bool
    /// Whether scripts cannot read it.
    public var httpOnly: Bool
    /// Its `SameSite` policy; Starlette's default is `lax`.
    public var sameSite: SameSite?
    /// Whether it is partitioned (CHIPS).
    public var partitioned: Bool

    /// Creates a cookie with Starlette's defaults (`Path=/`, `SameSite=lax`).
    public init(
        name: String,
        value: String,
        maxAge: Int? = nil,
        expires: Date? = nil,
        path: String? = "/",
        domain: String? = nil,
        secure: Bool = false,
        httpOnly: Bool = false,
        sameSite: SameSite? = .lax,
        partitioned: Bool = false
    ) {
        self.name = name
        self.value = value
        self.maxAge = maxAge
        self.expires = expires
        self.path = path
        self.domain = domain
        self.secure = secure
        self.httpOnly = httpOnly
        self.sameSite = sameSite
        self.partitioned = partitioned
    }

    /// The cookie that makes the client drop cookie `name`: empty, `Max-Age=0` and expired now (Starlette's
    /// `delete_cookie`).
    public static func deletion(of name: String, path: String? = "/", domain: String? = nil) -> ResponseCookie {
        var cookie = ResponseCookie(name: name, value: "", maxAge: 0, path: path, domain: domain)
        cookie.expires = .now
        return cookie
    }

    /// The `set-cookie` header value.
    public var headerValue: String {
        var parts = ["\(self.name)=\(Self.quoted(self.value))"]
        if let domain { parts.append("Domain=\(domain)") }
        if let expires { parts.append("expires=\(HTTPDate.format(timeIntervalSince1970: expires.timeIntervalSince1970))") }
        if self.httpOnly { parts.append("HttpOnly") }
        if let maxAge { parts.append("Max-Age=\(maxAge)") }
        if self.partitioned { parts.append("Partitioned") }
        if let path { parts.append("Path=\(path)") }
        if let sameSite { parts.append("SameSite=\(sameSite.rawValue)") }
        if self.secure { parts.append("Secure") }
        return parts.joined(separator: "; ")
    }

    /// Python's `http.cookies._quote`: a value made only of token characters is sent as is; anything else is
    /// wrapped in double quotes, with `"` and `\` backslash-escaped and other characters below U+0100 outside the
    /// unquoted set written as `\ooo` octal.
    static func quoted(_ value: String) -> String {
        let legal = Set("!#$%&'*+-.^_`|~:".unicodeScalars)
        let unquoted = legal.union(" ()/<=>?@[]{}".unicodeScalars)
        func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
            scalar.isASCII && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar))
        }
        if !value.isEmpty, value.unicodeScalars.allSatisfy({ isAlphanumeric($0) || legal.contains($0) }) {
            return value
        }
        var result = "\""
        for scalar in value.unicodeScalars {
            if scalar == "\"" {
                result += "\\\""
            } else if scalar == "\\" {
                result += "\\\\"
            } else if scalar.value < 256 && !isAlphanumeric(scalar) && !unquoted.contains(scalar) {
                let octal = String(scalar.value, radix: 8)
                result += "\\" + String(repeating: "0", count: 3 - octal.count) + octal
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
