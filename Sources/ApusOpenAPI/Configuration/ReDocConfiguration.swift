/// How the ReDoc page is built: where its script and icon come from, and whether it loads Google Fonts.
///
/// The defaults are FastAPI's (jsDelivr's `redoc@2`, Montserrat and Roboto from Google Fonts); for offline docs
/// serve `redoc.standalone.js` yourself and turn the fonts off.
public struct ReDocConfiguration: Sendable, Hashable {
    /// The `redoc.standalone.js` URL.
    public var javaScriptURL: String
    /// The favicon URL.
    public var faviconURL: String
    /// Whether the page links the Google Fonts stylesheet.
    public var usesGoogleFonts: Bool

    /// Creates the configuration; every argument defaults to FastAPI's choice.
    public init(
        javaScriptURL: String = "https://cdn.jsdelivr.net/npm/redoc@2/bundles/redoc.standalone.js",
        faviconURL: String = "https://fastapi.tiangolo.com/img/favicon.png",
        usesGoogleFonts: Bool = true
    ) {
        self.javaScriptURL = javaScriptURL
        self.faviconURL = faviconURL
        self.usesGoogleFonts = usesGoogleFonts
    }
}
