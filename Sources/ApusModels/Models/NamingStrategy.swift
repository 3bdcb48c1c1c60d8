/// How a model's Swift property names become wire names (Pydantic's `alias_generator`).
public enum NamingStrategy: Sendable, Hashable {
    /// The Swift name as written.
    case asWritten
    /// `firstName` → `first_name` (Pydantic's `to_snake`).
    case snakeCase
    /// `first_name` → `firstName` (Pydantic's `to_camel`).
    case camelCase

    /// The wire name for a Swift property name.
    public func wireName(for name: String) -> String {
        switch self {
        case .asWritten: return name
        case .snakeCase: return Self.snakeCased(name)
        case .camelCase: return Self.camelCased(name)
        }
    }

    /// `firstName` → `first_name`, `HTTPServer` → `http_server`, `userID2x` → `user_id2x`.
    static func snakeCased(_ name: String) -> String {
        let characters = Array(name)
        var output = ""
        for (index, character) in characters.enumerated() {
            if character.isUppercase, index > 0 {
                let previous = characters[index - 1]
                let nextIsLower = index + 1 < characters.count && characters[index + 1].isLowercase
                if previous.isLowercase || previous.isNumber || (previous.isUppercase && nextIsLower) {
                    if previous != "_" { output.append("_") }
                }
            }
            output.append(contentsOf: character.lowercased())
        }
        return output
    }

    /// `first_name` → `firstName`, `http_server_2` → `httpServer2`; camelCase input is kept.
    static func camelCased(_ name: String) -> String {
        let parts = name.split(separator: "_", omittingEmptySubsequences: true)
        guard let first = parts.first else { return name }
        var output = first.prefix(1).lowercased() + first.dropFirst()
        for part in parts.dropFirst() { output += part.prefix(1).uppercased() + part.dropFirst() }
        return output
    }
}

/// What a model does with keys it has no field for (Pydantic's `extra`).
public enum ExtraKeys: Sendable, Hashable {
    /// Skip them (Pydantic's default, `extra="ignore"`).
    case ignore
    /// Report each as `extra_forbidden` (`extra="forbid"`); the schema gets `additionalProperties: false`.
    case forbid
}
