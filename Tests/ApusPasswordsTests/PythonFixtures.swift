import Testing

/// Hashes made by Python on 2026-12-02 with the versions in `requirements.txt` (bcrypt 5.0.0, passlib 1.7.4), kept
/// so that the interop promise is checked even where no Python is at hand; ``PythonInteropTests`` also makes
/// fresh ones at test time.
enum PythonFixtures {
    struct Fixture: Sendable, CustomTestStringConvertible {
        var password: String
        var hash: String
        var testDescription: String { "\(self.hash.prefix(16))… for \(self.password.debugDescription)" }
    }

    /// `bcrypt.hashpw(password.encode(), bcrypt.gensalt(...))`, `$2a$` with `prefix=b"2a"`; the `$2y$` one is a
    /// `$2b$` hash renamed, as PHP writes it.
    static let bcrypt = [
        Fixture(password: "correct horse battery staple", hash: "$2b$05$ykvJvRzE3vzcFnP9FlHbS.xUzxpXmdsqXpx4nRWDS59K8wyaEXFH2"),
        Fixture(password: "correct horse battery staple", hash: "$2a$04$ldYTOfKiF9MSOh.dZoO0d.e5r4ZL.x7xQDnzf.bqsbeSN5NYNIriW"),
        Fixture(password: "correct horse battery staple", hash: "$2y$04$tGhMOzEts9sliNkkUmKB1uR/Rqv4OdFqy3Bur.GmnjW.C8i0XegH."),
        Fixture(password: "pässwörd 🔑", hash: "$2b$05$zohrtQ7ur.OA7gkiMfScUO2Gk8SXU2IRqfJvNvSbOwnJ2fRpa4Xpa"),
        Fixture(password: "pässwörd 🔑", hash: "$2a$04$f1DzPBQl/YtsLEtnLkaeXOHJp5SPF211wph79E3z84HYAwVgrLXT6"),
        Fixture(password: "", hash: "$2b$05$osjaXToxm1/ZwIGS0bCSJeysczs9w6zegeKw12APKQmegXwsla4Da"),
        Fixture(password: "", hash: "$2a$04$2TczJdLy6zwdy2if1Bx49u7Iwy5rJiYqdG398K.mLqjiyw6Mu9s.i"),
    ]

    /// `bcrypt.hashpw(b"x" * 72, bcrypt.gensalt(4))`: the longest password bcrypt reads.
    static let bcrypt72x = "$2b$04$EoBTyU/L/mrt0iY5UAfsDeC79ymQLVPpKYdZOr6f2.NzmUc5.LXw2"

    /// `passlib.hash.pbkdf2_sha256.using(rounds=1000).hash(password)`, and one at passlib's default 29000 rounds.
    static let pbkdf2SHA256 = [
        Fixture(
            password: "correct horse battery staple",
            hash: "$pbkdf2-sha256$1000$HmOsNSbEuJeyFgIAYEyp1Q$1zSynrk2AbpXTRc86adeNY.xXteeBqJs/VM9GsKIH6g"),
        Fixture(password: "pässwörd 🔑", hash: "$pbkdf2-sha256$1000$RqgVAkCIUWpNSQkh5Dzn/A$dyMNt8Ny77MF5GIt2euG33JkMVJTL7gNYRU.XmedtjA"),
        Fixture(password: "", hash: "$pbkdf2-sha256$1000$yjmH8B7D2Jtz7p1TqhWC0A$435.oc6UV5EBI9P.yXII5gtqWEmRA3y9S6Up80ZJPBw"),
        Fixture(
            password: "correct horse battery staple",
            hash: "$pbkdf2-sha256$29000$6B0DAODcOwcAoNR6jzHGGA$gni/rGbx7YPnVuZa0O6mom6SiHyJnSEeZPG9YhYVUkk"),
    ]

    /// `passlib.hash.scrypt.using(rounds=4).hash(password)`: the same PHC layout Apus writes.
    static let scrypt = [
        Fixture(
            password: "correct horse battery staple",
            hash: "$scrypt$ln=4,r=8,p=1$B2BMqXUOoZRSqtV6TwlBaA$KaNrnTFsqtvGVz1qprA1SM/dMpNP9R0Lb9gVgd8WVqY"),
        Fixture(password: "pässwörd 🔑", hash: "$scrypt$ln=4,r=8,p=1$eq91rrVW6l0LYcwZI0TImQ$JJfFRbvK00TnZ2rBV4vdS+V/l2rz2XYSKIVIfm8aj0A"),
        Fixture(password: "", hash: "$scrypt$ln=4,r=8,p=1$ppRS6h3DWMsZg1AKIaTUOg$Om3pjDZovBeX6+L+DnYnTgMBas3Vljj9Ywb7t21sIh0"),
    ]

    static let all = bcrypt + pbkdf2SHA256 + scrypt
}
