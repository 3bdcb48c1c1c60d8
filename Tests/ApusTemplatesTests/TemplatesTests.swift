import Apus
import ApusTesting
import Foundation
import Testing

/// A page's context: what the handler passes to the template.
struct ItemPage: Encodable {
    struct Related: Encodable {
        let id: String
        let label: String
    }

    let title: String
    let name: String
    let trusted: String
    let related: [Related]
}

/// An app with named routes (the reverse-routing targets), a static mount and pages rendered from the fixtures.
func templatesApp(_ templates: Templates) throws -> App {
    let app = App()
    app.get("/items/{item_id}", metadata: RouteMetadata(name: "read_item")) { request in
        ["item_id": request.pathParameters["item_id"] ?? ""]
    }
    app.get("/files/{file_path:path}", metadata: RouteMetadata(name: "read_file")) { _ in "file" }
    app.get("/", metadata: RouteMetadata(name: "home")) { _ in "home" }
    app.mount("/static", try StaticFiles(directory: "/nonexistent", checkDirectory: false), name: "static")
    app.get("/page", Query<String>("name"), RawRequest()) { name, request in
        let page = ItemPage(
            title: "Items & more",
            name: name,
            trusted: "<em>kept</em>",
            related: [.init(id: "5", label: "Five"), .init(id: "a/b c", label: "<b>odd</b>")]
        )
        return try templates.response("pages/item", page, request: request)
    }
    app.get("/empty-page", RawRequest()) { request in
        try templates.response("pages/item.mustache", ItemPage(title: "t", name: "n", trusted: "", related: []), request: request)
    }
    app.get("/links", RawRequest()) { request in
        [
            "absolute": try request.url(for: "read_item", ["item_id": 5]),
            "path": try request.urlPath(for: "read_file", ["file_path": "/docs/a b.txt"]),
        ]
    }
    return app
}

@Suite struct TemplatesTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path

    @Test func aPageIsRenderedHTMLEscapedWithPartialsAndReverseRouting() async throws {
        let app = try templatesApp(try Templates(directory: Self.fixtures))
        try await app.test(.inProcess) { client async throws in
            let response = try await client.get("/page?name=%3Cscript%3Ealert(%27x%27)%3C/script%3E")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            let html = response.text
            #expect(html.contains("<title>Items &amp; more</title>"), "\(html)")
            #expect(html.contains("<h1>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</h1>"), "\(html)")
            #expect(html.contains("<p><em>kept</em></p>"), "\(html)")
            #expect(html.contains(#"<a href="http://testserver/items/5">Five</a>"#), "\(html)")
            #expect(html.contains(#"<a href="http://testserver/items/a%2Fb%20c">&lt;b&gt;odd&lt;/b&gt;</a>"#), "\(html)")
            #expect(html.contains(#"<link href="/static/css/site.css">"#), "\(html)")
            #expect(!html.contains("<p>none</p>"))
        }
    }

    @Test func aURLMadeByURLForLeadsBackToItsRoute() async throws {
        let app = try templatesApp(try Templates(directory: Self.fixtures))
        try await app.test(.inProcess) { client async throws in
            let html = try await client.get("/page?name=x").text
            let href = try #require(html.firstMatch(of: /href="http:\/\/[^\/]*(\/items\/a[^"]*)"/)?.output.1)
            #expect(try await client.get(String(href)).text == #"{"item_id":"a/b c"}"#)
        }
    }

    @Test func aNameMayCarryTheExtensionAndAnEmptyListShowsTheInvertedSection() async throws {
        let app = try templatesApp(try Templates(directory: Self.fixtures))
        try await app.test(.inProcess) { client async throws in
            let html = try await client.get("/empty-page").text
            #expect(html.contains("<p>none</p>"))
            #expect(!html.contains("<li>"))
        }
    }

    @Test func handlersBuildURLsFromRouteNames() async throws {
        let app = try templatesApp(try Templates([:]))
        #expect(try app.urlPath(for: "read_item", ["item_id": "x y"]) == "/items/x%20y")
        #expect(try app.urlPath(for: "home") == "/")
        #expect(try app.urlPath(for: "static", ["path": "/css/site.css"]) == "/static/css/site.css")
        #expect(throws: URLForError(message: #"No route exists for name "read_item" and params "id"."#)) {
            try app.urlPath(for: "read_item", ["id": 5])
        }
        #expect(throws: URLForError(message: #"No route exists for name "nope" and params ""."#)) {
            try app.urlPath(for: "nope")
        }
        #expect(throws: URLForError(message: #"Parameter "item_id" of route "read_item" may not be empty."#)) {
            try app.urlPath(for: "read_item", ["item_id": ""])
        }
        try await app.test(.inProcess) { client async throws in
            let response = try await client.get("/links")
            // A dictionary: its keys come in any order.
            let links = try response.json([String: String].self)
            #expect(links == ["absolute": "http://testserver/items/5", "path": "/files/docs/a%20b.txt"])
        }
    }

    @Test func aTemplateAskingForAnUnknownRouteIsAServerError() async throws {
        let templates = try Templates(["bad": "<a href=\"{{#url_for}}missing id=id{{/url_for}}\">"])
        let app = App()
        app.get("/bad", RawRequest()) { request in try templates.response("bad", ["id": 1], request: request) }
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/bad").status == .internalServerError)
        }
        #expect(throws: URLForError(message: #"No route exists for name "missing" and params "id"."#)) {
            try templates.render("bad", ["id": 1], request: Self.request(in: app))
        }
    }

    @Test(arguments: [
        ("{{#url_for}}{{/url_for}}", "url_for: expected a route name in \"\""),
        ("{{#url_for}}home x{{/url_for}}", "url_for: expected key=value, not \"x\""),
        ("{{#url_for}}home x='a{{/url_for}}", "url_for: unterminated quote in \"home x='a\""),
        ("{{#url_for}}home x=a x=b{{/url_for}}", "url_for: \"x\" is given twice"),
        ("{{#url_for}}home x=a+b{{/url_for}}", "url_for: \"a+b\" is neither a variable nor a quoted literal"),
    ])
    func malformedURLForCallsAreReported(_ source: String, _ message: String) throws {
        let templates = try Templates(["page": source])
        #expect(throws: TemplateError(message: message)) {
            try templates.render("page", request: Self.request(in: try templatesApp(templates)))
        }
    }

    @Test func literalValuesArePercentEncodedAndTheHostIsEscaped() throws {
        let templates = try Templates([
            "page": "{{#url_for}}read_item item_id='{{x}}'{{/url_for}} {{#url_path_for}}read_file file_path=\"/a/b?c\"{{/url_path_for}}"
        ])
        let request = try Self.request(in: try templatesApp(templates), host: #"h"><script>"#)
        #expect(
            try templates.render("page", request: request)
                == "http://h&quot;&gt;&lt;script&gt;/items/%7B%7Bx%7D%7D /files/a/b%3Fc"
        )
    }

    @Test func withoutARequestReverseRoutingFails() throws {
        let templates = try Templates(["page": "{{#url_path_for}}home{{/url_path_for}}", "plain": "{{a}} {{b.c}} {{#d}}{{.}}{{/d}}"])
        #expect(throws: TemplateError(message: "url_for(\"home\") needs the request: render with `request:`")) {
            try templates.render("page")
        }
        struct Context: Encodable {
            struct Inner: Encodable { let c: Double }
            let a: Int?
            let b: Inner
            let d: [Bool]
        }
        #expect(try templates.render("plain", Context(a: nil, b: .init(c: 1.5), d: [true])) == " 1.5 true")
    }

    @Test func loadingAndRenderingErrorsNameTheTemplate() throws {
        #expect(throws: TemplateError(message: "Template directory \"/nonexistent-templates\" cannot be read")) {
            try Templates(directory: "/nonexistent-templates")
        }
        let error = try #require(throws: TemplateError.self) { try Templates(["page": "line one\n{{#open}}never closed"]) }
        #expect(error.message.hasPrefix("Template \"page\" line 2, column"), "\(error.message)")
        let templates = try Templates(directory: Self.fixtures)
        #expect(throws: TemplateError(message: "No template named \"broken\"")) { try templates.render("broken") }
        #expect(throws: TemplateError(message: "A template context must encode to a JSON object, not [1,2]")) {
            try templates.render("layout", [1, 2])
        }
    }

    /// A request as the app's responder hands it to a handler (its state holds the reverse-routing table).
    static func request(in app: App, host: String = "testserver") throws -> Request {
        let responder = try app.build()
        let head = HTTPRequest(method: .get, scheme: "http", authority: host, path: "/")
        return Request(HTTPServerRequest(head: head), state: responder.state, logger: app.logger)
    }
}
