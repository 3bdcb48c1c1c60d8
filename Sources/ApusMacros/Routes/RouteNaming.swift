/// How Swift names meet wire names: path placeholders (`{item_id}` matches `itemId` or `item_id`) and header
/// names (`xToken` is `x-token`, as FastAPI's `convert_underscores`).
enum RouteNaming {
    /// The placeholder names of a path template, in order (`{file_path:path}` is `file_path`).
    static func placeholders(in path: String) -> [String] {
        var names: [String] = []
        var current: String?
        for character in path {
            switch character {
            case "{": current = ""
            case "}":
                if let name = current {
                    names.append(String(name.split(separator: ":", maxSplits: 1).first ?? ""))
                }
                current = nil
            default: current?.append(character)
            }
        }
        return names
    }

    /// `item_id` → `itemId`.
    static func camelCase(_ name: String) -> String {
        let parts = name.split(separator: "_", omittingEmptySubsequences: true)
        guard let first = parts.first else { return name }
        return String(first) + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// `itemId` → `item_id`.
    static func snakeCase(_ name: String) -> String {
        words(name).joined(separator: "_")
    }

    /// `xToken` or `x_token` → `x-token`.
    static func headerName(_ name: String) -> String {
        words(name).joined(separator: "-")
    }

    /// Whether placeholder `placeholder` names the parameter whose wire name is `name`.
    static func matches(placeholder: String, name: String) -> Bool {
        name == placeholder || name == camelCase(placeholder) || snakeCase(name) == placeholder
    }

    /// Lower-cased words of a camel-case or snake-case name.
    private static func words(_ name: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previousWasUppercase = false
        for character in name {
            if character == "_" || character == "-" {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else if character.isUppercase, !current.isEmpty, !previousWasUppercase {
                words.append(current)
                current = character.lowercased()
            } else {
                current += character.lowercased()
            }
            previousWasUppercase = character.isUppercase
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}
