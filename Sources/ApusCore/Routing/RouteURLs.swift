/// Reverse routing: a route's path from its name and parameter values (FastAPI's `url_path_for`).
///
/// Built from the app's routes when it builds its responder; ``Request/urlPath(for:_:)`` and
/// ``Request/url(for:_:)`` read it from the request, ``App/urlPath(for:_:)`` builds it from the routes as they
/// are now. As Starlette's, the first route (in registration order) whose name is `name` and whose parameters are
/// exactly the given ones wins; a mount (`app.mount("/static", files, name: "static")`) takes its file as `path`,
/// with or without a leading `/`.
///
/// Unlike Starlette, values are percent-encoded: a `{name}` parameter's value keeps only letters, digits and
/// `_.-~` (a `/` becomes `%2F`, which the router reads back as one segment), a `{name:path}` value keeps its `/`s
/// too. An empty value for a `{name}` parameter is refused, as it would never match.
public struct RouteURLs: Sendable {
    struct Entry: Sendable {
        let name: String
        let parameterNames: Set<String>
        let pieces: [Piece]
    }

    let entries: [Entry]

    /// The reverse-routing table of `routes` (routes without a name are left out).
    public init(routes: [Route]) {
        var entries: [Entry] = []
        var seen: Set<String> = []
        for route in routes {
            guard let name = route.metadata.name, let template = try? PathTemplate(route.path) else { continue }
            // One entry per name and path: a route registered for several methods (a mount's) is one URL.
            guard seen.insert(name + " " + route.path).inserted else { continue }
            entries.append(Entry(name: name, parameterNames: Set(template.parameterNames), pieces: Self.pieces(of: template)))
        }
        self.entries = entries
    }

    /// The path of the route named `name` with `parameters` filled in, e.g. `/items/5` for
    /// `path(for: "read_item", ["item_id": 5])` on `/items/{item_id}`.
    ///
    /// - Throws: ``URLForError`` when no route has that name and exactly those parameters, or a `{name}`
    ///   parameter's value is empty.
    public func path(for name: String, _ parameters: [String: any CustomStringConvertible] = [:]) throws(URLForError) -> String {
        var path = ""
        for piece in try self.pieces(for: name, parameterNames: Set(parameters.keys)) {
            switch piece {
            case .literal(let text):
                path += text
            case .segment(let parameter), .rest(let parameter):
                path += try piece.encoded(parameters[parameter]?.description ?? "", route: name)
            }
        }
        return path
    }

    /// A piece of a route's path: literal text (slashes included), or where a parameter's value goes.
    package enum Piece: Sendable, Equatable {
        /// Text as it is, e.g. `/items/`.
        case literal(String)
        /// A `{name}` parameter: one segment, percent-encoded with ``URLQuoting/quoteSegment(_:)``.
        case segment(String)
        /// A `{name:path}` parameter: the rest of the path (see ``RouteURLs/restValue(_:)``).
        case rest(String)

        /// `value` as this parameter's part of a URL.
        ///
        /// - Throws: ``URLForError`` for an empty `{name}` value, which no request could match.
        package func encoded(_ value: String, route: String) throws(URLForError) -> String {
            switch self {
            case .literal(let text):
                return text
            case .segment(let parameter):
                guard !value.isEmpty else {
                    throw URLForError(message: "Parameter \"\(parameter)\" of route \"\(route)\" may not be empty.")
                }
                return URLQuoting.quoteSegment(value)
            case .rest:
                return RouteURLs.restValue(value)
            }
        }
    }

    /// The pieces of the path of the first route named `name` whose parameters are exactly `parameterNames`.
    package func pieces(for name: String, parameterNames: Set<String>) throws(URLForError) -> [Piece] {
        guard let entry = self.entries.first(where: { $0.name == name && $0.parameterNames == parameterNames }) else {
            let names = parameterNames.sorted().joined(separator: ", ")
            throw URLForError(message: "No route exists for name \"\(name)\" and params \"\(names)\".")
        }
        return entry.pieces
    }

    /// A template's path as literal runs and parameter slots, made once per route.
    private static func pieces(of template: PathTemplate) -> [Piece] {
        var pieces: [Piece] = []
        var literal = ""
        for segment in template.segments {
            literal += "/"
            switch segment {
            case .literal(let text):
                literal += text
            case .parameter(let parameter):
                pieces += [.literal(literal), .segment(parameter)]
                literal = ""
            case .catchAll(let parameter):
                pieces += [.literal(literal), .rest(parameter)]
                literal = ""
            }
        }
        if !literal.isEmpty || pieces.isEmpty { pieces.append(.literal(literal.isEmpty ? "/" : literal)) }
        return pieces
    }

    /// A `{name:path}` parameter's value in a URL: leading slashes dropped (a mount's `path` may be given as
    /// `/css/site.css` or `css/site.css`, as in Starlette), percent-encoded with its `/`s kept.
    package static func restValue(_ value: String) -> String {
        var value = Substring(value)
        while value.first == "/" { value.removeFirst() }
        return URLQuoting.quotePathComponent(String(value))
    }
}

/// No route has the name and parameters given to `url(for:)` (Starlette's `NoMatchFound`, with its message).
public struct URLForError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was asked for and not found.
    public let message: String

    /// Creates the error.
    public init(message: String) { self.message = message }

    public var description: String { self.message }
}

/// The app's reverse-routing table, in its state.
enum RouteURLsKey: AppStateKey {
    typealias Value = RouteURLs
}

extension Request {
    /// The app's reverse-routing table (empty for a request that no app's responder made).
    public var routeURLs: RouteURLs { self.state[RouteURLsKey.self] ?? RouteURLs(routes: []) }

    /// The path of the route named `name` (see ``RouteURLs``), under the app's root path: FastAPI's
    /// `request.url_for(...).path`.
    public func urlPath(for name: String, _ parameters: [String: any CustomStringConvertible] = [:]) throws(URLForError) -> String {
        self.rootPath + (try self.routeURLs.path(for: name, parameters))
    }

    /// The absolute URL of the route named `name` (see ``RouteURLs``): scheme, host and root path of this request,
    /// then the route's path, as FastAPI's `request.url_for`.
    public func url(for name: String, _ parameters: [String: any CustomStringConvertible] = [:]) throws(URLForError) -> String {
        let path = try self.urlPath(for: name, parameters)
        return "\(self.scheme)://\(self.host ?? "localhost")" + path
    }
}

extension App {
    /// The path of the route named `name` (see ``RouteURLs``), without any root path: FastAPI's
    /// `app.url_path_for`.
    ///
    /// - Throws: ``URLForError``, or ``RouteTableError`` when the route table itself is malformed.
    public func urlPath(for name: String, _ parameters: [String: any CustomStringConvertible] = [:]) throws -> String {
        try RouteURLs(routes: self.routes()).path(for: name, parameters)
    }
}
