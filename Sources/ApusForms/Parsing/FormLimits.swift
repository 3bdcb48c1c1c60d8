/// Limits applied while a form body is parsed. The defaults are Starlette's (`request.form()`) and
/// python-multipart's, which FastAPI uses.
public struct FormLimits: Hashable, Sendable {
    /// The most text fields a body may carry (urlencoded pairs or multipart parts without a filename).
    public var maxFields: Int
    /// The most file parts (multipart parts with a filename) a body may carry.
    public var maxFiles: Int
    /// The most bytes one multipart text part may hold. File parts are not limited: they spool to disk.
    public var maxPartSize: Int
    /// The most header lines one multipart part may have (python-multipart's `max_header_count`); more is a
    /// malformed body.
    public var maxPartHeaderCount: Int
    /// The most bytes one multipart header line may take, CRLF excluded (python-multipart's `max_header_size`,
    /// 4096 + 128); longer is a malformed body.
    public var maxPartHeaderSize: Int
    /// How many bytes of an upload stay in memory before it moves to a temporary file (Starlette's
    /// `SpooledTemporaryFile(max_size=1024 * 1024)`).
    public var spoolThreshold: Int
    /// Where upload temporary files are created; `nil` means `$TMPDIR`, or `/tmp` when that is unset.
    public var temporaryDirectory: String?

    /// Creates limits; every argument defaults to Starlette's value.
    public init(
        maxFields: Int = 1000,
        maxFiles: Int = 1000,
        maxPartSize: Int = 1024 * 1024,
        maxPartHeaderCount: Int = 8,
        maxPartHeaderSize: Int = 4096 + 128,
        spoolThreshold: Int = 1024 * 1024,
        temporaryDirectory: String? = nil
    ) {
        self.maxFields = maxFields
        self.maxFiles = maxFiles
        self.maxPartSize = maxPartSize
        self.maxPartHeaderCount = maxPartHeaderCount
        self.maxPartHeaderSize = maxPartHeaderSize
        self.spoolThreshold = spoolThreshold
        self.temporaryDirectory = temporaryDirectory
    }
}
