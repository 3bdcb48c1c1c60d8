import ApusCore
import ApusMiddleware
import ApusTesting
import Synchronization
import Testing

@Suite struct RequestIDTests {
    static let header = HTTPField.Name("x-request-id")!

    /// An app whose handler logs through the request's logger and answers with the id it sees.
    static func app(logs: RecordedLogs) -> App {
        let app = App(logger: logs.logger())
        app.use(RequestID())
        app.get("/hello") { (request: Request) -> Response in
            request.logger.info("inside_hello_handler")
            return Response.text(request.requestID ?? "none")
        }
        return app
    }

    @Test(arguments: [TestingMode.inProcess, .live])
    func aSaneIncomingIdIsKeptReturnedAndOnTheHandlersLogLine(mode: TestingMode) async throws {
        let logs = RecordedLogs()
        try await Self.app(logs: logs).test(mode) { client async throws in
            let response = try await client.get("/hello", headers: [Self.header: "req-42.a:b/c+d=e_f"])
            #expect(response.text == "req-42.a:b/c+d=e_f")
            #expect(response.header("x-request-id") == "req-42.a:b/c+d=e_f")
        }
        let line = try #require(logs.all.first { $0.message == "inside_hello_handler" })
        #expect(line.metadata["request_id"] == "req-42.a:b/c+d=e_f")
    }

    /// Too long, empty, spaces, quotes, CR/LF-looking text, non-ASCII: replaced by a fresh UUIDv7.
    @Test(arguments: [String(repeating: "a", count: 129), "", "two words", #"a"b"#, "a\\r\\nb", "ïd", "a;b", "<x>"])
    func anInsaneIncomingIdIsReplaced(incoming: String) async throws {
        let response = try await RequestID().handle(makeRequest(headers: [Self.header: incoming])) { request in
            .text(request.requestID ?? "none")
        }
        let id = try #require(response.headers[Self.header])
        #expect(id != incoming)
        #expect(try await text(of: response) == id)
        #expect(Self.isUUIDv7(id), "\(id)")
    }

    /// A 30 KB id (as much as a head holds) and 1,000 repeated fields (joined with ", ") are replaced as cheaply
    /// as any insane id: the length is checked before the characters, and nothing of the value is kept.
    @Test func hostileIdsAreReplaced() async throws {
        var repeated = HTTPFields()
        for index in 0..<1_000 { repeated.append(HTTPField(name: Self.header, value: "id-\(index)")) }
        for headers in [[Self.header: String(repeating: "a", count: 30_000)], repeated] {
            let response = try await RequestID().handle(makeRequest(headers: headers), next: answersApp)
            #expect(Self.isUUIDv7(try #require(response.headers[Self.header])))
            #expect(response.headers[values: Self.header].count == 1)
        }
    }

    @Test func withoutAnIdEachRequestGetsItsOwnUUIDv7InTimeOrder() async throws {
        var ids: [String] = []
        for _ in 0..<3 {
            let response = try await RequestID().handle(makeRequest(), next: answersApp)
            ids.append(try #require(response.headers[Self.header]))
            try await Task.sleep(for: .milliseconds(2))
        }
        #expect(ids.allSatisfy(Self.isUUIDv7))
        #expect(Set(ids).count == 3)
        // The first 48 bits are the time in milliseconds: ids sort as they were made.
        #expect(ids == ids.sorted())
    }

    /// 1,000 requests at once: every answer carries its own id, and each log line the id of its own request.
    @Test func concurrentRequestsNeverMixIds() async throws {
        let logs = RecordedLogs()
        let answers = try await Self.app(logs: logs).test(.inProcess) { client async throws in
            try await withThrowingTaskGroup(of: (String, String?).self) { group in
                for index in 0..<1_000 {
                    group.addTask {
                        let response = try await client.get("/hello", headers: [Self.header: "id-\(index)"])
                        return (response.text, response.header("x-request-id"))
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
        }
        #expect(answers.allSatisfy { $0.0 == $0.1 })
        #expect(Set(answers.map(\.0)).count == 1_000)
        let logged = logs.all.filter { $0.message == "inside_hello_handler" }.compactMap { $0.metadata["request_id"] }
        #expect(Set(logged) == Set(answers.map(\.0)))
    }

    @Test func anotherHeaderAndMetadataKeyCanBeChosen() async throws {
        let middleware = RequestID(header: HTTPField.Name("x-correlation-id")!, metadataKey: "correlation_id")
        let response = try await middleware.handle(makeRequest(headers: [HTTPField.Name("x-correlation-id")!: "c-1"])) { request in
            .text("\(request.logger[metadataKey: "correlation_id"].map { "\($0)" } ?? "none")")
        }
        #expect(response.headers[HTTPField.Name("x-correlation-id")!] == "c-1")
        #expect(try await text(of: response) == "c-1")
    }

    /// `xxxxxxxx-xxxx-7xxx-[89ab]xxx-xxxxxxxxxxxx`, lowercase hex.
    static func isUUIDv7(_ id: String) -> Bool {
        id.wholeMatch(of: /[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/) != nil
    }
}
