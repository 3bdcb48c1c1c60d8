extension StringProtocol {
    /// The text without leading and trailing spaces and horizontal tabs: HTTP's optional whitespace around a
    /// field value or a list element (RFC 9110 §5.6.3).
    public func trimmingHTTPWhitespace() -> SubSequence {
        let isWhitespace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = self.firstIndex(where: { !isWhitespace($0) }), let last = self.lastIndex(where: { !isWhitespace($0) })
        else { return self[self.endIndex...] }
        return self[first...last]
    }
}
