import SwiftSyntax

/// One parameter of a route method, as the macro sees it: names, type and default as written, and the `@From.*`
/// marker if it has one. Where the value comes from is decided later: by the path template, the marker, or (for the
/// rest) by the compiler through `RouteParameterInference`'s overloads.
struct RouteHandlerParameter {
    /// The `@From.*` markers.
    enum Marker: String {
        case path = "Path", query = "Query", header = "Header", cookie = "Cookie", body = "Body", form = "Form", file = "File"
    }

    /// The parameter in the original tree (for diagnostics and fix-its).
    var syntax: FunctionParameterSyntax
    /// The argument label; `nil` for `_`.
    var label: String?
    /// The parameter's name inside the function.
    var name: String
    var type: TypeSyntax
    var defaultValue: ExprSyntax?
    var marker: Marker?
    var markerAttribute: AttributeSyntax?
    /// The marker's arguments by label (`alias`, `embed`, and the `FieldSpec` ones).
    var markerArguments: [String: ExprSyntax] = [:]
    /// The marker's `FieldSpec` arguments (all but `alias` and `embed`), in order.
    var specArguments: [(label: String, expression: ExprSyntax)] = []

    init(_ syntax: FunctionParameterSyntax) {
        self.syntax = syntax
        self.label = syntax.firstName.tokenKind == .wildcard ? nil : Self.plainName(syntax.firstName)
        self.name = Self.plainName(syntax.secondName ?? syntax.firstName)
        self.type = syntax.type.trimmed
        self.defaultValue = syntax.defaultValue?.value.trimmed
        for element in syntax.attributes {
            guard let attribute = element.as(AttributeSyntax.self), let marker = Self.marker(of: attribute) else { continue }
            self.marker = marker
            self.markerAttribute = attribute
            for argument in attribute.arguments?.as(LabeledExprListSyntax.self) ?? [] {
                guard let label = argument.label?.text else { continue }
                self.markerArguments[label] = argument.expression.trimmed
                if label != "alias" && label != "embed" { self.specArguments.append((label, argument.expression.trimmed)) }
            }
        }
    }

    /// The name on the wire before any conversion: the argument label if there is one, else the parameter name.
    var wireName: String { label ?? name }

    /// Whether the type is written as an optional (`T?`, `T!`, `Optional<T>`); a typealias to one is invisible.
    var isWrittenOptional: Bool { Self.wrappedType(of: type) != nil }

    /// The `T` of `T?`, `T!` or `Optional<T>`.
    static func wrappedType(of type: TypeSyntax) -> TypeSyntax? {
        if let optional = type.as(OptionalTypeSyntax.self) { return optional.wrappedType }
        if let unwrapped = type.as(ImplicitlyUnwrappedOptionalTypeSyntax.self) { return unwrapped.wrappedType }
        if let identifier = type.as(IdentifierTypeSyntax.self), identifier.name.text == "Optional",
            let argument = identifier.genericArgumentClause?.arguments.first
        {
            return TypeSyntax(argument.argument)
        }
        return nil
    }

    /// `@From.Query`, `@ApusEndpoints.From.Query` or `@Apus.From.Query`.
    private static func marker(of attribute: AttributeSyntax) -> Marker? {
        guard let member = attribute.attributeName.as(MemberTypeSyntax.self) else { return nil }
        let base = member.baseType.as(MemberTypeSyntax.self)?.name.text ?? member.baseType.as(IdentifierTypeSyntax.self)?.name.text
        guard base == "From" else { return nil }
        return Marker(rawValue: member.name.text)
    }

    private static func plainName(_ token: TokenSyntax) -> String {
        token.identifier?.name ?? token.text
    }
}
