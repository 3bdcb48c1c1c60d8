#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Apus

extension ExampleApp {
    /// The example's OpenAPI document and docs pages: `/openapi.json`, Swagger UI at `/docs`, ReDoc at `/redoc`.
    ///
    /// `APUS_DOCS_ASSETS` (a URL prefix, e.g. `http://127.0.0.1:9000/swagger-ui-dist`) points Swagger UI at
    /// self-hosted files instead of jsDelivr, for offline use and for the headless-browser check in CI.
    static var docsConfiguration: OpenAPIConfiguration {
        let assetsPrefix = ProcessInfo.processInfo.environment["APUS_DOCS_ASSETS"]
        var configuration = OpenAPIConfiguration(
            info: OpenAPIInfo(
                title: "Apus Example",
                summary: "FastAPI's first-steps samples, served by Apus.",
                description: "Items, users, posts with an owner check, and a versioned users API.",
                version: "0.1.0",
                license: OpenAPIInfo.License(name: "MIT", identifier: "MIT")
            ),
            tags: [
                OpenAPITag(name: "v1", description: "Version 1 of the users API: one `name`."),
                OpenAPITag(name: "v2", description: "Version 2: first and last name, and an e-mail address."),
            ]
        )
        if let assetsPrefix {
            configuration.swaggerUI.javaScriptURL = assetsPrefix + "/swagger-ui-bundle.js"
            configuration.swaggerUI.styleSheetURL = assetsPrefix + "/swagger-ui.css"
            configuration.swaggerUI.faviconURL = assetsPrefix + "/favicon-32x32.png"
        }
        return configuration
    }
}
