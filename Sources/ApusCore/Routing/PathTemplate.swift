/// A parsed path template: `/` separated segments, each literal text, a `{name}` parameter (one non-empty
/// segment; `{name:str}` is the same) or a final `{name:path}` catch-all (the rest of the path, slashes included,
/// possibly empty), as Starlette's convertors define them.
struct PathTemplate: Hashable, Sendable {
    enum Segment: Hashable, Sendable {
        case literal(String)
        case parameter(String)
        case catchAll(String)
    }

    let segments: [Segment]

    /// Parses a template; a path that does not start with `/`, a `{` that is not a whole segment, an unknown
    /// convertor, a repeated name or a catch-all before the end is an error.
    init(_ path: String) throws(RouteTableError) {
        guard path.first == "/" else {
            throw RouteTableError(message: "Route path \"\(path)\" must start with \"/\"")
        }
        var segments: [Segment] = []
        var names: Set<String> = []
        let parts = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        for (index, part) in parts.enumerated() {
            guard part.contains("{") || part.contains("}") else {
                segments.append(.literal(String(part)))
                continue
            }
            guard part.first == "{", part.last == "}", part.count > 2 else {
                throw RouteTableError(
                    message: "Route path \"\(path)\": a parameter must be a whole segment, like \"{name}\", not \"\(part)\""
                )
            }
            let inner = part.dropFirst().dropLast()
            let pieces = inner.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(pieces[0])
            guard !name.isEmpty, name.allSatisfy({ $0 == "_" || $0.isLetter || $0.isNumber }) else {
                throw RouteTableError(message: "Route path \"\(path)\": \"\(name)\" is not a valid parameter name")
            }
            guard names.insert(name).inserted else {
                throw RouteTableError(message: "Route path \"\(path)\": parameter \"\(name)\" appears twice")
            }
            switch pieces.count == 2 ? String(pieces[1]) : "str" {
            case "str":
                segments.append(.parameter(name))
            case "path":
                guard index == parts.count - 1 else {
                    throw RouteTableError(message: "Route path \"\(path)\": \"{\(name):path}\" must be the last segment")
                }
                segments.append(.catchAll(name))
            case let convertor:
                throw RouteTableError(
                    message: "Route path \"\(path)\": unknown convertor \"\(convertor)\" (supported: str, path)"
                )
            }
        }
        self.segments = segments
    }

    /// The parameter names in template order.
    var parameterNames: [String] {
        self.segments.compactMap {
            switch $0 {
            case .literal: nil
            case .parameter(let name), .catchAll(let name): name
            }
        }
    }
}
