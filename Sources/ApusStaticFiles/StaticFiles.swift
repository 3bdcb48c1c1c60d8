public import ApusCore
import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Files from a directory, served as Starlette's `StaticFiles` serves them; mount it with
/// ``ApusCore/RouteRegistering/mount(_:_:name:file:line:)``:
///
/// ```swift
/// let app = App()
/// app.mount("/static", try StaticFiles(directory: "public"))
/// app.mount("/", try StaticFiles(directory: "site", html: true))   // index.html and 404.html
/// ```
///
/// - GET and HEAD; any other method is 405 `{"detail":"Method Not Allowed"}` with `allow: GET, HEAD`.
/// - `content-type` from the extension, `accept-ranges: bytes`, `content-length`, `last-modified`, and
///   Starlette's `etag` (the MD5 of `"<st_mtime>-<st_size>"`).
/// - `If-None-Match` (or, without it, `If-Modified-Since`) that matches: 304 with only the `etag`.
/// - `Range`: one range is 206 with `content-range`, several are one `multipart/byteranges` 206, a start past the
///   end is 416 with `content-range: bytes */<size>`, a malformed header is 400; `If-Range` that does not match
///   sends the whole file.
/// - A missing file is 404 `{"detail":"Not Found"}`. In `html` mode a directory serves its `index.html` (a
///   directory URL without its trailing slash is redirected to it with 307 first), and `404.html` at the root, if
///   there is one, answers what is missing, with status 404.
///
/// Paths cannot leave the root: the request path is decoded and cleaned (`..` folded, never above the root's own
/// name), a leading `\` is refused, a NUL is 404, and the file's path with symbolic links resolved must lie inside
/// the root's (unless `followSymlinks`, where the path as written must, and links inside may point anywhere).
/// Lookups run on NIO's blocking pool and bodies are streamed from disk with NIOFileSystem, so no event loop blocks
/// and a large file costs one chunk of memory.
public struct StaticFiles: Sendable {
    /// The directory files are served from.
    public let directory: String
    /// Whether directories serve their `index.html` and `404.html` answers what is missing.
    public let html: Bool
    /// Whether symbolic links inside the root are followed wherever they point (Starlette's `follow_symlink`).
    public let followSymlinks: Bool
    /// How many bytes are read from disk and sent at a time (Starlette's `FileResponse.chunk_size`).
    public let chunkSize: Int

    let lookup: FileLookup

    /// Serves the files in `directory`.
    ///
    /// - Parameters:
    ///   - directory: the root; relative paths are relative to the working directory.
    ///   - html: serve `index.html` for directories and `404.html` for what is missing.
    ///   - followSymlinks: follow links inside the root even when they point outside it (Starlette's
    ///     `follow_symlink`); by default a link is served only when its target is inside the root.
    ///   - checkDirectory: fail now when `directory` is not a directory (Starlette's `check_dir`). The check is a
    ///     blocking `stat`, made where the app is set up.
    ///   - chunkSize: the read and write size for bodies (64 KiB, as Starlette).
    /// - Throws: ``StaticFilesError/notADirectory(_:)`` when checked and `directory` is not one.
    public init(
        directory: String,
        html: Bool = false,
        followSymlinks: Bool = false,
        checkDirectory: Bool = true,
        chunkSize: Int = 64 * 1024
    ) throws(StaticFilesError) {
        if checkDirectory {
            var status = stat()
            guard stat(directory, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
                throw .notADirectory(directory)
            }
        }
        self.directory = directory
        self.html = html
        self.followSymlinks = followSymlinks
        self.chunkSize = max(1, chunkSize)
        self.lookup = FileLookup(directory: directory, followSymlinks: followSymlinks, html: html)
    }

    /// The answer to `request` for `routePath`, the decoded path after the mount point (`/css/site.css`; empty or
    /// `/` for the mount itself). ``ApusCore/RouteRegistering/mount(_:_:name:file:line:)`` calls this; a handler of your own
    /// may too.
    ///
    /// - Throws: ``ApusCore/HTTPError`` for 404, 405 and 401, which render as FastAPI's `{"detail": ...}`.
    public func response(for request: Request, routePath: String) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            throw HTTPError(.methodNotAllowed, headers: [.allow: "GET, HEAD"])
        }
        let path = StaticPath(routePath: routePath)
        let endsWithSlash = request.path.hasSuffix("/")
        let lookup = self.lookup
        let resolution = try await NIOSingletons.posixBlockingThreadPool.runIfActive {
            lookup.resolve(path, requestPathEndsWithSlash: endsWithSlash)
        }
        switch resolution {
        case .file(let file):
            return self.fileResponse(file, request: request)
        case .notFoundPage(let file):
            let headers = self.headers(for: file, validators: Self.validators(file))
            return Response(
                status: .notFound,
                headers: headers,
                body: FileBody.range(0..<file.size, ofFileAt: file.path, chunkSize: self.chunkSize)
            )
        case .redirectToDirectory:
            return .redirect(to: Self.directoryURL(for: request))
        case .notFound:
            throw HTTPError(.notFound)
        case .unauthorized:
            throw HTTPError(.unauthorized)
        }
    }

    /// Starlette's `file_response` and `FileResponse.__call__`: 304, then ranges, then the whole file.
    private func fileResponse(_ file: FoundFile, request: Request) -> Response {
        let validators = Self.validators(file)
        if ConditionalRequest.isNotModified(request.headers, validators: validators) {
            return .empty(status: .notModified, headers: [.eTag: validators.etag])
        }
        var headers = self.headers(for: file, validators: validators)
        let whole = Response(
            status: .ok,
            headers: headers,
            body: FileBody.range(0..<file.size, ofFileAt: file.path, chunkSize: self.chunkSize)
        )
        guard let rangeHeader = request.headers.firstValue(.range) else { return whole }
        if let ifRange = request.headers.firstValue(.ifRange),
            !ConditionalRequest.ifRangeAllowsRange(ifRange, validators: validators)
        {
            return whole
        }
        switch ByteRangeRequest(header: rangeHeader, size: file.size) {
        case .malformed(let message):
            return .text(message, status: .badRequest)
        case .unsatisfiable:
            return .text("", status: .rangeNotSatisfiable, headers: [.contentRange: "bytes */\(file.size)"])
        case .ranges(let ranges) where ranges.count == 1:
            let range = ranges[0]
            headers[.contentLength] = String(range.count)
            headers.append(HTTPField(name: .contentRange, value: "bytes \(range.lowerBound)-\(range.upperBound - 1)/\(file.size)"))
            return Response(
                status: .partialContent,
                headers: headers,
                body: FileBody.range(range, ofFileAt: file.path, chunkSize: self.chunkSize)
            )
        case .ranges(let ranges) where ranges.count > 1:
            let boundary = Self.boundary()
            let body = FileBody.multipartRanges(
                ranges,
                ofFileAt: file.path,
                size: file.size,
                contentType: headers[.contentType] ?? MediaType.octetStream,
                boundary: boundary,
                chunkSize: self.chunkSize
            )
            headers[.contentType] = "multipart/byteranges; boundary=\(boundary)"
            headers[.contentLength] = body.contentLength.map(String.init)
            return Response(status: .partialContent, headers: headers, body: body)
        case .ranges:
            return whole
        }
    }

    /// `FileResponse`'s headers, in its order.
    private func headers(for file: FoundFile, validators: FileValidators) -> HTTPFields {
        [
            .contentType: MediaType.forFileName(file.path),
            .acceptRanges: "bytes",
            .contentLength: String(file.size),
            .lastModified: validators.lastModified,
            .eTag: validators.etag,
        ]
    }

    private static func validators(_ file: FoundFile) -> FileValidators {
        FileValidators(
            size: file.size,
            modificationSeconds: file.modificationSeconds,
            modificationNanoseconds: file.modificationNanoseconds
        )
    }

    /// The request's URL with `/` added to its path, as Starlette builds it (`URL(scope=scope)`): the decoded path
    /// with `?`, `#` and `\` escaped, then the raw query; ``ApusCore/Response/redirect(to:status:headers:)``
    /// percent-encodes the rest as Starlette's `RedirectResponse`.
    static func directoryURL(for request: Request) -> String {
        var path = ""
        for character in request.rootPath + request.path {
            switch character {
            case "?": path += "%3F"
            case "#": path += "%23"
            case "\\": path += "%5C"
            default: path.append(character)
            }
        }
        var url = "\(request.scheme)://\(request.host ?? "localhost")\(path)/"
        if !request.rawQuery.isEmpty {
            url += "?\(request.rawQuery)"
        }
        return url
    }

    /// 13 random bytes in hex, as Starlette's `token_hex(13)`.
    private static func boundary() -> String {
        var generator = SystemRandomNumberGenerator()
        let hexDigits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(26)
        for _ in 0..<13 {
            let byte = UInt8.random(in: 0...255, using: &generator)
            text.append(hexDigits[Int(byte >> 4)])
            text.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

/// Why ``StaticFiles`` could not be made.
public enum StaticFilesError: Error, Equatable, CustomStringConvertible {
    /// The directory does not exist or is not a directory (Starlette's `RuntimeError` from `check_dir`).
    case notADirectory(String)

    public var description: String {
        switch self {
        case .notADirectory(let directory): "Directory '\(directory)' does not exist"
        }
    }
}
