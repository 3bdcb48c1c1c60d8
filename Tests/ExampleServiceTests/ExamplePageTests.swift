import Apus
import ApusTesting
import ExampleService
import Testing

@Suite("Example service: the chat stream and the item page")
struct ExamplePageTests {
    /// The seeds' `stream_chat`: its four tokens as Server-Sent Events, JSON-quoted as FastAPI writes a string.
    @Test(arguments: [TestingMode.inProcess, .live])
    func chatStreamsTheSeedsTokensAsEvents(mode: TestingMode) async throws {
        try await ExampleApp.make().test(mode) { client async throws in
            let response = try await client.get("/chat")
            #expect(response.status == .ok)
            #expect(response.header("content-type") == "text/event-stream; charset=utf-8")
            #expect(response.header("cache-control") == "no-cache")
            #expect(
                response.text == "data: \"안녕하세요! \"\n\ndata: \"저는 FastAPI로 \"\n\ndata: \"만들어진 \"\n\ndata: \"AI 챗봇입니다.\"\n\n")
        }
    }

    /// The page links to the item's JSON by `url_for` (absolute), to the stylesheet and its neighbours by
    /// `url_path_for`, and escapes nothing it need not.
    @Test(arguments: [TestingMode.inProcess, .live])
    func itemPageIsRenderedWithReverseRoutedLinks(mode: TestingMode) async throws {
        try await ExampleApp.make().test(mode) { client async throws in
            let response = try await client.get("/items/5/page")
            #expect(response.status == .ok)
            #expect(response.header("content-type") == "text/html; charset=utf-8")
            let page = response.text
            #expect(page.contains("<title>Sample Item</title>"))
            #expect(page.contains(#"<link rel="stylesheet" href="/static/site.css">"#))
            let link = try #require(page.firstMatch(of: /<a href="(http:\/\/[^"\/]+)\/items\/5">\1\/items\/5<\/a>/))
            #expect(mode == .live ? link.1.hasPrefix("http://127.0.0.1:") : link.1 == "http://testserver")
            #expect(page.contains(#"<a href="/items/4/page">Item 4</a>"#))
            #expect(page.contains(#"<a href="/items/6/page">Item 6</a>"#))
            let stylesheet = try await client.get("/static/site.css")
            #expect(stylesheet.status == .ok)
        }
    }

    @Test func firstItemPageHasOnlyTheNextNeighbour() async throws {
        try await ExampleApp.make().test(.inProcess) { client async throws in
            let page = try await client.get("/items/1/page").text
            #expect(page.contains(#"<a href="/items/2/page">Item 2</a>"#))
            #expect(!page.contains("/items/0/page"))
        }
    }

    @Test func itemPageWithABadIdIsFastAPIs422() async throws {
        try await ExampleApp.make().test(.inProcess) { client async throws in
            let response = try await client.get("/items/abc/page")
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains(#""loc":["path","item_id"]"#))
        }
    }
}
