public import ApusCore
public import ApusModels

/// What the route macros call to turn one handler parameter into an ``Extractor``: an overload set, so that the
/// *compiler* decides where a value comes from by its type, never the macro (which sees only syntax).
///
/// ``extractor(for:name:default:description:)`` (a parameter with no marker and not in the path template):
///
/// | Parameter type | Extractor |
/// |---|---|
/// | a scalar ``SchemaValue`` (`String`, `Int`, `Double`, `Bool`, `UUID`, `Date`...), a ``SchemaEnum``, an array or optional of them | ``Query`` |
/// | a ``SchemaModel`` (`@Schema`), an optional or array of models, a `[String: V]` dictionary | ``Body`` |
/// | a ``Dependency`` | ``Depends`` |
/// | ``UploadedFile``, optional or array of them | ``File`` |
/// | ``Request`` | ``RawRequest`` |
/// | ``ResponseHead`` | ``InjectedResponseHead`` |
/// | ``BackgroundTasks`` | ``InjectedBackgroundTasks`` |
/// | any other `Codable` type | ``CodableBody`` |
///
/// Anything else does not compile, with a message naming these protocols. The explicit markers (`@From.Query`,
/// `@From.Header`...) call the functions named after their source, which accept ``SchemaValue`` types (files:
/// ``UploadedFileValue``) only.
public enum RouteParameterInference {
    static func spec<T: SchemaValue>(_ spec: FieldSpec<T>?, description: String?) -> FieldSpec<T>? {
        guard let description else { return spec }
        var result = spec ?? FieldSpec<T>()
        if result.description == nil { result.description = description }
        return result
    }

    // MARK: Inferred from the type

    /// A scalar, enum, or array of them: a query parameter.
    public static func extractor<T: SchemaValue>(for type: T.Type, name: String, default: T?, description: String?) -> Query<T> {
        Query(name, default: `default`, spec: Self.spec(nil, description: description))
    }

    /// A model: the JSON body.
    public static func extractor<T: SchemaModel>(for type: T.Type, name: String, default: T?, description: String?) -> Body<T> {
        Body(name, default: `default`, spec: Self.spec(nil, description: description))
    }

    /// An optional model: an optional JSON body.
    public static func extractor<T: SchemaModel>(for type: T?.Type, name: String, default: T??, description: String?) -> Body<T?> {
        Body(name, default: `default`, spec: Self.spec(nil, description: description))
    }

    /// A list of models: the JSON body.
    public static func extractor<T: SchemaModel>(for type: [T].Type, name: String, default: [T]?, description: String?) -> Body<[T]> {
        Body(name, default: `default`, spec: Self.spec(nil, description: description))
    }

    /// An optional list of models: an optional JSON body.
    public static func extractor<T: SchemaModel>(for type: [T]?.Type, name: String, default: [T]??, description: String?) -> Body<[T]?> {
        Body(name, default: `default`, spec: Self.spec(nil, description: description))
    }

    /// A dictionary: the JSON body (as FastAPI treats `dict` parameters).
    public static func extractor<Key: SchemaDictionaryKey, Value: SchemaValue>(
        for type: [Key: Value].Type, name: String, default: [Key: Value]?, description: String?
    ) -> Body<[Key: Value]> {
        Body(name, default: `default`, spec: Self.spec(nil, description: description))
    }

    /// A dependency: injected (one instance per request).
    public static func extractor<D: Dependency>(for type: D.Type, name: String, default: D?, description: String?) -> Depends<D> {
        Depends()
    }

    /// An uploaded file (``UploadedFile``, optional, or an array of them): a multipart file field.
    public static func extractor<T: UploadedFileValue>(for type: T.Type, name: String, default: T?, description: String?) -> File<T> {
        File(name, description: description)
    }

    /// The request itself.
    public static func extractor(for type: Request.Type, name: String, default: Request?, description: String?) -> RawRequest {
        RawRequest()
    }

    /// The response head, to set the status and header fields of the response a returned model becomes.
    public static func extractor(
        for type: ResponseHead.Type, name: String, default: ResponseHead?, description: String?
    ) -> InjectedResponseHead {
        InjectedResponseHead()
    }

    /// The request's background tasks.
    public static func extractor(
        for type: BackgroundTasks.Type, name: String, default: BackgroundTasks?, description: String?
    ) -> InjectedBackgroundTasks {
        InjectedBackgroundTasks()
    }

    /// Any other `Codable` type: the JSON body, through ``CodableModel``. Disfavoured so that a type that is also a
    /// ``SchemaValue`` (`String`, an `@Schema` model that is `Codable` too) keeps its own rule.
    @_disfavoredOverload
    public static func extractor<T: Codable & Sendable>(
        for type: T.Type, name: String, default: T?, description: String?
    ) -> CodableBody<T> {
        CodableBody(name, default: `default`, description: description)
    }

    /// No extractor accepts the type: a compile-time error naming the protocols that would.
    @_disfavoredOverload
    @available(
        *, unavailable,
        message:
            "a route parameter's type must be a SchemaValue (path, query: String, Int, enums...), a SchemaModel (@Schema, the JSON body), Codable (a JSON body), a Dependency, an UploadedFile, Request, ResponseHead, or BackgroundTasks"
    )
    public static func extractor<T: Sendable>(
        for type: T.Type, name: String, default: T?, description: String?
    ) -> UnsupportedRouteParameter<T> {
        fatalError("unreachable: the overload is unavailable")
    }

    /// A type that is not even `Sendable`: a compile-time error.
    @_disfavoredOverload
    @available(
        *, unavailable,
        message: "a route parameter's type must be Sendable, and a SchemaValue, SchemaModel, Codable, Dependency, or Request"
    )
    public static func extractor<T>(for type: T.Type, name: String, default: T?, description: String?) -> RawRequest {
        fatalError("unreachable: the overload is unavailable")
    }

    // MARK: Placed by the path template or a marker

    /// A path parameter (its name is in the template).
    public static func path<T: SchemaValue>(for type: T.Type, name: String, description: String?, spec: FieldSpec<T>? = nil) -> Path<T> {
        Path(name, spec: Self.spec(spec, description: description))
    }

    /// A path parameter of a type no extractor accepts: a compile-time error.
    @_disfavoredOverload
    @available(
        *, unavailable, message: "a path parameter's type must be a SchemaValue: String, an integer, Double, Bool, UUID, or a SchemaEnum"
    )
    public static func path<T: Sendable>(for type: T.Type, name: String, description: String?) -> UnsupportedRouteParameter<T> {
        fatalError("unreachable: the overload is unavailable")
    }

    /// `@From.Query`: a query parameter.
    public static func query<T: SchemaValue>(
        for type: T.Type, name: String, default: T?, description: String?, spec: FieldSpec<T>? = nil
    ) -> Query<T> {
        Query(name, default: `default`, spec: Self.spec(spec, description: description))
    }

    /// `@From.Header`: a header field.
    public static func header<T: SchemaValue>(
        for type: T.Type, name: String, default: T?, description: String?, spec: FieldSpec<T>? = nil
    ) -> Header<T> {
        Header(name, default: `default`, spec: Self.spec(spec, description: description))
    }

    /// `@From.Cookie`: a cookie.
    public static func cookie<T: SchemaValue>(
        for type: T.Type, name: String, default: T?, description: String?, spec: FieldSpec<T>? = nil
    ) -> Cookie<T> {
        Cookie(name, default: `default`, spec: Self.spec(spec, description: description))
    }

    /// `@From.Form`: a form field (urlencoded or multipart).
    public static func form<T: SchemaValue>(
        for type: T.Type, name: String, default: T?, description: String?, spec: FieldSpec<T>? = nil
    ) -> Form<T> {
        Form(name, default: `default`, spec: Self.spec(spec, description: description))
    }

    /// `@From.File`: an uploaded file field.
    public static func file<T: UploadedFileValue>(for type: T.Type, name: String, default: T?, description: String?) -> File<T> {
        File(name, description: description)
    }

    /// `@From.Body`: a JSON body field.
    public static func body<T: SchemaValue>(
        for type: T.Type, name: String, embed: Bool = false, default: T?, description: String?, spec: FieldSpec<T>? = nil
    ) -> Body<T> {
        Body(name, embed: embed, default: `default`, spec: Self.spec(spec, description: description))
    }

    /// `@From.Body` on a plain `Codable` type.
    @_disfavoredOverload
    public static func body<T: Codable & Sendable>(
        for type: T.Type, name: String, embed: Bool = false, default: T?, description: String?
    ) -> CodableBody<T> {
        CodableBody(name, embed: embed, default: `default`, description: description)
    }
}

/// The extractor type of a parameter no extractor accepts; only named by unavailable overloads, so it never exists.
public struct UnsupportedRouteParameter<Value: Sendable>: Extractor {
    public func register(in plan: inout EndpointPlan) {}

    public func extract(from context: inout ExtractionContext) async throws -> Value? { nil }
}
