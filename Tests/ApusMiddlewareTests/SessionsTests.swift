import ApusCore
import ApusMiddleware
import ApusTesting
import Crypto
import Foundation
import Testing

/// Starlette 1.10's SessionMiddleware semantics with an HMAC-SHA256 signed cookie.
@Suite struct SessionsTests {
    static let secret = "a secret of thirty-two bytes or more, really"

    struct Preferences: Codable, Equatable {
        var theme: String
        var size: Int
    }

    static func app(_ sessions: Sessions = Sessions(secretKey: secret)) -> App {
        let app = App()
        app.use(sessions)
        app.post("/login") { request in
            request.session?["user"] = request.query["user"] ?? "alice"
            return Response.text("in")
        }
        app.get("/me") { request in Response.text(request.session?["user"] ?? "anonymous") }
        app.get("/untouched") { _ in Response.text("untouched") }
        app.post("/logout") { request in
            request.session?.clear()
            return Response.text("out")
        }
        app.post("/preferences") { request in
            try request.session?.set(Preferences(theme: "dark", size: 3), forKey: "preferences")
            return Response.text("saved")
        }
        app.get("/preferences") { request in
            Response.text(try request.session?.get(Preferences.self, forKey: "preferences")?.theme ?? "none")
        }
        app.post("/grow") { request in
            request.session?["blob"] = String(repeating: "x", count: Int(request.query["size"] ?? "0") ?? 0)
            return Response.text("grown")
        }
        return app
    }

    /// The cookie value a response sets, without its attributes.
    static func cookie(in response: TestResponse) -> String? {
        guard let header = response.headers[.setCookie] else { return nil }
        let pair = header.split(separator: ";", maxSplits: 1).first ?? ""
        return pair.split(separator: "=", maxSplits: 1).last.map(String.init)
    }

    static func sending(_ cookie: String) -> HTTPFields {
        [.cookie: "session=\(cookie)"]
    }

    @Test func aWrittenSessionIsSentSignedAndReadBack() async throws {
        try await Self.app().test(.inProcess) { client async throws in
            let login = try await client.post("/login?user=ann")
            let header = try #require(login.headers[.setCookie])
            let value = try #require(Self.cookie(in: login))
            #expect(header == "session=\(value); path=/; Max-Age=1209600; httponly; samesite=lax")
            #expect(login.headers[.vary] == "Cookie")
            let me = try await client.get("/me", headers: Self.sending(value))
            #expect(me.text == "ann")
            #expect(me.headers[.setCookie] == nil)
            #expect(me.headers[.vary] == "Cookie")
        }
    }

    @Test func aSessionNobodyTouchesSendsNothing() async throws {
        try await Self.app().test(.inProcess) { client async throws in
            let response = try await client.get("/untouched")
            #expect(response.headers[.setCookie] == nil)
            #expect(response.headers[.vary] == nil)
        }
    }

    /// Hostile and malformed cookie values, by name (the huge ones are built in the test, not printed with it).
    static let malformedCookies: [String: String] = [
        "garbage": "garbage", "empty": "", "two parts": "a.b", "four parts": "a.b.c.d", "only dots": "....",
        "forged signature": "eyJ1c2VyIjoiZXZlIn0.1700000000.AAAA", "not base64": "!!!.1.%%%",
        "a megabyte of A": String(repeating: "A", count: 1_000_000), "100000 dots": String(repeating: ".", count: 100_000),
        "100000 parts": String(repeating: "a.", count: 100_000) + "a",
        "huge timestamp": "e30." + String(repeating: "9", count: 100_000) + ".AAAA",
    ]

    @Test(arguments: Self.malformedCookies.keys.sorted())
    func aTamperedOrMalformedCookieIsAnEmptySession(name: String) async throws {
        let cookie = try #require(Self.malformedCookies[name])
        try await Self.app().test(.inProcess) { client async throws in
            let response = try await client.get("/me", headers: Self.sending(cookie))
            #expect(response.status == .ok)
            #expect(response.text == "anonymous")
        }
    }

    @Test func changingOneByteOfAValidCookieBreaksIt() async throws {
        try await Self.app().test(.inProcess) { client async throws in
            let value = try #require(Self.cookie(in: try await client.post("/login?user=ann")))
            var bytes = Array(value.utf8)
            bytes[2] = bytes[2] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
            let tampered = String(decoding: bytes, as: UTF8.self)
            #expect(try await client.get("/me", headers: Self.sending(tampered)).text == "anonymous")
        }
    }

    @Test func anExpiredOrFutureCookieIsAnEmptySession() async throws {
        let signer = SessionCookieSigner(secretKey: Self.secret)
        let expired = signer.sign(["user": "ann"], issuedAt: Date.now.addingTimeInterval(-15 * 24 * 3600))
        let fresh = signer.sign(["user": "ann"], issuedAt: Date.now.addingTimeInterval(-13 * 24 * 3600))
        let future = signer.sign(["user": "ann"], issuedAt: Date.now.addingTimeInterval(3600))
        try await Self.app().test(.inProcess) { client async throws in
            #expect(try await client.get("/me", headers: Self.sending(expired)).text == "anonymous")
            #expect(try await client.get("/me", headers: Self.sending(fresh)).text == "ann")
            #expect(try await client.get("/me", headers: Self.sending(future)).text == "anonymous")
        }
        // Without a max age, age is not checked.
        try await Self.app(Sessions(secretKey: Self.secret, maxAge: nil)).test(.inProcess) { client async throws in
            #expect(try await client.get("/me", headers: Self.sending(expired)).text == "ann")
        }
    }

    @Test func cookiesSignedWithAPreviousKeyAreReadAndRewrittenWithTheNewOne() async throws {
        let old = SessionCookieSigner(secretKey: "the old key").sign(["user": "ann"])
        let rotated = Sessions(secretKey: "the new key", previousSecretKeys: ["the old key"])
        try await Self.app(rotated).test(.inProcess) { client async throws in
            #expect(try await client.get("/me", headers: Self.sending(old)).text == "ann")
            let rewritten = try #require(Self.cookie(in: try await client.post("/login?user=bob", headers: Self.sending(old))))
            #expect(SessionCookieSigner(secretKey: "the new key").verify(rewritten, maxAge: nil) == ["user": "bob"])
            #expect(SessionCookieSigner(secretKey: "the old key").verify(rewritten, maxAge: nil) == nil)
        }
        try await Self.app(Sessions(secretKey: "the new key")).test(.inProcess) { client async throws in
            #expect(try await client.get("/me", headers: Self.sending(old)).text == "anonymous")
        }
    }

    @Test func clearingASessionDeletesTheCookieAsStarletteDoes() async throws {
        try await Self.app().test(.inProcess) { client async throws in
            let value = try #require(Self.cookie(in: try await client.post("/login")))
            let logout = try await client.post("/logout", headers: Self.sending(value))
            #expect(
                logout.headers[.setCookie] == "session=null; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT; httponly; samesite=lax")
            // A session that came in empty and is cleared sends nothing.
            #expect(try await client.post("/logout").headers[.setCookie] == nil)
        }
    }

    @Test func theCookieAttributesAreStarlettes() async throws {
        let sessions = Sessions(
            secretKey: Self.secret, cookieName: "sid", maxAge: nil, path: "/app", sameSite: .strict, httpsOnly: true,
            domain: "example.com", partitioned: true)
        try await Self.app(sessions).test(.inProcess) { client async throws in
            let header = try #require(try await client.post("/login").headers[.setCookie])
            let value = try #require(header.split(separator: ";").first?.dropFirst("sid=".count))
            #expect(header == "sid=\(value); path=/app; httponly; samesite=strict; secure; domain=example.com; partitioned")
        }
    }

    @Test func codableValuesRoundTripAsJSON() async throws {
        try await Self.app().test(.inProcess) { client async throws in
            let value = try #require(Self.cookie(in: try await client.post("/preferences")))
            #expect(try await client.get("/preferences", headers: Self.sending(value)).text == "dark")
            let values = SessionCookieSigner(secretKey: Self.secret).verify(value, maxAge: nil)
            #expect(values == ["preferences": #"{"size":3,"theme":"dark"}"#])
        }
    }

    @Test func aSessionTooLargeForABrowserIsNotSent() async throws {
        try await Self.app().test(.inProcess) { client async throws in
            let small = try await client.post("/grow?size=100")
            #expect(small.headers[.setCookie] != nil)
            let large = try await client.post("/grow?size=4000")
            #expect(large.status == .ok)
            #expect(large.text == "grown")
            #expect(large.headers[.setCookie] == nil)
        }
    }

    @Test func withoutTheMiddlewareThereIsNoSession() async throws {
        let app = App()
        app.get("/me") { request in Response.text(request.session == nil ? "none" : "some") }
        try await app.test(.inProcess) { client async throws in #expect(try await client.get("/me").text == "none") }
    }

    @Test func theCookieIsPayloadIssuedAndHMACSHA256() throws {
        let issued = Date(timeIntervalSince1970: 1_700_000_000)
        let value = SessionCookieSigner(secretKey: "k").sign(["b": "2", "a": "1"], issuedAt: issued)
        let parts = value.split(separator: ".").map(String.init)
        #expect(parts.count == 3)
        #expect(parts[0] == "eyJhIjoiMSIsImIiOiIyIn0")  // {"a":"1","b":"2"}, unpadded base64url
        #expect(parts[1] == "1700000000")
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(parts[0]).\(parts[1])".utf8), using: SymmetricKey(data: Data("k".utf8)))
        let expected = Data(mac).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        #expect(parts[2] == expected)
        #expect(value.allSatisfy { $0.isLetter || $0.isNumber || "-_.".contains($0) })
        #expect(SessionCookieSigner(secretKey: "k").verify(value, maxAge: nil, now: issued) == ["a": "1", "b": "2"])
    }

    @Test func aCookieWithAValidSignatureButAGarbagePayloadIsEmpty() {
        // Signed by the key, so only the payload decoding can refuse it.
        let key = SymmetricKey(data: Data("k".utf8))
        for payload in ["bm90IGpzb24", "W10", "eyJhIjoxfQ", "%%%"] {
            let signed = "\(payload).1700000000"
            let mac = Data(HMAC<SHA256>.authenticationCode(for: Data(signed.utf8), using: key)).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            #expect(SessionCookieSigner(secretKey: "k").verify("\(signed).\(mac)", maxAge: nil) == nil)
        }
    }
}
