import ApusWireFormats
import NIOFileSystem

extension Response {
    /// A file streamed from disk in chunks, read on NIO's thread pool so no event loop blocks.
    ///
    /// Headers as Starlette's `FileResponse`: `headers`, `content-type` (from the extension unless given),
    /// `content-disposition` when `filename` is given, `content-length`, `last-modified`. A path that is not a
    /// regular file is 404 `{"detail":"Not Found"}`.
    ///
    /// - Parameters:
    ///   - path: the file's path on disk.
    ///   - mediaType: the content type; by default guessed from the extension of `filename` or `path`.
    ///   - filename: sent in `content-disposition: attachment` so the browser saves the file under that name.
    ///   - chunkSize: how many bytes are read and sent at a time.
    public static func file(
        at path: String,
        mediaType: String? = nil,
        filename: String? = nil,
        status: HTTPResponse.Status = .ok,
        headers: HTTPFields = [:],
        chunkSize: Int = 64 * 1024
    ) async throws -> Response {
        guard let info = try await FileSystem.shared.info(forFileAt: .init(path), infoAboutSymbolicLink: false),
            info.type == .regular
        else {
            throw HTTPError(.notFound)
        }
        let size = info.size
        var fields = headers
        fields.append(HTTPField(name: .contentType, value: mediaType ?? MediaType.forFileName(filename ?? path)))
        if let filename {
            fields.append(HTTPField(name: .contentDisposition, value: Self.contentDisposition(filename: filename)))
        }
        fields.append(HTTPField(name: .contentLength, value: String(size)))
        fields.append(
            HTTPField(name: .lastModified, value: HTTPDate.format(secondsSince1970: info.lastDataModificationTime.seconds))
        )
        let body = ResponseBody(contentLength: Int(size)) { writer in
            try await FileSystem.shared.withFileHandle(forReadingAt: .init(path)) { handle in
                for try await chunk in handle.readChunks(in: 0..<size, chunkLength: .bytes(Int64(chunkSize))) {
                    try await writer.write(chunk)
                }
            }
        }
        return Response(status: status, headers: fields, body: body)
    }

    /// Starlette's `attachment; filename="..."`, or RFC 5987's `filename*=utf-8''...` when the name needs quoting.
    private static func contentDisposition(filename: String) -> String {
        let quoted = URLQuoting.quotePathComponent(filename)
        return quoted == filename ? "attachment; filename=\"\(filename)\"" : "attachment; filename*=utf-8''\(quoted)"
    }
}
