/// The headers of one multipart part, in the order they were sent. Lookup ignores case.
public struct FormPartHeaders: Sendable, Hashable, Sequence {
    /// One header line.
    public struct Header: Sendable, Hashable {
        /// The name as sent.
        public let name: String
        /// The value, leading whitespace removed.
        public let value: String

        /// Creates a header line.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    private var headers: [Header]

    /// Creates headers from lines in order.
    public init(_ headers: [Header] = []) {
        self.headers = headers
    }

    /// Adds a line at the end.
    public mutating func append(name: String, value: String) {
        self.headers.append(Header(name: name, value: value))
    }

    /// The last value sent for `name` (any case), as Starlette's `Headers` keeps it.
    public subscript(name: String) -> String? {
        let lowered = name.lowercased()
        return self.headers.last(where: { $0.name.lowercased() == lowered })?.value
    }

    /// Whether there are no headers.
    public var isEmpty: Bool { self.headers.isEmpty }

    /// Iterates the lines in order.
    public func makeIterator() -> IndexingIterator<[Header]> {
        self.headers.makeIterator()
    }
}
