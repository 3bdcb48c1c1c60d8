/// The result of parsing a value from text: the value, or the parser's reason, which becomes `ctx.error`.
enum TextParseOutcome<Value> {
    case parsed(Value)
    case invalid(String)

    /// The reason when parsing failed.
    var failure: String? {
        if case .invalid(let reason) = self { return reason }
        return nil
    }
}
