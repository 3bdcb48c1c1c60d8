import ApusWireFormats

/// The values a route's `{name}` and `{name:path}` segments captured, percent-decoded on access.
public struct PathParameters: Sendable {
    private let names: [String]
    private let ranges: [Range<String.Index>]
    private let source: String

    /// No parameters.
    public init() {
        self.names = []
        self.ranges = []
        self.source = ""
    }

    init(names: [String], ranges: [Range<String.Index>], source: String) {
        self.names = names
        self.ranges = ranges
        self.source = source
    }

    /// The decoded value of parameter `name` (`%2F` becomes `/`), or `nil` if the route has no such parameter.
    public subscript(_ name: String) -> String? {
        self.raw(name).map { PercentDecoding.decode($0) }
    }

    /// The value of parameter `name` exactly as it appeared in the request path.
    public func raw(_ name: String) -> Substring? {
        guard let index = self.names.firstIndex(of: name), index < self.ranges.count else { return nil }
        return self.source[self.ranges[index]]
    }

    /// The parameter names, in template order.
    public var parameterNames: [String] { self.names }

    /// Whether the route has no parameters.
    public var isEmpty: Bool { self.names.isEmpty }
}
