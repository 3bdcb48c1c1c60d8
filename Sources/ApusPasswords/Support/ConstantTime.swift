/// Comparisons whose time does not depend on where two secrets differ, for API keys, tokens and other values a
/// client could otherwise guess byte by byte by timing the answers.
public enum ConstantTime {
    /// Whether `a` and `b` hold the same bytes. Takes time proportional to the longer input whatever the
    /// contents; only the lengths' equality shows.
    public static func equal(_ a: some Collection<UInt8>, _ b: some Collection<UInt8>) -> Bool {
        var difference: UInt8 = a.count == b.count ? 0 : 1
        var left = a.makeIterator()
        var right = b.makeIterator()
        for _ in 0..<max(a.count, b.count) {
            difference |= (left.next() ?? 0) ^ (right.next() ?? 0)
        }
        return difference == 0
    }

    /// Whether `a` and `b` have the same UTF-8 bytes, in constant time (see the byte overload).
    public static func equal(_ a: String, _ b: String) -> Bool {
        Self.equal(a.utf8, b.utf8)
    }
}
