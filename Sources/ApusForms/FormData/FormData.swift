/// A parsed form body: its fields and files in the order they arrived, repeated names kept (Starlette's
/// `FormData` multidict).
///
/// Files are backed by memory or temporary files; call ``close()`` once the request is done with them (the
/// endpoints layer does it after the response is sent). Files not closed are removed when the last reference
/// to them goes away.
public struct FormData: Sendable {
    /// Every entry, in body order.
    public private(set) var entries: [(name: String, value: FormValue)] = []
    /// The positions in ``entries`` of each name's entries, in body order: names come from the wire, so a lookup
    /// is a hash lookup plus that name's own entries, never a scan of the whole form.
    private var positions: [String: [Int]] = [:]

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
        self.positions[name, default: []].append(self.entries.count)
        self.entries.append((name, value))
    }

    /// Every value sent under `name`, text and files, in body order (FastAPI reads `list[...]` parameters so).
    public func values(named name: String) -> [FormValue] {
        self.positions[name]?.map { self.entries[$0].value } ?? []
    }

    /// The last value sent under `name`: as in Starlette, a repeated name read as one value keeps the last.
    public func value(named name: String) -> FormValue? {
        self.positions[name]?.last.map { self.entries[$0].value }
    }

    /// Every text value sent under `name`, in body order.
    public func fields(named name: String) -> [String] {
        self.positions[name]?.compactMap { self.entries[$0].value.text } ?? []
    }

    /// The last text value sent under `name`.
    public func field(named name: String) -> String? {
        self.positions[name]?.lazy.reversed().compactMap { self.entries[$0].value.text }.first
    }

    /// Every file sent under `name`, in body order.
    public func files(named name: String) -> [UploadedFile] {
        self.positions[name]?.compactMap { self.entries[$0].value.file } ?? []
    }

    /// The last file sent under `name`.
    public func file(named name: String) -> UploadedFile? {
        self.positions[name]?.lazy.reversed().compactMap { self.entries[$0].value.file }.first
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
