import NIOCore

/// Turns the header, body and part-end events of a multipart body into form entries, applying Starlette's
/// rules (`MultiPartParser` in `starlette/formparsers.py`):
/// - a part must name itself in `Content-Disposition`, or the body is rejected;
/// - a part with a `filename` parameter is a file, any other part a text field; each kind has its own limit;
/// - a text part may not exceed ``FormLimits/maxPartSize``; its bytes are read as UTF-8, or Latin-1 when they
///   are not valid UTF-8 (Starlette's `_user_safe_decode`);
/// - a part cut off by the end of the body is dropped.
struct MultipartPartAssembler {
    private enum Part {
        case headers(FormPartHeaders)
        case field(name: String, contents: ByteBuffer)
        case file(name: String, filename: String, headers: FormPartHeaders, spooler: UploadSpooler)
    }

    private let limits: FormLimits
    private let directory: String
    private var part = Part.headers(FormPartHeaders())
    private var fileCount = 0
    private(set) var form = FormData()

    init(limits: FormLimits) {
        self.limits = limits
        self.directory = limits.temporaryDirectory ?? TemporaryUploadFile.defaultDirectory
    }

    mutating func handle(_ event: MultipartEventCollector.Event) async throws {
        switch event {
        case .header(let name, let value):
            if case .headers(var headers) = self.part {
                // Release the enum's copy first: otherwise every append copies the whole header list, and a
                // part with n header lines costs O(n²).
                self.part = .headers(FormPartHeaders())
                headers.append(name: name, value: value)
                self.part = .headers(headers)
            }
        case .body(var buffer):
            try self.startBodyIfNeeded()
            try await self.appendBody(&buffer)
        case .partComplete:
            try self.startBodyIfNeeded()
            try await self.completePart()
        }
    }

    /// Drops a part cut off by the end of the body, or every upload when parsing failed.
    mutating func discardIncompletePart() async {
        if case .file(_, _, _, var spooler) = self.part {
            await spooler.discard()
        }
        self.part = .headers(FormPartHeaders())
    }

    private mutating func startBodyIfNeeded() throws(FormParsingError) {
        guard case .headers(let headers) = self.part else { return }
        let disposition = HeaderValueParameters(headers["content-disposition"] ?? "")
        guard let name = disposition["name"] else { throw FormParsingError(.missingPartName) }
        if let filename = disposition["filename"] {
            self.fileCount += 1
            guard self.fileCount <= self.limits.maxFiles else {
                throw FormParsingError(.tooManyFiles(limit: self.limits.maxFiles))
            }
            let spooler = UploadSpooler(threshold: self.limits.spoolThreshold, directory: self.directory)
            self.part = .file(name: name, filename: filename, headers: headers, spooler: spooler)
        } else {
            guard self.form.fieldCount < self.limits.maxFields else {
                throw FormParsingError(.tooManyFields(limit: self.limits.maxFields))
            }
            self.part = .field(name: name, contents: ByteBuffer())
        }
    }

    private mutating func appendBody(_ buffer: inout ByteBuffer) async throws {
        switch self.part {
        case .headers:
            break
        case .field(let name, var contents):
            guard contents.readableBytes + buffer.readableBytes <= self.limits.maxPartSize else {
                throw FormParsingError(.partTooLarge(limit: self.limits.maxPartSize))
            }
            // Release the enum's copy first so that the append below does not copy the buffer.
            self.part = .headers(FormPartHeaders())
            contents.writeBuffer(&buffer)
            self.part = .field(name: name, contents: contents)
        case .file(let name, let filename, let headers, var spooler):
            self.part = .headers(FormPartHeaders())
            do {
                try await spooler.append(&buffer)
            } catch {
                await spooler.discard()
                throw error
            }
            self.part = .file(name: name, filename: filename, headers: headers, spooler: spooler)
        }
    }

    private mutating func completePart() async throws {
        let part = self.part
        self.part = .headers(FormPartHeaders())
        switch part {
        case .headers:
            break
        case .field(let name, let contents):
            self.form.append(name: name, value: .text(Self.decodeText(contents)))
        case .file(let name, let filename, let headers, var spooler):
            let storage: UploadStorage
            do {
                storage = try await spooler.finish()
            } catch {
                await spooler.discard()
                throw error
            }
            let file = UploadedFile(
                fieldName: name,
                filename: filename,
                contentType: headers["content-type"],
                headers: headers,
                size: spooler.size,
                storage: storage
            )
            self.form.append(name: name, value: .file(file))
        }
    }

    private static func decodeText(_ buffer: ByteBuffer) -> String {
        let bytes = buffer.readableBytesView
        if let text = String(validating: bytes, as: UTF8.self) {
            return text
        }
        return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }
}
