public import NIOCore

/// Parses form bodies, `application/x-www-form-urlencoded` and `multipart/form-data`, as FastAPI (Starlette) does,
/// with its limits and its 400 messages.
///
/// ```swift
/// let form = try await FormParser().parse(request.body, contentType: request.headers[.contentType])
/// defer { Task { await form.close() } }   // or close it once the response is sent
/// let name = form.field(named: "name")
/// let avatar = form.file(named: "avatar")
/// ```
///
/// The body is read once, front to back, and never gathered whole: multipart uploads past
/// ``FormLimits/spoolThreshold`` go to temporary files.
public struct FormParser: Sendable {
    /// The limits applied to every body.
    public var limits: FormLimits

    /// Creates a parser; the default limits are Starlette's.
    public init(limits: FormLimits = FormLimits()) {
        self.limits = limits
    }

    /// Parses `body` according to `contentType`, the request's `content-type` header value.
    ///
    /// A content type that is neither form encoding (JSON, none at all) gives an empty form without reading the
    /// body, as Starlette's `request.form()` does: the endpoints layer then reports each form parameter missing.
    ///
    /// - Throws: ``FormParsingError`` for a body FastAPI answers with 400 (its ``FormParsingError/detail`` is the
    ///   message); ``UploadedFileError`` when a temporary file cannot be written; and whatever the body itself
    ///   throws (a client that disconnects, a body over the server's size limit). Uploads already stored are
    ///   removed before any error is thrown.
    public func parse<Body: AsyncSequence>(
        _ body: Body,
        contentType: String?
    ) async throws -> FormData where Body.Element == ByteBuffer {
        switch FormEncoding(contentType: contentType) {
        case nil:
            return FormData()
        case .urlEncoded:
            var parser = URLEncodedFormParser(limits: self.limits)
            for try await buffer in body {
                try parser.consume(buffer)
            }
            return try parser.finish()
        case .multipart(boundary: nil):
            throw FormParsingError(.missingBoundary)
        case .multipart(boundary: let boundary?):
            return try await MultipartFormParser(boundary: boundary, limits: self.limits).parse(body)
        }
    }
}
