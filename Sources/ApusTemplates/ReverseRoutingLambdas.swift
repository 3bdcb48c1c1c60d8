import ApusCore

/// `{{#url_for}}name key=variable key='literal'{{/url_for}}` in a template.
///
/// swift-mustache hands a section lambda the section's text unrendered and renders the text it returns in the
/// current context. So the lambda turns the call into a path whose parameter values are still template
/// variables: `read_item item_id=id` on `/items/{item_id}` becomes `/items/{{urlSegment(id)}}`, which the engine
/// then fills from the context (HTML-escaped, after ``TemplateScalar``'s percent-encoding). The literal parts are
/// HTML-escaped here and can hold no `{{`: route literals cannot contain braces, literal values and the host are
/// percent-encoded or escaped.
///
/// A lambda cannot throw, so the first failure is kept and ``Templates`` throws it after rendering. One instance
/// serves one render, on one thread.
final class ReverseRoutingLambdas {
    let request: Request?
    private(set) var failure: (any Error)?

    init(request: Request?) {
        self.request = request
    }

    /// The template text that renders the URL the call `text` asks for, or empty after a failure.
    func expand(_ text: String, absolute: Bool) -> String {
        do {
            return try self.template(for: ReverseRoutingCall(parsing: text), absolute: absolute)
        } catch {
            if self.failure == nil { self.failure = error }
            return ""
        }
    }

    private func template(for call: ReverseRoutingCall, absolute: Bool) throws -> String {
        guard let request else {
            throw TemplateError(message: "url_for(\"\(call.name)\") needs the request: render with `request:`")
        }
        let urls = request.routeURLs
        var output = absolute ? Self.escaped("\(request.scheme)://\(request.host ?? "localhost")") : ""
        output += Self.escaped(request.rootPath)
        for piece in try urls.pieces(for: call.name, parameterNames: Set(call.arguments.keys)) {
            switch piece {
            case .literal(let text):
                output += Self.escaped(text)
            case .segment(let parameter), .rest(let parameter):
                switch call.arguments[parameter] {
                case .literal(let value)?:
                    output += try piece.encoded(value, route: call.name)
                case .variable(let variable)?:
                    output += "{{\(piece == .segment(parameter) ? "urlSegment" : "urlPath")(\(variable))}}"
                case nil:
                    break  // unreachable: the pieces are those of a route with exactly these parameters
                }
            }
        }
        return output
    }

    /// `text` HTML-escaped, with braces percent-encoded so that it cannot open a Mustache tag.
    static func escaped(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            case "{": output += "%7B"
            case "}": output += "%7D"
            default: output.append(character)
            }
        }
        return output
    }
}

/// A parsed `url_for` call: `name key=variable key='literal' key="literal" key=5`.
struct ReverseRoutingCall: Equatable {
    enum Argument: Equatable {
        /// A context value, by name (dotted names and `.` as in `{{variable}}`).
        case variable(String)
        /// A value written in the template: quoted text or a number.
        case literal(String)
    }

    let name: String
    let arguments: [String: Argument]

    /// Parses the call; one pass over the text.
    init(parsing text: String) throws(TemplateError) {
        var tokens: [String] = []
        var current = ""
        var quote: Character?
        var inToken = false
        for character in text {
            if let open = quote {
                current.append(character)
                if character == open { quote = nil }
            } else if character.isWhitespace {
                if inToken { tokens.append(current) }
                current = ""
                inToken = false
            } else {
                if character == "'" || character == "\"" { quote = character }
                current.append(character)
                inToken = true
            }
        }
        guard quote == nil else { throw TemplateError(message: "url_for: unterminated quote in \"\(text)\"") }
        if inToken { tokens.append(current) }
        guard let name = tokens.first, Self.isName(name) else {
            throw TemplateError(message: "url_for: expected a route name in \"\(text)\"")
        }
        var arguments: [String: Argument] = [:]
        for token in tokens.dropFirst() {
            guard let equals = token.firstIndex(of: "="), Self.isName(token[..<equals]) else {
                throw TemplateError(message: "url_for: expected key=value, not \"\(token)\"")
            }
            let key = String(token[..<equals])
            let value = token[token.index(after: equals)...]
            guard arguments[key] == nil else { throw TemplateError(message: "url_for: \"\(key)\" is given twice") }
            if let first = value.first, first == "'" || first == "\"" {
                guard value.count >= 2, value.last == first else {
                    throw TemplateError(message: "url_for: malformed literal in \"\(token)\"")
                }
                arguments[key] = .literal(String(value.dropFirst().dropLast()))
            } else if !value.isEmpty, value.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-" || $0 == ".") }),
                value.contains(where: \.isNumber)
            {
                arguments[key] = .literal(String(value))
            } else if value == "."
                || (!value.isEmpty && value.split(separator: ".", omittingEmptySubsequences: false).allSatisfy(Self.isName))
            {
                arguments[key] = .variable(String(value))
            } else {
                throw TemplateError(message: "url_for: \"\(value)\" is neither a variable nor a quoted literal")
            }
        }
        self.name = name
        self.arguments = arguments
    }

    /// Letters, digits, `_` and `-`, not empty (route names, keys and variable names).
    private static func isName(_ text: some StringProtocol) -> Bool {
        !text.isEmpty && text.allSatisfy { $0 == "_" || $0 == "-" || $0.isLetter || $0.isNumber }
    }
}
