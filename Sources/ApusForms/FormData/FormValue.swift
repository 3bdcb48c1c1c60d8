/// One value of a form: a text field or an uploaded file.
public enum FormValue: Sendable {
    /// A text field (an urlencoded pair, or a multipart part without a filename).
    case text(String)
    /// A multipart part with a filename.
    case file(UploadedFile)

    /// The text, or `nil` for a file.
    public var text: String? {
        if case .text(let text) = self { text } else { nil }
    }

    /// The upload, or `nil` for a text field.
    public var file: UploadedFile? {
        if case .file(let file) = self { file } else { nil }
    }
}
