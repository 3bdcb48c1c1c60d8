import Apus
import ApusTesting
import Foundation
import Testing

// The README's hello-world, minus its last line (which serves forever). `readmeLinesAreThisFile` keeps the two
// from drifting apart.
func makeReadmeApp() -> App {
    let app = App()
    app.get("/") { _ in Hello(message: "Hello World") }
    app.get("/items/{item_id}") { request in
        guard let id = request.pathParameters["item_id"].flatMap(Int.init) else {
            throw HTTPError(.unprocessableContent, detail: "item_id must be an integer")
        }
        if id > 100 { throw HTTPError(.notFound, detail: "Item not found") }
        return Response.text("item \(id)")
    }
    return app
}

struct Hello: Encodable, Sendable {
    let message: String
}

@Suite("README")
struct ReadmeSnippetTests {
    static func readmeSnippet() throws -> [String] {
        let readmeURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../README.md").standardized
        let readme = try String(contentsOf: readmeURL, encoding: .utf8)
        let start = try #require(readme.range(of: "## Hello world\n\n```swift\n"))
        let end = try #require(readme.range(of: "```", range: start.upperBound..<readme.endIndex))
        return readme[start.upperBound..<end.lowerBound].split(separator: "\n").map(String.init)
    }

    @Test func readmeLinesAreThisFile() throws {
        let source = try String(contentsOfFile: #filePath, encoding: .utf8)
        let sourceLines = Set(source.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
        for line in try Self.readmeSnippet() where !line.hasPrefix("try await app.run") {
            #expect(sourceLines.contains(line.trimmingCharacters(in: .whitespaces)), "README line not in the test: \(line)")
        }
    }

    @Test func readmeHelloWorldAnswers() async throws {
        try await makeReadmeApp().test(.inProcess) { client in
            let root = try await client.get("/")
            let item = try await client.get("/items/7")
            let missing = try await client.get("/items/101")
            let invalid = try await client.get("/items/x")
            #expect(root.text == #"{"message":"Hello World"}"#)
            #expect(item.text == "item 7")
            #expect(missing.status == .notFound)
            #expect(invalid.status == .unprocessableContent)
        }
    }
}
