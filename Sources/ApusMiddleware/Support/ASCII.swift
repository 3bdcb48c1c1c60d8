extension Substring {
    /// The text without leading and trailing whitespace as Python's `str.strip()` sees it in header values
    /// (space, tab, CR, LF, vertical tab, form feed).
    func trimmingPythonWhitespace() -> Substring {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        let utf8 = self.utf8
        guard let first = utf8.firstIndex(where: { !isSpace($0) }) else { return self[self.endIndex...] }
        // `first` exists, so a last non-space byte does too.
        let last = utf8.lastIndex(where: { !isSpace($0) }) ?? first
        return self[first...last]
    }
}
