public import ApusModels

/// Markers that say where a route parameter comes from, overriding what its type and the path template imply
/// (FastAPI's `Query()`, `Header()`, `Cookie()`, `Body()`, `Form()`, `File()`, `Path()`), with the parameter's constraints and
/// documentation: their arguments are ``FieldSpec``'s, in the same order, checked by the compiler against the parameter's type.
///
/// ```swift
/// @GET("/items/{item_id}")
/// func readItem(
///     @From.Path(ge: 1) itemId: Int,
///     @From.Query(alias: "item-query", maxLength: 50) q: String? = nil,
///     @From.Header xToken: String,                      // header "x-token"
///     @From.Cookie sessionID: String? = nil,
///     @From.Query(ge: 1, le: 100) limit: Int = 10
/// ) -> Item
/// ```
///
/// Swift allows attached macros on declarations only, not on function parameters; property wrappers are the one
/// custom attribute a parameter may carry. These are property wrappers that do nothing (the parameter is the
/// wrapped value): the route macros read them as syntax and generate the matching extractor, with a
/// ``FieldSpec`` built once at registration. Their arguments are plain values, cheap to pass on each call (an
/// `@autoclosure` would avoid even that, but crashes Swift 6.3.1's SILGen in a parameter wrapper). They are
/// namespaced under `From` because `Path`, `Query`, `Header` and `Body` are the extractor types of the
/// macro-free API. All but `File` are one type, ``ParameterMarker``, whose kind says which of `alias:` and `embed:`
/// it takes, so the argument list is spelled once.
public enum From {
    /// A path parameter with constraints: `@From.Path(ge: 1) itemId: Int`.
    public typealias Path<Value: SchemaValue> = ParameterMarker<PathMarker, Value>
    /// A query parameter; `alias` is its wire name.
    public typealias Query<Value: SchemaValue> = ParameterMarker<QueryMarker, Value>
    /// A header field: `xToken` reads `x-token` (camel case and underscores become hyphens, as FastAPI's
    /// `convert_underscores`) unless `alias` names it.
    public typealias Header<Value: SchemaValue> = ParameterMarker<HeaderMarker, Value>
    /// A cookie, named as the parameter unless `alias` names it.
    public typealias Cookie<Value: SchemaValue> = ParameterMarker<CookieMarker, Value>
    /// A form field (`application/x-www-form-urlencoded` or `multipart/form-data`), named as the parameter unless
    /// `alias` names it: FastAPI's `Form()`.
    public typealias Form<Value: SchemaValue> = ParameterMarker<FormMarker, Value>
    /// A JSON body field: a scalar in the body, or a model under its name with `embed: true`
    /// (`{"item": {...}}`), as FastAPI's `Body(embed=True)`. A plain `Codable` type takes `embed:` only.
    public typealias Body<Value: Sendable> = ParameterMarker<BodyMarker, Value>

    /// ``Path``'s kind: no `alias:` (the name is the template's placeholder), no `embed:`.
    public enum PathMarker: ParameterMarkerKind {}
    /// ``Query``'s kind: `alias:`.
    public enum QueryMarker: ParameterMarkerKind { public typealias Alias = String }
    /// ``Header``'s kind: `alias:`.
    public enum HeaderMarker: ParameterMarkerKind { public typealias Alias = String }
    /// ``Cookie``'s kind: `alias:`.
    public enum CookieMarker: ParameterMarkerKind { public typealias Alias = String }
    /// ``Form``'s kind: `alias:`.
    public enum FormMarker: ParameterMarkerKind { public typealias Alias = String }
    /// ``Body``'s kind: `embed:`.
    public enum BodyMarker: ParameterMarkerKind { public typealias Embed = Bool }

    /// An uploaded file field (multipart), named as the parameter unless `alias` names it: FastAPI's `File()`.
    /// An ``UploadedFile`` parameter is a file without the marker too.
    @propertyWrapper
    public struct File<Value: UploadedFileValue> {
        /// The parameter's value.
        public var wrappedValue: Value

        /// Marks a file field.
        public init(wrappedValue: Value, alias: String? = nil, description: String? = nil) {
            self.wrappedValue = wrappedValue
        }
    }
}

/// Which of a ``ParameterMarker``'s own arguments its kind takes: each is ``ArgumentDoesNotApplyToThisMarker``
/// unless the kind declares it, so `@From.Path(alias: "id")` does not compile.
public protocol ParameterMarkerKind {
    /// The type of `alias:` (`String` for query, header, cookie and form parameters).
    associatedtype Alias = ArgumentDoesNotApplyToThisMarker
    /// The type of `embed:` (`Bool` for body fields).
    associatedtype Embed = ArgumentDoesNotApplyToThisMarker
}

/// The type of a marker argument that its kind does not take: "cannot convert value of type 'String' to expected
/// argument type 'ArgumentDoesNotApplyToThisMarker'".
public enum ArgumentDoesNotApplyToThisMarker: Sendable, Hashable {}

/// `@From.Path`, `@From.Query`, `@From.Header`, `@From.Cookie`, `@From.Form` and `@From.Body`: a property wrapper
/// that does nothing (see ``From``), whose arguments the route macros read.
@propertyWrapper
public struct ParameterMarker<Kind: ParameterMarkerKind, Value> {
    /// The parameter's value.
    public var wrappedValue: Value

    // generated-begin: marker initializer, from FieldSpecArgument.all in Sources/ApusMacros/Schema/FieldSpecArgument.swift
    /// Marks a parameter; `embed` and `alias` apply where the marker's kind takes them, the rest are ``FieldSpec``'s
    /// arguments.
    public init(
        wrappedValue: Value, embed: Kind.Embed? = nil, alias: Kind.Alias? = nil, title: String? = nil, description: String? = nil,
        examples: [JSONValue]? = nil, deprecated: Bool = false, gt: Value.NumericConstraint? = nil,
        ge: Value.NumericConstraint? = nil, lt: Value.NumericConstraint? = nil, le: Value.NumericConstraint? = nil,
        multipleOf: Value.NumericConstraint? = nil, minLength: Value.LengthConstraint? = nil,
        maxLength: Value.LengthConstraint? = nil, pattern: Value.PatternConstraint? = nil, format: Value.FormatConstraint? = nil,
        minItems: Value.ItemCountConstraint? = nil, maxItems: Value.ItemCountConstraint? = nil,
        uniqueItems: Value.UniqueItemsConstraint? = nil, validator: (@Sendable (Value) throws -> Value)? = nil
    ) where Value: SchemaValue {
        self.wrappedValue = wrappedValue
    }
    // generated-end: marker initializer
}

extension ParameterMarker where Kind == From.BodyMarker {
    /// Marks a body field of a plain `Codable` type.
    @_disfavoredOverload
    public init(wrappedValue: Value, embed: Bool = false) where Value: Codable {
        self.wrappedValue = wrappedValue
    }
}
