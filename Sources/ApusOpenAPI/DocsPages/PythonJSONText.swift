import ApusModels

/// JSON text as Python's `json.dumps(value)` writes it with its defaults (`", "` and `": "` separators, non-ASCII
/// escaped as `\uXXXX`), which is how FastAPI writes Swagger UI options into the docs page.
enum PythonJSONText {
    static func dumps(_ value: JSONValue) -> String {
        switch value {
        case .string(let string):
            return asciiEscaped(JSONValue.string(string).jsonString)
        case .array(let elements):
            return "[" + elements.map(dumps).joined(separator: ", ") + "]"
        case .object(let object):
            return "{" + object.map { dumps(.string($0.key)) + ": " + dumps($0.value) }.joined(separator: ", ") + "}"
        default:
            return value.jsonString
        }
    }

    private static func asciiEscaped(_ text: String) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                output.unicodeScalars.append(scalar)
                continue
            }
            for unit in String(scalar).utf16 {
                let hex = String(unit, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
        }
        return output
    }
}
