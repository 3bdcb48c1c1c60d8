import ApusWireFormats

/// A request's query string, decoded as `application/x-www-form-urlencoded` the way Starlette does it
/// (`parse_qsl(..., keep_blank_values=True)`): pairs split on `&`, name and value on the first `=`, `+` as a space,
/// then percent-decoding; empty pairs are skipped, a name without `=` has the empty value, and repeated names keep
/// every value in order.
public struct QueryParameters: Sendable, Sequence {
    /// One decoded `name=value` pair.
    public struct Parameter: Sendable, Hashable {
        /// The decoded name.
        public var name: String
        /// The decoded value.
        public var value: String
    }

    /// Every pair, in the order the query string gives them.
    public private(set) var parameters: [Parameter]

    /// No parameters.
    public init() {
        self.parameters = []
    }

    /// Decodes a raw query string (without the `?`).
    public init(parsing query: Substring) {
        var parameters: [Parameter] = []
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            if let equals = pair.firstIndex(of: "=") {
                parameters.append(
                    Parameter(
                        name: PercentDecoding.decode(pair[..<equals], plusAsSpace: true),
                        value: PercentDecoding.decode(pair[pair.index(after: equals)...], plusAsSpace: true)
                    )
                )
            } else {
                parameters.append(Parameter(name: PercentDecoding.decode(pair, plusAsSpace: true), value: ""))
            }
        }
        self.parameters = parameters
    }

    /// The last value given for `name` (what FastAPI reads for a scalar parameter), or `nil`.
    public subscript(_ name: String) -> String? {
        self.parameters.last { $0.name == name }?.value
    }

    /// Every value given for `name`, in order (what FastAPI reads for a list parameter).
    public func values(_ name: String) -> [String] {
        self.parameters.compactMap { $0.name == name ? $0.value : nil }
    }

    /// Whether `name` appears at all.
    public func contains(_ name: String) -> Bool {
        self.parameters.contains { $0.name == name }
    }

    /// Whether there are no parameters.
    public var isEmpty: Bool { self.parameters.isEmpty }

    public func makeIterator() -> IndexingIterator<[Parameter]> {
        self.parameters.makeIterator()
    }
}
