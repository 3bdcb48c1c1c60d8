import Apus
import ApusTesting
import Testing

/// The README's "OpenAPI and the docs pages" snippet, compiled and run.
@Suite("README: OpenAPI and the docs pages")
struct ReadmeExampleTests {
    @Test func readmeConfigurationsServeWhatTheReadmeSays() async throws {
        let app = App()
        app.enableDocs(
            OpenAPIConfiguration(
                info: OpenAPIInfo(title: "Shop", version: "1.2.0", license: .init(name: "MIT", identifier: "MIT")),
                tags: [OpenAPITag(name: "items", description: "Manage items.")]
            ))
        let production = App()
        production.enableDocs(.disabled)
        var offline = OpenAPIConfiguration()
        offline.swaggerUI.javaScriptURL = "/static/swagger-ui-bundle.js"
        offline.swaggerUI.styleSheetURL = "/static/swagger-ui.css"
        offline.swaggerUI.faviconURL = "/static/favicon.png"
        offline.redoc = ReDocConfiguration(
            javaScriptURL: "/static/redoc.standalone.js", faviconURL: "/static/favicon.png", usesGoogleFonts: false)
        let offlineApp = App()
        offlineApp.enableDocs(offline)

        try await app.test(.inProcess) { client in
            let document = try await client.get("/openapi.json").text
            #expect(document.contains(#""info":{"title":"Shop","license":{"name":"MIT","identifier":"MIT"},"version":"1.2.0"}"#))
        }
        try await production.test(.inProcess) { client in
            let status = try await client.get("/docs").status
            #expect(status == .notFound)
        }
        try await offlineApp.test(.inProcess) { client in
            let docs = try await client.get("/docs").text
            #expect(docs.contains(#"<script src="/static/swagger-ui-bundle.js"></script>"#))
            #expect(!docs.contains("https://"))
        }
    }
}
