public import ApusCore
import ApusModels
import Foundation
import Mustache

/// Mustache templates, rendered into HTML responses: Starlette's `Jinja2Templates` for Apus, on
/// hummingbird-project/swift-mustache.
///
/// ```swift
/// let templates = try Templates(directory: "Templates")      // Templates/item.mustache, Templates/layout.mustache
/// app.get("/items/{item_id}/page", Path<Int>("item_id"), RawRequest()) { id, request in
///     try templates.response("item", ItemPage(id: id, name: "Lamp"), request: request)
/// }
/// ```
///
/// `item.mustache` might read:
///
/// ```mustache
/// {{> layout}}
/// <h1>{{name}}</h1>
/// <a href="{{#url_for}}read_item item_id=id{{/url_for}}">JSON</a>
/// <link rel="stylesheet" href="{{#url_path_for}}static path='site.css'{{/url_path_for}}">
/// ```
///
/// - The context is any `Encodable` that encodes to a JSON object, encoded as a response body would be (so a
///   `@Schema` model's wire names are its names in the template).
/// - `{{name}}` is HTML-escaped (`& < > " '`); `{{{name}}}` is not. Partials (`{{> layout}}`) name other
///   templates in the directory.
/// - `url_for` and `url_path_for` are reverse routing (FastAPI's `url_for`): a route's name, then its parameters
///   as `key=variable` (looked up in the context like `{{variable}}`, dotted names and `.` too) or
///   `key='literal'`. `url_for` writes the absolute URL (the request's scheme, host and root path), `url_path_for`
///   the path. Values are percent-encoded (see ``RouteURLs``); a name or parameter set no route has makes the
///   render throw ``URLForError`` (a 500: a bug in the template). A variable the context lacks renders empty.
///   Both names are reserved: a context key `url_for` is hidden by them.
public struct Templates: Sendable {
    let library: MustacheLibrary
    let names: Set<String>
    /// The file extension with its dot (`.mustache`), which a name may carry; empty for templates given as text.
    let fileExtension: String

    /// Loads every `*.<fileExtension>` file under `directory` (subfolders included); a template's name is its path
    /// relative to the directory without the extension, e.g. `pages/item`.
    ///
    /// - Throws: ``TemplateError`` when the directory cannot be read or a template does not parse (with the file,
    ///   line and column).
    public init(directory: String, fileExtension: String = "mustache") throws {
        let root = directory.hasSuffix("/") ? directory : directory + "/"
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue,
            let enumerator = FileManager.default.enumerator(atPath: root)
        else {
            throw TemplateError(message: "Template directory \"\(directory)\" cannot be read")
        }
        let suffix = "." + fileExtension
        var sources: [String: String] = [:]
        for case let path as String in enumerator where path.hasSuffix(suffix) {
            guard let data = FileManager.default.contents(atPath: root + path) else {
                throw TemplateError(message: "Template \"\(root + path)\" cannot be read")
            }
            sources[String(path.dropLast(suffix.count))] = String(decoding: data, as: UTF8.self)
        }
        try self.init(sources, origin: root, fileExtension: suffix)
    }

    /// Templates given as text, by name (for tests and templates built into the binary).
    ///
    /// - Throws: ``TemplateError`` when one does not parse.
    public init(_ sources: [String: String]) throws {
        try self.init(sources, origin: "", fileExtension: "")
    }

    private init(_ sources: [String: String], origin: String, fileExtension: String) throws {
        var templates: [String: MustacheTemplate] = [:]
        for (name, source) in sources {
            do {
                templates[name] = try MustacheTemplate(string: source)
            } catch let error as MustacheTemplate.ParserError {
                let context = error.context
                throw TemplateError(
                    message: "Template \"\(origin)\(name)\(fileExtension)\" line \(context.lineNumber), column "
                        + "\(context.columnNumber): \(error.error)"
                )
            }
        }
        self.library = MustacheLibrary(templates: templates)
        self.names = Set(templates.keys)
        self.fileExtension = fileExtension
    }

    /// The template named `name` rendered with `context`. With a `request`, `url_for` and `url_path_for` use the
    /// app's routes and the request's URL; without one, they throw.
    ///
    /// - Throws: ``TemplateError`` for an unknown template or a context that is not an object;
    ///   ``URLForError`` for a reverse-routing call no route answers.
    public func render(_ name: String, _ context: some Encodable, request: Request? = nil) throws -> String {
        let json = try JSONValue(parsing: OrderedJSONEncoder.encode(context).readableBytesView)
        guard case .object(let members) = json else {
            throw TemplateError(message: "A template context must encode to a JSON object, not \(json.jsonString.prefix(40))")
        }
        return try self.render(name, members: members, request: request)
    }

    /// The template named `name` rendered with no context of its own (only `url_for` and `url_path_for`).
    public func render(_ name: String, request: Request? = nil) throws -> String {
        try self.render(name, members: JSONObject(), request: request)
    }

    /// An HTML response (`text/html; charset=utf-8`) of the template named `name` rendered with `context`,
    /// as Starlette's `TemplateResponse`.
    public func response(
        _ name: String,
        _ context: some Encodable,
        request: Request,
        status: HTTPResponse.Status = .ok,
        headers: HTTPFields = [:]
    ) throws -> Response {
        .html(try self.render(name, context, request: request), status: status, headers: headers)
    }

    /// An HTML response of the template named `name` with no context of its own.
    public func response(
        _ name: String,
        request: Request,
        status: HTTPResponse.Status = .ok,
        headers: HTTPFields = [:]
    ) throws -> Response {
        .html(try self.render(name, request: request), status: status, headers: headers)
    }

    private func render(_ name: String, members: JSONObject, request: Request?) throws -> String {
        var name = name
        if !self.names.contains(name), !self.fileExtension.isEmpty, name.hasSuffix(self.fileExtension) {
            name.removeLast(self.fileExtension.count)
        }
        guard self.names.contains(name), let template = self.library.getTemplate(named: name) else {
            throw TemplateError(message: "No template named \"\(name)\"")
        }
        let routing = ReverseRoutingLambdas(request: request)
        let root = TemplateRoot(members: TemplateValues.object(members), lambdas: routing)
        let text = template.render(root, library: self.library)
        if let failure = routing.failure { throw failure }
        return text
    }
}

/// A template that cannot be loaded or rendered.
public struct TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, naming the template.
    public let message: String

    /// Creates the error.
    public init(message: String) { self.message = message }

    public var description: String { self.message }
}
