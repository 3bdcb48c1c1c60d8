/// The ReDoc page, as FastAPI's `get_redoc_html` writes it (same markup, same whitespace). Public for apps that
/// serve the page themselves.
public enum ReDocPage {
    /// The page's HTML.
    ///
    /// - Parameters:
    ///   - openAPIURL: where the page fetches the document (with the root path already applied).
    ///   - title: the page title (FastAPI uses `"<app title> - ReDoc"`).
    ///   - configuration: asset URLs and whether to load Google Fonts.
    public static func html(openAPIURL: String, title: String, configuration: ReDocConfiguration = ReDocConfiguration()) -> String {
        var html = """

                <!DOCTYPE html>
                <html>
                <head>
                <title>\(title)</title>
                <!-- needed for adaptive design -->
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1">
            """
        html += "\n    "
        if configuration.usesGoogleFonts {
            html +=
                "\n    <link href=\"https://fonts.googleapis.com/css?family=Montserrat:300,400,700|Roboto:300,400,700\" rel=\"stylesheet\">\n    "
        }
        html += """

                <link rel="shortcut icon" href="\(configuration.faviconURL)">
                <!--
                ReDoc doesn't change outer page styles
                -->
                <style>
                  body {
                    margin: 0;
                    padding: 0;
                  }
                </style>
                </head>
                <body>
                <noscript>
                    ReDoc requires Javascript to function. Please enable it to browse the documentation.
                </noscript>
                <redoc spec-url="\(openAPIURL)"></redoc>
                <script src="\(configuration.javaScriptURL)"> </script>
                </body>
                </html>
            """
        html += "\n    "
        return html
    }
}
