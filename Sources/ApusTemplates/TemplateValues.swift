import ApusCore
import ApusModels
import Mustache

/// A context's JSON as the values swift-mustache renders: objects as dictionaries (looked up by key), arrays as
/// arrays (sections repeat), `true`/`false` as `Bool` (sections show or hide), `null` as ``TemplateNull`` (hides
/// a section, renders empty), and strings and numbers as ``TemplateScalar``. The JSON's depth is bounded by the
/// parser that made it (``JSONLimits``), so the recursion here is too.
enum TemplateValues {
    static func value(_ json: JSONValue) -> Any {
        switch json {
        case .null: TemplateNull()
        case .bool(let bool): bool
        case .int(let int): TemplateScalar(text: String(int), value: int)
        case .bigInteger(let digits): TemplateScalar(text: digits, value: digits)
        case .double(let double): TemplateScalar(text: String(double), value: double)
        case .string(let string): TemplateScalar(text: string, value: string)
        case .array(let elements): elements.map(Self.value)
        case .object(let members): Self.object(members)
        }
    }

    static func object(_ members: JSONObject) -> [String: Any] {
        var dictionary: [String: Any] = [:]
        dictionary.reserveCapacity(members.count)
        for member in members {
            dictionary[member.key] = Self.value(member.value)
        }
        return dictionary
    }
}

/// A string or number in a template context: renders as its text; adds the reverse-routing transforms
/// `urlSegment` and `urlPath` (how `url_for` puts a context value into a URL) to the engine's own (`uppercased`,
/// `plusone`, ...), which still apply.
struct TemplateScalar: MustacheTransformable, CustomStringConvertible {
    let text: String
    let value: Any

    var description: String { self.text }

    func transform(_ name: String) -> Any? {
        switch name {
        case "urlSegment": URLQuoting.quoteSegment(self.text)
        case "urlPath": RouteURLs.restValue(self.text)
        default: (self.value as? any MustacheTransformable)?.transform(name)
        }
    }
}

/// JSON `null` in a template context: renders empty and hides a section, as a missing value does.
struct TemplateNull: MustacheCustomRenderable {
    var renderText: String { "" }
    var isNull: Bool { true }
}

/// The object a template renders: the context's members, under the reverse-routing lambdas.
struct TemplateRoot: MustacheParent {
    let members: [String: Any]
    let lambdas: ReverseRoutingLambdas

    func child(named name: String) -> Any? {
        switch name {
        case "url_for": MustacheLambda { self.lambdas.expand($0, absolute: true) }
        case "url_path_for": MustacheLambda { self.lambdas.expand($0, absolute: false) }
        default: self.members[name]
        }
    }
}
