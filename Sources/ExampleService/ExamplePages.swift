import Apus

extension ExampleApp {
    /// The seeds' LLM chat stream and an HTML page rendered from a template.
    static func addPageRoutes(to app: App) {
        // The seed's `stream_chat`, as the real Server-Sent Events its docstring promises: one `data:` event per
        // token, 0.5 s apart (the seed's raw `StreamingResponse` sends the bare text).
        app.get(
            "/chat",
            metadata: RouteMetadata(name: "stream_chat", description: "SSE(Server-Sent Events)를 사용하여 채팅 응답을 스트리밍한다.")
        ) {
            EventStream<String> { send in
                for (index, chunk) in chatChunks.enumerated() {
                    if index > 0 { try await Task.sleep(for: chatChunkInterval) }
                    try await send(chunk)
                }
            }
        }

        // An item as an HTML page: `Templates/item.mustache`, with links made by reverse routing.
        guard let templates = try? Templates(directory: self.templatesDirectory) else { return }
        app.get(
            "/items/{item_id}/page", Path<Int>("item_id"), RawRequest(), metadata: RouteMetadata(name: "item_page"),
            encoder: .html
        ) { itemID, request in
            try templates.response("item", ItemPageContext(itemId: itemID, name: "Sample Item"), request: request)
        }
    }

    /// The seed's `fake_llm_response_generator` tokens.
    static let chatChunks = ["안녕하세요! ", "저는 FastAPI로 ", "만들어진 ", "AI 챗봇입니다."]
    /// The seed's delay between tokens.
    static let chatChunkInterval = Duration.milliseconds(500)

    /// `Sources/ExampleService/Templates`, found as ``staticDirectory`` is.
    static let templatesDirectory: String = {
        let source = #filePath
        guard let slash = source.lastIndex(of: "/") else { return "Templates" }
        return source[..<slash] + "/Templates"
    }()
}

/// What `item.mustache` shows.
struct ItemPageContext: Encodable {
    let itemId: Int
    let name: String
    var neighbours: [Int] { [self.itemId - 1, self.itemId + 1].filter { $0 >= 1 } }

    enum CodingKeys: String, CodingKey {
        case itemId = "item_id"
        case name, neighbours
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.itemId, forKey: .itemId)
        try container.encode(self.name, forKey: .name)
        try container.encode(self.neighbours, forKey: .neighbours)
    }
}
