/// The `content-type` values responses use, spelled exactly as Starlette sends them.
public enum MediaType {
    /// `application/json` (no charset, as FastAPI sends it).
    public static let json = "application/json"
    /// `text/plain; charset=utf-8`.
    public static let plainText = "text/plain; charset=utf-8"
    /// `text/html; charset=utf-8`.
    public static let html = "text/html; charset=utf-8"
    /// `application/octet-stream`, for bytes of unknown type.
    public static let octetStream = "application/octet-stream"

    /// The media type for a file name's extension (as Python's `mimetypes` guesses it, with `; charset=utf-8` on
    /// text types as Starlette adds it); `application/octet-stream` when unknown.
    public static func forFileName(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), !name[dot...].contains("/") else { return self.octetStream }
        let type = self.byExtension[name[name.index(after: dot)...].lowercased()] ?? self.octetStream
        return type.hasPrefix("text/") ? type + "; charset=utf-8" : type
    }

    private static let byExtension: [String: String] = [
        "html": "text/html", "htm": "text/html", "css": "text/css", "js": "text/javascript",
        "mjs": "text/javascript", "txt": "text/plain", "csv": "text/csv", "md": "text/markdown",
        "xml": "application/xml", "json": "application/json", "map": "application/json",
        "pdf": "application/pdf", "zip": "application/zip", "gz": "application/gzip", "tar": "application/x-tar",
        "wasm": "application/wasm", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
        "gif": "image/gif", "webp": "image/webp", "svg": "image/svg+xml", "ico": "image/vnd.microsoft.icon",
        "avif": "image/avif", "woff": "font/woff", "woff2": "font/woff2", "ttf": "font/ttf", "otf": "font/otf",
        "mp3": "audio/mpeg", "wav": "audio/x-wav", "ogg": "audio/ogg", "mp4": "video/mp4", "webm": "video/webm",
        "yaml": "application/yaml", "yml": "application/yaml",
    ]
}
