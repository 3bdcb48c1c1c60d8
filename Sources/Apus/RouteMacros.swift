import ApusCore
import ApusEndpoints

/// Makes a type a ``RouteGroup``: each method marked `@GET`, `@POST`, `@PUT`, `@PATCH`, `@DELETE`, `@HEAD` or
/// `@OPTIONS` becomes a typed endpoint. Include the group with `app.include(ItemsAPI())`.
///
/// ```swift
/// @Routes(tags: ["items"])
/// struct ItemsAPI {
///     /// Read an item.
///     ///
///     /// Looks the item up by id.
///     /// - Parameter q: Text to search for.
///     @GET("/items/{item_id}")
///     func readItem(itemId: Int, q: String? = nil, limit: Int = 10, user: CurrentUser) throws -> Item { ... }
///
///     /// Create an item.
///     @POST("/items/", status: .created)
///     func createItem(item: Item, @From.Header xToken: String) -> Item { item }
/// }
///
/// app.include(ItemsAPI())
/// ```
///
/// ## How a parameter is read
///
/// The macros read names, labels, defaults and the doc comment; the *compiler* decides the source of a parameter
/// from its type, through ``RouteParameterInference``'s overloads. In order:
///
/// 1. **Path.** A parameter whose wire name appears as a placeholder of the path template: `{item_id}` matches
///    `itemId` or `item_id`. The wire name is the argument label when there is one
///    (`func read(item_id id: Int)`), else the parameter's name. Its type must be a ``SchemaValue``; it cannot
///    be optional or have a default (a compile-time error with a fix-it).
/// 2. **Markers** say where a value comes from, overriding the rules below: `@From.Query(alias:)`,
///    `@From.Header(alias:)` (`xToken` reads the header `x-token`, as FastAPI), `@From.Cookie(alias:)`,
///    `@From.Body(embed:)`, `@From.Form(alias:)`, `@From.File(alias:)` and `@From.Path`. Their other arguments are ``FieldSpec``'s (`@From.Query(ge: 1, le: 100)`,
///    `description:`, `examples:`...). They are property wrappers that do nothing at run time: Swift allows no
///    macros on parameters (see ``From``).
/// 3. **By type**, for the rest:
///    - a scalar ``SchemaValue`` (`String`, integers, `Double`, `Bool`, `UUID`, dates...), a `String`/`Int`
///      ``SchemaEnum``, or an array or optional of them: a **query** parameter named by its wire name
///      (repeated keys fill an array);
///    - a model (``SchemaModel``, what `@Schema` generates), an optional or array of models, or a dictionary:
///      the **JSON body** (a lone body is the whole body; with several, each is a key of the body object);
///    - a ``Dependency``: **injected**, one instance per request;
///    - ``UploadedFile`` (optional, or an array): a multipart **file** field;
///    - ``Request``: the raw request; ``ResponseHead``: the response's status and headers; ``BackgroundTasks``:
///      work to run after the response is sent;
///    - any other `Codable` type: the JSON body, through ``CodableModel`` (no defaults or constraints);
///    - anything else does not compile: "a route parameter's type must be a SchemaValue ..., a SchemaModel ...,
///      Codable ..., a Dependency, an UploadedFile, Request, ResponseHead, or
///      BackgroundTasks".
/// 4. **Optional.** A default value or an optional type (`T?`) makes a parameter optional; the default is
///    documented.
///
/// ## Documentation
///
/// The method's `///` comment gives the operation's summary (first paragraph) and description (the rest);
/// `- Parameter x:` (or a `- Parameters:` list) gives parameter `x`'s description. `summary:` and
/// `description:` arguments override the comment. The operation's name is the method's name.
///
/// - Parameters:
///   - prefix: Prepended to every route's path; starts with `/` and does not end with one.
///   - tags: Tags added to every route.
///   - dependencies: Dependencies every route runs first, for their effect (FastAPI's `APIRouter(dependencies=)`).
@attached(extension, conformances: RouteGroup, names: named(registerRoutes), named(routeGroupOptions))
public macro Routes(prefix: String = "", tags: [String] = [], dependencies: [DependencyRequirement] = []) =
    #externalMacro(module: "ApusMacros", type: "RoutesMacro")

/// A `GET` endpoint in a `@Routes` type (see ``Routes(prefix:tags:dependencies:)`` for how parameters are read).
///
/// - Parameters:
///   - path: The path template, a string literal: `"/items/{item_id}"`.
///   - status: The success status (200 unless set); documented as the success response.
///   - tags: Tags for the docs.
///   - summary: Overrides the doc comment's first paragraph.
///   - description: Overrides the doc comment's other paragraphs.
///   - deprecated: Marks the operation deprecated in the docs.
///   - responses: Extra documented responses (FastAPI's `responses=`).
///   - operationID: The OpenAPI `operationId`.
///   - includeInSchema: `false` hides the route from the OpenAPI document.
///   - dependencies: Dependencies run first, for their effect.
///   - blocking: The method blocks its thread (a synchronous driver, `sleep`, a long CPU loop): it must be
///     synchronous, and runs on this pool (`.shared`) instead of an event loop (FastAPI's `def` endpoint).
@attached(peer, names: prefixed(__apus_route_))
public macro GET(
    _ path: String, status: HTTPResponse.Status? = nil, tags: [String] = [], summary: String? = nil, description: String? = nil,
    deprecated: Bool = false, responses: [DocumentedResponse] = [], operationID: String? = nil, includeInSchema: Bool = true,
    dependencies: [DependencyRequirement] = [], blocking: BlockingPool? = nil
) = #externalMacro(module: "ApusMacros", type: "RouteMacro")

/// A `POST` endpoint in a `@Routes` type; the options are ``GET(_:status:tags:summary:description:deprecated:responses:operationID:includeInSchema:dependencies:blocking:)``'s.
@attached(peer, names: prefixed(__apus_route_))
public macro POST(
    _ path: String, status: HTTPResponse.Status? = nil, tags: [String] = [], summary: String? = nil, description: String? = nil,
    deprecated: Bool = false, responses: [DocumentedResponse] = [], operationID: String? = nil, includeInSchema: Bool = true,
    dependencies: [DependencyRequirement] = [], blocking: BlockingPool? = nil
) = #externalMacro(module: "ApusMacros", type: "RouteMacro")

/// A `PUT` endpoint in a `@Routes` type; the options are ``GET(_:status:tags:summary:description:deprecated:responses:operationID:includeInSchema:dependencies:blocking:)``'s.
@attached(peer, names: prefixed(__apus_route_))
public macro PUT(
    _ path: String, status: HTTPResponse.Status? = nil, tags: [String] = [], summary: String? = nil, description: String? = nil,
    deprecated: Bool = false, responses: [DocumentedResponse] = [], operationID: String? = nil, includeInSchema: Bool = true,
    dependencies: [DependencyRequirement] = [], blocking: BlockingPool? = nil
) = #externalMacro(module: "ApusMacros", type: "RouteMacro")

/// A `PATCH` endpoint in a `@Routes` type; the options are ``GET(_:status:tags:summary:description:deprecated:responses:operationID:includeInSchema:dependencies:blocking:)``'s.
@attached(peer, names: prefixed(__apus_route_))
public macro PATCH(
    _ path: String, status: HTTPResponse.Status? = nil, tags: [String] = [], summary: String? = nil, description: String? = nil,
    deprecated: Bool = false, responses: [DocumentedResponse] = [], operationID: String? = nil, includeInSchema: Bool = true,
    dependencies: [DependencyRequirement] = [], blocking: BlockingPool? = nil
) = #externalMacro(module: "ApusMacros", type: "RouteMacro")

/// A `DELETE` endpoint in a `@Routes` type; the options are ``GET(_:status:tags:summary:description:deprecated:responses:operationID:includeInSchema:dependencies:blocking:)``'s.
@attached(peer, names: prefixed(__apus_route_))
public macro DELETE(
    _ path: String, status: HTTPResponse.Status? = nil, tags: [String] = [], summary: String? = nil, description: String? = nil,
    deprecated: Bool = false, responses: [DocumentedResponse] = [], operationID: String? = nil, includeInSchema: Bool = true,
    dependencies: [DependencyRequirement] = [], blocking: BlockingPool? = nil
) = #externalMacro(module: "ApusMacros", type: "RouteMacro")

/// A `HEAD` endpoint in a `@Routes` type; the options are ``GET(_:status:tags:summary:description:deprecated:responses:operationID:includeInSchema:dependencies:blocking:)``'s.
@attached(peer, names: prefixed(__apus_route_))
public macro HEAD(
    _ path: String, status: HTTPResponse.Status? = nil, tags: [String] = [], summary: String? = nil, description: String? = nil,
    deprecated: Bool = false, responses: [DocumentedResponse] = [], operationID: String? = nil, includeInSchema: Bool = true,
    dependencies: [DependencyRequirement] = [], blocking: BlockingPool? = nil
) = #externalMacro(module: "ApusMacros", type: "RouteMacro")

/// An `OPTIONS` endpoint in a `@Routes` type; the options are ``GET(_:status:tags:summary:description:deprecated:responses:operationID:includeInSchema:dependencies:blocking:)``'s.
@attached(peer, names: prefixed(__apus_route_))
public macro OPTIONS(
    _ path: String, status: HTTPResponse.Status? = nil, tags: [String] = [], summary: String? = nil, description: String? = nil,
    deprecated: Bool = false, responses: [DocumentedResponse] = [], operationID: String? = nil, includeInSchema: Bool = true,
    dependencies: [DependencyRequirement] = [], blocking: BlockingPool? = nil
) = #externalMacro(module: "ApusMacros", type: "RouteMacro")
