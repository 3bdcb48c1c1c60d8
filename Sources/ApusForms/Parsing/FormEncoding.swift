/// The two encodings a form body can have.
public enum FormEncoding: Hashable, Sendable {
    /// `application/x-www-form-urlencoded`: `name=value` pairs joined by `&`.
    case urlEncoded
    /// `multipart/form-data` with the boundary from the content type (`nil` when the header has none, which
    /// parsing reports as ``FormParsingError/Reason/missingBoundary``).
    case multipart(boundary: String?)

    /// The encoding a `content-type` header value names, or `nil` for any other media type (Starlette then
    /// parses no form at all: every form parameter is missing).
    public init?(contentType: String?) {
        guard let contentType else { return nil }
        let header = HeaderValueParameters(contentType)
        switch header.value {
        case "application/x-www-form-urlencoded":
            self = .urlEncoded
        case "multipart/form-data":
            let boundary = header["boundary"]
            self = .multipart(boundary: boundary?.isEmpty == true ? nil : boundary)
        default:
            return nil
        }
    }
}
