/// A route method's `///` comment, read as DocC reads it: the first paragraph is the summary, the rest the
/// description, and `- Parameter x:` / `- Parameters:` items describe parameters (`- Returns:` and `- Throws:` are
/// dropped: they describe Swift, not the HTTP operation).
struct RouteDocumentation {
    var summary: String?
    var description: String?
    /// Parameter descriptions by the name written in the comment (the parameter's name or argument label).
    var parameters: [String: String] = [:]

    init(_ text: String?) {
        guard let text else { return }
        var body: [String] = []
        var currentParameter: String?
        var inParameterList = false
        var inDroppedCallout = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let trimmed = line.trimmingCharacters(in: " ")
            let indented = line.first == " "
            if trimmed.isEmpty {
                currentParameter = nil
                inParameterList = false
                inDroppedCallout = false
                body.append("")
                continue
            }
            if let (name, rest) = Self.callout(trimmed, keyword: "Parameter ") {
                parameters[name] = rest
                currentParameter = name
                continue
            }
            if trimmed.lowercased() == "- parameters:" {
                inParameterList = true
                currentParameter = nil
                continue
            }
            if inParameterList, indented, trimmed.hasPrefix("- "), let (name, rest) = Self.callout(trimmed, keyword: "") {
                parameters[name] = rest
                currentParameter = name
                continue
            }
            if trimmed.lowercased().hasPrefix("- returns:") || trimmed.lowercased().hasPrefix("- throws:") {
                inDroppedCallout = true
                currentParameter = nil
                inParameterList = false
                continue
            }
            if indented, let name = currentParameter {
                parameters[name] = [parameters[name] ?? "", trimmed].filter { !$0.isEmpty }.joined(separator: " ")
                continue
            }
            if inDroppedCallout && indented { continue }
            currentParameter = nil
            inParameterList = false
            inDroppedCallout = false
            body.append(trimmed)
        }
        let paragraphs = body.split(separator: "", omittingEmptySubsequences: true)
        summary = paragraphs.first.map { $0.joined(separator: " ") }
        let rest = paragraphs.dropFirst().map { $0.joined(separator: "\n") }
        description = rest.isEmpty ? nil : rest.joined(separator: "\n\n")
    }

    /// `- <keyword>name: text` → `(name, text)`.
    private static func callout(_ line: String, keyword: String) -> (String, String)? {
        let prefix = "- " + keyword
        guard line.lowercased().hasPrefix(prefix.lowercased()) else { return nil }
        let rest = line.dropFirst(prefix.count)
        guard let colon = rest.firstIndex(of: ":") else { return nil }
        let name = String(rest[..<colon]).trimmingCharacters(in: " ")
        guard !name.isEmpty, !name.contains(" ") else { return nil }
        return (name, String(rest[rest.index(after: colon)...]).trimmingCharacters(in: " "))
    }
}
