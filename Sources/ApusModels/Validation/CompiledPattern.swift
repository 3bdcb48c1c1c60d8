/// A `pattern` constraint compiled once.
///
/// Pydantic searches for the pattern anywhere in the string (Rust `regex::is_match`), so `^`/`$` must be
/// written to anchor it; Swift's `Regex` syntax accepts the patterns people write for Pydantic (`^[A-Z]{2}\d$`).
struct CompiledPattern: Sendable {
    // `Regex` is not `Sendable` in this toolchain; the compiled program is immutable after creation and only
    // read by `firstMatch`, so sharing it across tasks is safe.
    nonisolated(unsafe) let regex: Regex<AnyRegexOutput>
    let pattern: String

    init(_ pattern: String) {
        self.pattern = pattern
        do {
            regex = try Regex(pattern)
        } catch {
            preconditionFailure("@Field pattern \(pattern) is not a valid regular expression: \(error)")
        }
    }

    func matches(_ value: String) -> Bool {
        (try? regex.firstMatch(in: value)) != nil
    }
}
