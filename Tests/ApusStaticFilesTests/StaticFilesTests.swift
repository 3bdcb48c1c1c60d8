import ApusCore
import ApusStaticFiles
import ApusTesting
import Foundation
import Testing

/// What the Starlette matrix cannot show: setup errors, a mount at the root, and concurrent requests.
@Suite struct StaticFilesTests {
    @Test func aMissingDirectoryFailsAtSetupAsStarlettesCheckDir() throws {
        #expect(throws: StaticFilesError.notADirectory("/nonexistent/apus-static")) {
            try StaticFiles(directory: "/nonexistent/apus-static")
        }
        #expect(throws: Never.self) { try StaticFiles(directory: "/nonexistent/apus-static", checkDirectory: false) }
    }

    @Test func anUncheckedMissingDirectoryAnswers404() async throws {
        let app = App()
        app.mount("/static", try StaticFiles(directory: "/nonexistent/apus-static", html: true, checkDirectory: false))
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/static/hello.txt").status == .notFound)
        }
    }

    @Test func aMountAtTheRootServesTheSiteAndLeavesOtherRoutesAlone() async throws {
        let tree = try FixtureTree()
        let app = App()
        app.get("/api/health") { _ in ["status": "ok"] }
        app.mount("/", try StaticFiles(directory: tree.root, html: true))
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/api/health").text == #"{"status":"ok"}"#)
            let index = try await client.get("/")
            #expect(index.status == .ok)
            #expect(index.text.contains("index of the root"))
            #expect(try await client.get("/sub/page.txt").text == "a page in sub\n")
            let missing = try await client.get("/nope")
            #expect(missing.status == .notFound)
            #expect(missing.text.contains("custom 404 page"))
        }
    }

    @Test func mountRoutesStayOutOfTheOpenAPIDocument() throws {
        let tree = try FixtureTree()
        let app = App()
        app.mount("/static", try StaticFiles(directory: tree.root), name: "static")
        let routes = try app.routes()
        #expect(routes.count == 8)
        #expect(routes.allSatisfy { !$0.metadata.includeInSchema && $0.metadata.name == "static" && $0.path == "/static/{path:path}" })
    }

    @Test func manyConcurrentRequestsGetWholeFiles() async throws {
        let tree = try FixtureTree()
        let app = App()
        app.mount("/static", try StaticFiles(directory: tree.root))
        try await app.test(.live) { client async throws in
            let port = try #require(client.port)
            try await withThrowingTaskGroup(of: RawHTTPResponse.self) { group in
                for index in 0..<64 {
                    let target = index.isMultiple(of: 2) ? "/static/digits.txt" : "/static/blob.bin"
                    group.addTask { try await RawHTTPClient.send(port: port, method: "GET", target: Array(target.utf8)) }
                }
                for try await response in group {
                    #expect(response.status == 200)
                    #expect(response.body == Array("0123456789abcdefghijklmnopqrstuvwxyz".utf8) || response.body == Array(0...255))
                }
            }
        }
    }
}
