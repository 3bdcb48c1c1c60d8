public import ApusModels

/// How the Swagger UI page at the docs URL is built: where its script, stylesheet and icon come from, and the
/// options passed to `SwaggerUIBundle`.
///
/// The defaults are FastAPI's (jsDelivr's `swagger-ui-dist@5`). To serve the docs offline or air-gapped, point
/// the asset URLs at files you serve yourself:
///
/// ```swift
/// var swaggerUI = SwaggerUIConfiguration()
/// swaggerUI.javaScriptURL = "/static/swagger-ui-bundle.js"
/// swaggerUI.styleSheetURL = "/static/swagger-ui.css"
/// ```
public struct SwaggerUIConfiguration: Sendable {
    /// FastAPI's default `SwaggerUIBundle` options, in its order.
    public static let defaultParameters: JSONObject = [
        "dom_id": "#swagger-ui",
        "layout": "BaseLayout",
        "deepLinking": true,
        "showExtensions": true,
        "showCommonExtensions": true,
    ]

    /// The `swagger-ui-bundle.js` URL.
    public var javaScriptURL: String
    /// The `swagger-ui.css` URL.
    public var styleSheetURL: String
    /// The favicon URL.
    public var faviconURL: String
    /// Options merged over ``defaultParameters`` (FastAPI's `swagger_ui_parameters`): an existing key keeps its
    /// place, a new one is added at the end.
    public var parameters: JSONObject
    /// Arguments for `ui.initOAuth(...)` (FastAPI's `swagger_ui_init_oauth`), e.g. a `clientId`.
    public var initOAuth: JSONObject?

    /// Creates the configuration; every argument defaults to FastAPI's choice.
    public init(
        javaScriptURL: String = "https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui-bundle.js",
        styleSheetURL: String = "https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui.css",
        faviconURL: String = "https://fastapi.tiangolo.com/img/favicon.png",
        parameters: JSONObject = [:],
        initOAuth: JSONObject? = nil
    ) {
        self.javaScriptURL = javaScriptURL
        self.styleSheetURL = styleSheetURL
        self.faviconURL = faviconURL
        self.parameters = parameters
        self.initOAuth = initOAuth
    }

    /// The options passed to `SwaggerUIBundle`: the defaults with ``parameters`` merged over them.
    public var mergedParameters: JSONObject {
        var merged = Self.defaultParameters
        for member in self.parameters {
            merged[member.key] = member.value
        }
        return merged
    }
}
