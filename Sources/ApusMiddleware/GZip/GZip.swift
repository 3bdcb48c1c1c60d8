public import ApusCore

/// Gzip compression of responses with Starlette's `GZipMiddleware` semantics.
///
/// ```swift
/// app.use(GZip())                                     // 500 bytes minimum, level 9
/// app.use(GZip(minimumSize: 1024, compressionLevel: 6))
/// ```
///
/// A response is left as it is when it already has a `Content-Encoding`, is a `206`, or its media type is
/// excluded (``defaultExcludedContentTypes``, where `audio/*` stands for every `audio/` type and
/// `application/grpc+proto` counts as `application/grpc`). Otherwise:
/// - A body in memory shorter than `minimumSize` is sent as it is.
/// - A body in memory of at least `minimumSize` gets `Vary: Accept-Encoding` and, when the request's
///   `Accept-Encoding` contains `gzip`, is compressed whole: `Content-Encoding: gzip` and the compressed
///   `Content-Length`.
/// - A streamed body gets `Vary: Accept-Encoding` and, when the client accepts gzip, is compressed **as it is
///   written**, one buffer at a time, never buffered: each buffer is compressed and flushed (`Z_SYNC_FLUSH`) so the
///   client can decompress what it has so far, exactly as Starlette 1.10 does; its length becomes unknown, so it
///   is sent chunked.
///
/// Starlette's quirk is kept on purpose: a streamed body is compressed whatever its size, because its size is not
/// known until it ends and finding out would mean buffering it. The one refinement: a streamed body whose length
/// is declared up front (a file, say) and is under `minimumSize` is sent as it is, as Starlette does for a file
/// that fits in one chunk.
///
/// `Accept-Encoding` is tested as Starlette tests it: its first field, for the substring `gzip` (so `gzip;q=0` still
/// compresses).
/// Buffers of 128 KiB or more are compressed on NIO's thread pool, as Starlette moves them to a worker thread, so
/// the event loop is never held by level 9 on a large body.
public struct GZip: Middleware {
    /// Starlette's list of media types never compressed: already compressed formats and event streams.
    public static let defaultExcludedContentTypes = [
        "application/grpc", "application/gzip", "application/x-gzip", "application/zip", "audio/*", "font/woff",
        "font/woff2", "image/avif", "image/gif", "image/jpeg", "image/png", "image/webp", "text/event-stream", "video/*",
    ]

    /// The smallest body in memory that is compressed, in bytes.
    public let minimumSize: Int
    /// The zlib compression level, 0 (none) to 9 (smallest).
    public let compressionLevel: Int
    /// Media types never compressed, lowercased and without parameters.
    public let excludedContentTypes: Set<String>

    /// Creates the middleware; the defaults are Starlette's.
    ///
    /// - Parameters:
    ///   - minimumSize: the smallest body in memory worth compressing (500 bytes).
    ///   - compressionLevel: zlib's level, clamped to 0...9 (9).
    ///   - excludedContentTypes: media types to leave alone; `type/*` excludes a whole type.
    public init(
        minimumSize: Int = 500,
        compressionLevel: Int = 9,
        excludedContentTypes: [String] = GZip.defaultExcludedContentTypes
    ) {
        self.minimumSize = minimumSize
        self.compressionLevel = min(max(compressionLevel, 0), 9)
        self.excludedContentTypes = Set(excludedContentTypes.map { Self.mediaType(of: $0) })
    }

    public func handle(_ request: Request, next: MiddlewareNext) async throws -> Response {
        var response = try await next(request)
        // Every early return leaves the response as it is, so the cheapest test comes first: a body whose length
        // is known and under the minimum (most JSON answers) is never compressed, whatever its type.
        if let length = response.body.contentLength, length < self.minimumSize {
            return response
        }
        guard !response.headers.hasField(named: .contentEncoding), response.status.code != 206, !self.isExcluded(response) else {
            return response
        }
        response.headers.appendVary("Accept-Encoding")
        guard Self.acceptsGzip(request) else { return response }
        if let buffer = response.body.buffer {
            let compressed = try await GzipStream(level: self.compressionLevel).compressOffLoop(buffer, finish: true)
            response.headers[.contentEncoding] = "gzip"
            response.headers[.contentLength] = String(compressed.readableBytes)
            response.body = ResponseBody(buffer: compressed)
            return response
        }
        response.headers[.contentEncoding] = "gzip"
        response.headers[.contentLength] = nil
        response.body = Self.compressedStream(response.body, level: self.compressionLevel)
        return response
    }

    private static let gzipToken = Array("gzip".utf8)

    /// Starlette's test: the first `Accept-Encoding` field contains `gzip`. One pass over the bytes, no copy: the
    /// letters of `gzip` are all different, so after a mismatch a match can only restart at the current byte.
    private static func acceptsGzip(_ request: Request) -> Bool {
        guard let value = request.headers.firstValue(named: .acceptEncoding) else { return false }
        let gzip = Self.gzipToken
        var matched = 0
        for byte in value.utf8 {
            matched = byte == gzip[matched] ? matched + 1 : (byte == gzip[0] ? 1 : 0)
            if matched == gzip.count { return true }
        }
        return false
    }

    /// `body`, gzipped buffer by buffer as it is written.
    private static func compressedStream(_ body: ResponseBody, level: Int) -> ResponseBody {
        ResponseBody(contentLength: nil) { writer in
            var gzip = GzipResponseBodyWriter(base: writer, stream: try GzipStream(level: level))
            var erased: any ResponseBodyWriter = gzip
            defer {
                // Hand back the wrapped writer: value-type writers carry what was written.
                if let wrapped = erased as? GzipResponseBodyWriter { writer = wrapped.base }
            }
            try await body.write(to: &erased)
            // `erased` was created above as a GzipResponseBodyWriter and `write(to:)` only writes into it.
            if let wrapped = erased as? GzipResponseBodyWriter { gzip = wrapped }
            try await gzip.finish()
            erased = gzip
        }
    }

    private func isExcluded(_ response: Response) -> Bool {
        let mediaType = Self.mediaType(of: response.headers[.contentType] ?? "")
        let major = mediaType.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        if self.excludedContentTypes.contains(mediaType) || self.excludedContentTypes.contains(major + "/*") {
            return true
        }
        return mediaType.hasPrefix("application/grpc+") && self.excludedContentTypes.contains("application/grpc")
    }

    /// A `Content-Type` value's media type, lowercased, without parameters.
    private static func mediaType(of contentType: String) -> String {
        let type = contentType[...].split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return type.trimmingPythonWhitespace().lowercased()
    }
}
