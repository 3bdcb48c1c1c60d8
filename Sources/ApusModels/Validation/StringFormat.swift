import ApusWireFormats

/// A `format` for a `String` field: checked when decoding and written as the schema's `format`.
public enum StringFormat: String, Sendable, Hashable, CaseIterable {
    /// An e-mail address, checked like Pydantic's `EmailStr` (email-validator's syntax messages; no DNS).
    case email
    /// A UUID in any form Pydantic accepts.
    case uuid
    /// An ISO 8601 / RFC 3339 date-time.
    case dateTime = "date-time"
    /// An absolute URI.
    case uri
    /// A secret (OpenAPI's `format: password`, which UIs mask as they read it); any string is one.
    case password

    /// The failure for `value`, or `nil` if it has this format.
    func check(_ value: String) -> ValidationFailure? {
        switch self {
        case .email: EmailSyntax.problem(in: value).map(ValidationFailure.invalidEmail)
        case .uuid: UUIDText.parse(Substring(value)).failure.map(ValidationFailure.uuidParsing)
        case .dateTime: DateTimeText.parse(Array(value.utf8)).failure.map(ValidationFailure.datetimeParsing)
        case .uri: URLText.problem(in: value).map(ValidationFailure.urlParsing)
        case .password: nil
        }
    }
}

/// The syntax checks of the `email-validator` package that Pydantic's `EmailStr` uses, with its messages.
/// Deliverability (DNS) is not checked, as Pydantic does not check it either.
enum EmailSyntax {
    static func problem(in value: String) -> String? {
        guard let at = value.lastIndex(of: "@") else { return "An email address must have an @-sign." }
        let local = value[..<at]
        let domain = value[value.index(after: at)...]
        if local.isEmpty { return "There must be something before the @-sign." }
        if domain.isEmpty { return "There must be something after the @-sign." }
        if local.contains(" ") || local.contains("@") {
            return "The email address contains invalid characters before the @-sign: \(invalidCharacters(in: local))."
        }
        if local.hasPrefix(".") { return "An email address cannot start with a period." }
        if local.hasSuffix(".") { return "An email address cannot have a period immediately before the @-sign." }
        if local.contains("..") { return "An email address cannot have two periods in a row." }
        if domain.hasPrefix(".") { return "An email address cannot have a period immediately after the @-sign." }
        if domain.hasSuffix(".") { return "An email address cannot end with a period." }
        if domain.contains("..") { return "An email address cannot have two periods in a row." }
        let allowed = domain.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "."
        }
        if !allowed { return "The part after the @-sign contains invalid characters." }
        if !domain.contains(".") { return "The part after the @-sign is not valid. It should have a period." }
        return nil
    }

    static func invalidCharacters(in text: Substring) -> String {
        var seen: [String] = []
        for character in text where character == " " || character == "@" {
            let shown = character == " " ? "SPACE" : "'@'"
            if !seen.contains(shown) { seen.append(shown) }
        }
        return seen.joined(separator: ", ")
    }
}

/// The URL checks Pydantic's `AnyUrl` makes, with the `url` crate's messages.
enum URLText {
    static let specialSchemes: Set<String> = ["http", "https", "ws", "wss", "ftp", "file"]

    static func problem(in value: String) -> String? {
        let trimmed = LaxNumberParsing.trimmed(Substring(value))
        if trimmed.isEmpty { return "input is empty" }
        guard let colon = trimmed.firstIndex(of: ":") else { return "relative URL without a base" }
        let scheme = trimmed[..<colon]
        guard let first = scheme.unicodeScalars.first, first.properties.isAlphabetic, first.isASCII,
            scheme.unicodeScalars.allSatisfy({
                $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0))
            })
        else { return "relative URL without a base" }
        if specialSchemes.contains(scheme.lowercased()), scheme.lowercased() != "file" {
            var rest = trimmed[trimmed.index(after: colon)...].drop(while: { $0 == "/" || $0 == "\\" })
            if let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" || $0 == "\\" }) { rest = rest[..<end] }
            if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
            let host = rest.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            if host.isEmpty { return "empty host" }
            if host.contains(where: { " <>".contains($0) }) { return "invalid domain character" }
        }
        return nil
    }
}
