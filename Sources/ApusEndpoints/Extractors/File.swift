public import ApusForms
public import ApusModels

/// What a ``File`` extractor can give: one upload (required), an optional one, or every upload under the name.
public protocol UploadedFileValue: Sendable {
    /// The value for the uploads sent under the field's name, or `nil` when that is a missing value.
    static func value(from files: [UploadedFile]) -> Self?
    /// Whether a request without the file fails.
    static var isRequired: Bool { get }
    /// The property's schema: a binary string, or an array of them.
    static var schema: JSONObject { get }
}

extension UploadedFile: UploadedFileValue {
    /// The first upload.
    public static func value(from files: [UploadedFile]) -> UploadedFile? { files.first }
    /// Required.
    public static var isRequired: Bool { true }
    /// `{"type":"string","contentMediaType":"application/octet-stream"}`, as FastAPI writes an `UploadFile`.
    public static var schema: JSONObject { ["type": "string", "contentMediaType": "application/octet-stream"] }
}

extension Optional: UploadedFileValue where Wrapped == UploadedFile {
    /// The first upload, or `nil`.
    public static func value(from files: [UploadedFile]) -> UploadedFile?? { .some(files.first) }
    /// Not required.
    public static var isRequired: Bool { false }
    /// The binary string or null.
    public static var schema: JSONObject { ["anyOf": [.object(UploadedFile.schema), ["type": "null"]]] }
}

extension Array: UploadedFileValue where Element == UploadedFile {
    /// Every upload; none is a missing value.
    public static func value(from files: [UploadedFile]) -> [UploadedFile]? { files.isEmpty ? nil : files }
    /// Required.
    public static var isRequired: Bool { true }
    /// An array of binary strings.
    public static var schema: JSONObject { ["type": "array", "items": .object(UploadedFile.schema)] }
}

/// An uploaded file from a `multipart/form-data` body (FastAPI's `UploadFile` / `File()`): filename, content
/// type, size and async reads. Uploads are streamed and spooled to a temporary file past 1 MiB, never held whole in
/// memory, and closed (the file removed) once the response has been sent.
///
/// ```swift
/// app.post("/upload", File<UploadedFile>("file"), Form<String>("note")) { file, note in
///     ["filename": file.filename, "size": String(file.size)]
/// }
/// ```
public struct File<Value: UploadedFileValue>: Extractor {
    /// The part's field name.
    public let name: String
    /// The description for the docs.
    public let description: String?

    /// Reads the upload(s) under field `name`.
    public init(_ name: String, description: String? = nil) {
        self.name = name
        self.description = description
    }

    public func register(in plan: inout EndpointPlan) {
        let name = self.name
        let schema = DocumentedSchema { _ in
            var schema = Value.schema
            schema["title"] = .string(PythonTitleCase.title(name))
            return schema
        }
        plan.addFormField(
            RequestBodyDocumentation.Field(
                name: name, isRequired: Value.isRequired, description: self.description, schema: schema, propertySchema: schema,
                isFile: true
            ),
            multipart: true
        )
    }

    public func extract(from context: inout ExtractionContext) async throws -> Value? {
        let files: [UploadedFile]
        if case .form(let form) = context.body { files = form.files(named: self.name) } else { files = [] }
        if let value = Value.value(from: files) { return value }
        context.record(
            ValidationErrorItem(type: "missing", location: ["body", .key(self.name)], message: "Field required", input: nil),
            from: .body
        )
        return nil
    }
}

/// Pydantic's default title for a field name: `file_upload` → `File Upload`.
enum PythonTitleCase {
    static func title(_ name: String) -> String {
        name.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }
}
