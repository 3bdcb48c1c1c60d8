/// A form body that could not be parsed, or that broke one of the ``FormLimits``.
///
/// FastAPI answers each of these with `400 {"detail": …}`; ``detail`` is Starlette's message, byte for byte, so the
/// endpoints layer renders the error as `HTTPError(status: 400, detail: error.detail)`.
public struct FormParsingError: Error, Hashable, Sendable {
    /// Why the body was rejected.
    public enum Reason: Hashable, Sendable {
        /// More text fields than ``FormLimits/maxFields``.
        case tooManyFields(limit: Int)
        /// More file parts than ``FormLimits/maxFiles``.
        case tooManyFiles(limit: Int)
        /// A text part larger than ``FormLimits/maxPartSize`` bytes.
        case partTooLarge(limit: Int)
        /// A `multipart/form-data` content type without a `boundary` parameter.
        case missingBoundary
        /// A multipart part whose `Content-Disposition` header has no `name`.
        case missingPartName
        /// A multipart body that breaks the syntax (a bad header line, bytes after a boundary).
        case malformedBody
    }

    /// Why the body was rejected.
    public let reason: Reason

    /// Creates the error.
    public init(_ reason: Reason) {
        self.reason = reason
    }

    /// The HTTP status FastAPI answers with: always 400.
    public var status: Int { 400 }

    /// Starlette's message for the reason, used as the response's `detail`.
    public var detail: String {
        switch self.reason {
        case .tooManyFields(let limit): "Too many fields. Maximum number of fields is \(limit)."
        case .tooManyFiles(let limit): "Too many files. Maximum number of files is \(limit)."
        // Starlette prints the limit in whole KB: `int(max_part_size / 1024)`.
        case .partTooLarge(let limit): "Part exceeded maximum size of \(limit / 1024)KB."
        case .missingBoundary: "Missing boundary in multipart."
        case .missingPartName: #"The Content-Disposition header field "name" must be provided."#
        // python-multipart's own parse errors escape Starlette and reach FastAPI's catch-all, which says this.
        case .malformedBody: "There was an error parsing the body"
        }
    }
}

extension FormParsingError: CustomStringConvertible {
    /// The ``detail`` message.
    public var description: String { self.detail }
}
