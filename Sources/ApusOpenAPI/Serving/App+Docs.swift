public import ApusCore
import ApusEndpoints

extension App {
    /// Serves the OpenAPI document and the docs pages: `/openapi.json`, Swagger UI at `/docs` (with its OAuth2
    /// redirect page at `/docs/oauth2-redirect`) and ReDoc at `/redoc`, each at the URL `configuration` gives, or
    /// not at all where it gives `nil`.
    ///
    /// The document is built from ``servedRoutes()`` on its first request and cached, so call this before or after
    /// adding routes. The pages and the document honour the request's root path (behind a proxy that strips a
    /// prefix): the pages fetch `<root path>/openapi.json` and the document lists the root path as a server.
    /// The routes added here are left out of the document, are not guarded by the app's dependency list (as
    /// FastAPI's), and, being GET routes, answer HEAD too.
    ///
    /// ```swift
    /// let app = App()
    /// app.enableDocs(OpenAPIConfiguration(info: OpenAPIInfo(title: "Shop", version: "1.2.0")))
    /// ```
    public func enableDocs(_ configuration: OpenAPIConfiguration = OpenAPIConfiguration(), file: String = #fileID, line: Int = #line) {
        guard let openAPIURL = configuration.openAPIURL else { return }
        let location = SourceLocation(fileID: file, line: line)
        var hidden = RouteMetadata(includeInSchema: false)
        hidden.attachments[SkipsAppDependenciesKey.self] = true
        let cache = OpenAPIDocumentCache(builder: OpenAPIDocumentBuilder(configuration: configuration))
        self.add(
            Route(method: .get, path: openAPIURL, metadata: hidden, location: location) { [weak self] request in
                guard let self else { throw HTTPError(.serviceUnavailable) }
                let bytes = try cache.bytes(rootPath: Self.trimmedRootPath(request)) { try self.servedRoutes() }
                return .bytes(bytes, mediaType: MediaType.json)
            }
        )
        if let docsURL = configuration.docsURL {
            let redirectURL = configuration.oauth2RedirectURL
            self.add(
                Route(method: .get, path: docsURL, metadata: hidden, location: location) { request in
                    let rootPath = Self.trimmedRootPath(request)
                    let page = SwaggerUIPage.html(
                        openAPIURL: rootPath + openAPIURL, title: configuration.info.title + " - Swagger UI",
                        configuration: configuration.swaggerUI, oauth2RedirectURL: redirectURL.map { rootPath + $0 }
                    )
                    return .html(page)
                }
            )
            if let redirectURL {
                self.add(
                    Route(method: .get, path: redirectURL, metadata: hidden, location: location) { _ in
                        .html(SwaggerUIOAuth2RedirectPage.html)
                    }
                )
            }
        }
        if let redocURL = configuration.redocURL {
            self.add(
                Route(method: .get, path: redocURL, metadata: hidden, location: location) { request in
                    let page = ReDocPage.html(
                        openAPIURL: Self.trimmedRootPath(request) + openAPIURL, title: configuration.info.title + " - ReDoc",
                        configuration: configuration.redoc
                    )
                    return .html(page)
                }
            )
        }
    }

    /// The request's root path without a trailing slash (FastAPI's `root_path.rstrip("/")`).
    static func trimmedRootPath(_ request: Request) -> String {
        var rootPath = Substring(request.rootPath)
        while rootPath.hasSuffix("/") { rootPath = rootPath.dropLast() }
        return String(rootPath)
    }
}
