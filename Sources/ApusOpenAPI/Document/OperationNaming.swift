public import ApusCore

/// FastAPI's default names for an operation: its `operationId` and its summary, both derived from the route's
/// name (the handler's name, e.g. `create_item`).
public enum OperationNaming {
    /// FastAPI's `generate_unique_id`: `re.sub(r"\W", "_", f"{name}{path}") + "_" + method.lower()`, e.g.
    /// `read_item_items__item_id__get`.
    ///
    /// A route without a name (a plain closure route) gets the same with an empty name and without the leading
    /// underscores: `items__item_id__get`; `/` is called `root` (`root_get`), so that no id is a bare method name.
    public static func fastAPIOperationID(_ route: Route) -> String {
        let method = route.method.rawValue.lowercased()
        if let name = route.metadata.name {
            return wordCharactersOnly(name + route.path) + "_" + method
        }
        let base = wordCharactersOnly(route.path).drop { $0 == "_" }
        return (base.isEmpty ? "root" : String(base)) + "_" + method
    }

    /// FastAPI's default summary: the name with underscores as spaces, in Python's `str.title()` case
    /// (`create_item` → `Create Item`); `nil` for a route without a name.
    public static func summary(forName name: String?) -> String? {
        guard let name else { return nil }
        var output = ""
        var previousIsCased = false
        for character in name.replacingUnderscores() {
            let isCased = character.isUppercase || character.isLowercase
            if isCased {
                output += previousIsCased ? character.lowercased() : character.uppercased()
            } else {
                output.append(character)
            }
            previousIsCased = isCased
        }
        return output
    }

    /// Python's `re.sub(r"\W", "_", text)`: every character that is not a letter, digit or underscore becomes `_`.
    static func wordCharactersOnly(_ text: String) -> String {
        String(text.map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "_" })
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String {
        String(self.map { $0 == "_" ? " " : $0 })
    }
}
