import ApusForms
import ApusModels

/// The request body as read and parsed once, before any extractor runs (so a JSON syntax error is reported
/// alone, before dependencies run, as FastAPI does).
enum PreparedBody: Sendable {
    /// The route reads no body.
    case notRead
    /// The body is empty: a missing value.
    case missing
    /// The lone body, already validated: its value, or `nil` and its errors.
    case lone(value: (any Sendable)?, errors: [ValidationErrorItem])
    /// A parsed JSON document, for embedded fields.
    case json(JSONValue)
    /// A parsed form (urlencoded or multipart); empty for another content type, so every field is missing.
    case form(FormData)
    /// A body that was not parsed as JSON (another content type, or none in strict mode): validation sees the text.
    case text(String)
}

/// Whether a `content-type` value is JSON as FastAPI decides it: main type `application` and subtype `json` or
/// ending in `+json`, parameters ignored, case-insensitive (`application/merge-patch+json; charset=utf-8`).
enum JSONContentType {
    static func matches(_ contentType: String) -> Bool {
        let mediaType = contentType.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let parts = mediaType.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { return false }
        let main = parts[0].trimmingASCIISpaces().lowercased()
        let sub = parts[1].trimmingASCIISpaces().lowercased()
        return main == "application" && (sub == "json" || sub.hasSuffix("+json"))
    }
}

extension Substring {
    func trimmingASCIISpaces() -> Substring {
        var slice = self
        while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
        return slice
    }
}
