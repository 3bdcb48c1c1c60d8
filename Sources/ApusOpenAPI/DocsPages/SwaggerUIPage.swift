import ApusModels

/// The Swagger UI page, as FastAPI's `get_swagger_ui_html` writes it (same markup, same whitespace), so it can be
/// compared with FastAPI's byte for byte. Public for apps that serve the page themselves.
public enum SwaggerUIPage {
    /// The page's HTML.
    ///
    /// - Parameters:
    ///   - openAPIURL: where the page fetches the document (with the root path already applied).
    ///   - title: the page title (FastAPI uses `"<app title> - Swagger UI"`).
    ///   - configuration: asset URLs, options and `initOAuth` arguments.
    ///   - oauth2RedirectURL: the OAuth2 redirect page's path (root path applied), or `nil` to leave it out.
    public static func html(
        openAPIURL: String, title: String, configuration: SwaggerUIConfiguration = SwaggerUIConfiguration(),
        oauth2RedirectURL: String? = nil
    ) -> String {
        var html = """

                <!DOCTYPE html>
                <html>
                <head>
                <meta name="viewport" content="width=device-width, initial-scale=1.0">
                <link type="text/css" rel="stylesheet" href="\(configuration.styleSheetURL)">
                <link rel="shortcut icon" href="\(configuration.faviconURL)">
                <title>\(title)</title>
                </head>
                <body>
                <div id="swagger-ui">
                </div>
                <script src="\(configuration.javaScriptURL)"></script>
                <!-- `SwaggerUIBundle` is now available on the page -->
                <script>
                const ui = SwaggerUIBundle({
                    url: '\(openAPIURL)',
            """
        html += "\n    "
        for member in configuration.mergedParameters {
            html += PythonJSONText.dumps(.string(member.key)) + ": " + PythonJSONText.dumps(member.value) + ",\n"
        }
        if let oauth2RedirectURL {
            html += "oauth2RedirectUrl: window.location.origin + '\(oauth2RedirectURL)',"
        }
        html += """

                presets: [
                    SwaggerUIBundle.presets.apis,
                    SwaggerUIBundle.SwaggerUIStandalonePreset
                    ],
                })
            """
        if let initOAuth = configuration.initOAuth {
            html += "\n        ui.initOAuth(\(PythonJSONText.dumps(.object(initOAuth))))\n        "
        }
        html += "\n    </script>\n    </body>\n    </html>\n    "
        return html
    }
}
