/// A parsed form body: its fields and files in the order they arrived, repeated names kept (Starlette's
/// `FormData` multidict).
///
/// Files are backed by memory or temporary files; call ``close()`` once the request is done with them (the
/// endpoints layer does it after the response is sent). Files not closed are removed when the last reference
/// to them goes away.
public struct FormData: Sendable {
    /// Every entry, in body order.
    public private(set) var entries: [(name: String, value: FormValue)] = []

    /// How many text entries the form holds.
    public private(set) var fieldCount = 0
    /// How many file entries the form holds.
    public private(set) var fileCount = 0

    /// An empty form.
    public init() {}

    /// Adds an entry at the end.
    public mutating func append(name: String, value: FormValue) {
        switch value {
        case .text: self.fieldCount += 1
        case .file: self.fileCount += 1
        }
        self.entries.append((name, value))
    }

    /// Every value sent under `name`, text and files, in body order (FastAPI reads `list[...]` parameters so).
    public func values(named name: String) -> [FormValue] {
        self.entries.compactMap { $0.name == name ? $0.value : nil }
    }

    /// The last value sent under `name`: as in Starlette, a repeated name read as one value keeps the last.
    public func value(named name: String) -> FormValue? {
        self.entries.last(where: { $0.name == name })?.value
    }

    /// Every text value sent under `name`, in body order.
    public func fields(named name: String) -> [String] {
        self.entries.compactMap { $0.name == name ? $0.value.text : nil }
    }

    /// The last text value sent under `name`.
    public func field(named name: String) -> String? {
        self.entries.last(where: { $0.name == name && $0.value.text != nil })?.value.text
    }

    /// Every file sent under `name`, in body order.
    public func files(named name: String) -> [UploadedFile] {
        self.entries.compactMap { $0.name == name ? $0.value.file : nil }
    }

    /// The last file sent under `name`.
    public func file(named name: String) -> UploadedFile? {
        self.entries.last(where: { $0.name == name && $0.value.file != nil })?.value.file
    }

    /// The distinct names in first-seen order.
    public var names: [String] {
        var seen = Set<String>()
        return self.entries.compactMap { seen.insert($0.name).inserted ? $0.name : nil }
    }

    /// Closes every file, removing its temporary file. Safe to call more than once.
    public func close() async {
        for case (_, .file(let file)) in self.entries {
            await file.close()
        }
    }
}
