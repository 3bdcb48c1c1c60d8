public import ApusCore

/// Everything ``App/enableDocs(_:)`` needs: the document's info, servers and tags, the URLs of the document and
/// the docs pages, and where the pages' assets come from.
///
/// Each URL can be moved or switched off (`nil` answers 404, as FastAPI's `docs_url=None`); switching the document
/// off (``openAPIURL`` `nil`) switches all the pages off, since they have nothing to show. For production:
///
/// ```swift
/// app.enableDocs(isProduction ? .disabled : OpenAPIConfiguration(info: OpenAPIInfo(title: "Shop", version: "2.1.0")))
/// ```
public struct OpenAPIConfiguration: Sendable {
    /// The `info` object.
    public var info: OpenAPIInfo
    /// The `servers` list (the request's root path, if any, is put first).
    public var servers: [OpenAPIServer]
    /// Descriptions of the tags, listed at the top of the document in this order.
    public var tags: [OpenAPITag]
    /// Where the document is served (FastAPI's `openapi_url`); `nil` switches the document and every page off.
    public var openAPIURL: String?
    /// Where Swagger UI is served (FastAPI's `docs_url`); `nil` switches it off.
    public var docsURL: String?
    /// Where Swagger UI's OAuth2 redirect page is served; `nil` switches it off.
    public var oauth2RedirectURL: String?
    /// Where ReDoc is served (FastAPI's `redoc_url`); `nil` switches it off.
    public var redocURL: String?
    /// Whether the request's root path is listed first in `servers` (FastAPI's `root_path_in_servers`).
    public var rootPathInServers: Bool
    /// The Swagger UI page's assets and options.
    public var swaggerUI: SwaggerUIConfiguration
    /// The ReDoc page's assets.
    public var redoc: ReDocConfiguration
    /// Derives an operation's `operationId` when its route sets none (FastAPI's `generate_unique_id_function`).
    public var operationID: @Sendable (Route) -> String
    /// Whether operations with a JSON or multipart body document the `400` an unparsable body gets
    /// (`{"detail":"There was an error parsing the body"}`). FastAPI answers the same 400 but leaves it out of its
    /// document, so clients and tools such as schemathesis meet an undocumented status; `false` gives FastAPI's
    /// exact document.
    public var documentsBodyParseErrors: Bool

    /// Creates a configuration; every argument defaults to FastAPI's choice.
    public init(
        info: OpenAPIInfo = OpenAPIInfo(),
        servers: [OpenAPIServer] = [],
        tags: [OpenAPITag] = [],
        openAPIURL: String? = "/openapi.json",
        docsURL: String? = "/docs",
        oauth2RedirectURL: String? = "/docs/oauth2-redirect",
        redocURL: String? = "/redoc",
        rootPathInServers: Bool = true,
        swaggerUI: SwaggerUIConfiguration = SwaggerUIConfiguration(),
        redoc: ReDocConfiguration = ReDocConfiguration(),
        operationID: @escaping @Sendable (Route) -> String = OperationNaming.fastAPIOperationID,
        documentsBodyParseErrors: Bool = true
    ) {
        self.info = info
        self.servers = servers
        self.tags = tags
        self.openAPIURL = openAPIURL
        self.docsURL = docsURL
        self.oauth2RedirectURL = oauth2RedirectURL
        self.redocURL = redocURL
        self.rootPathInServers = rootPathInServers
        self.swaggerUI = swaggerUI
        self.redoc = redoc
        self.operationID = operationID
        self.documentsBodyParseErrors = documentsBodyParseErrors
    }

    /// No document and no docs pages: every URL answers 404.
    public static var disabled: OpenAPIConfiguration {
        OpenAPIConfiguration(openAPIURL: nil, docsURL: nil, oauth2RedirectURL: nil, redocURL: nil)
    }
}
