import ApusCore
import ApusStaticFiles
import ApusTesting
import Foundation
import Testing

/// Starlette's StaticFiles, request for request: starlette_static.py sends the matrix below to Starlette 1.10 (the
/// one FastAPI 0.163.2 brings) over the same fixture tree, and starlette_static.json is what it printed. Apus must
/// answer every request with the same status, the same recorded headers and the same body, in process and over a
/// real socket. With `APUS_STATIC_PROOFS=1` the script runs now, with the Python in `APUS_TEST_PYTHON` (or a venv
/// made from requirements.txt), and must print exactly the committed file.
///
/// Deliberate differences from Starlette are listed in ``StaticFilesDifferenceTests``; none of them is in this
/// matrix.
@Suite struct StarletteMatrixTests {
    struct Reference: Codable, Equatable {
        var starlette: String
        var cases: [Case]
    }

    struct Case: Codable, Equatable {
        var name: String
        var request: CaseRequest
        var response: Answer
    }

    struct CaseRequest: Codable, Equatable {
        var method: String
        var target: String
        var headers: [[String]]
    }

    /// What is compared: status, the recorded headers (`nil` when absent) and the body, as text or base64.
    struct Answer: Codable, Equatable, CustomStringConvertible {
        var status: Int
        var headers: [String: String?]
        var body: String?
        var body_base64: String?

        static let recorded = [
            "content-type", "content-length", "accept-ranges", "etag", "last-modified", "content-range", "allow", "location",
        ]

        /// Starlette's multipart boundary is random; both sides' are replaced with `BOUNDARY`, as the script does.
        init(status: Int, header: (String) -> String?, body: [UInt8]) {
            self.status = status
            var headers: [String: String?] = [:]
            for name in Self.recorded {
                headers[name] = .some(header(name))
            }
            var body = body
            let prefix = "multipart/byteranges; boundary="
            if let contentType = header("content-type"), contentType.hasPrefix(prefix) {
                let boundary = String(contentType.dropFirst(prefix.count))
                headers["content-type"] = prefix + "BOUNDARY"
                body = Array(String(decoding: body, as: UTF8.self).replacingOccurrences(of: boundary, with: "BOUNDARY").utf8)
            }
            self.headers = headers
            if let text = String(validating: body, as: UTF8.self) {
                self.body = text
            } else {
                self.body_base64 = Data(body).base64EncodedString()
            }
        }

        var description: String {
            let body = self.body.map { String($0.prefix(80)).debugDescription } ?? "base64:\(self.body_base64?.prefix(40) ?? "")"
            let headers = Self.recorded.compactMap { name in self.headers[name].flatMap { $0 }.map { "\(name)=\($0)" } }
            return "\(self.status) \(headers.joined(separator: " ")) \(body)"
        }
    }

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    static var isProof: Bool { ProcessInfo.processInfo.environment["APUS_STATIC_PROOFS"] == "1" }

    /// The committed answers.
    static func reference() throws -> Reference {
        let data = try Data(contentsOf: Self.directory.appendingPathComponent("starlette_static.json"))
        return try JSONDecoder().decode(Reference.self, from: data)
    }

    /// The app starlette_static.py builds: one tree mounted plain, in html mode, and following links.
    static func app(_ tree: FixtureTree) throws -> App {
        let app = App()
        app.mount("/static", try StaticFiles(directory: tree.root), name: "static")
        app.mount("/site", try StaticFiles(directory: tree.root, html: true), name: "site")
        app.mount("/follow", try StaticFiles(directory: tree.root, followSymlinks: true), name: "follow")
        return app
    }

    static func fields(_ pairs: [[String]]) -> HTTPFields {
        var fields = HTTPFields()
        for pair in pairs where pair.count == 2 {
            if let name = HTTPField.Name(pair[0]) {
                fields.append(HTTPField(name: name, value: pair[1]))
            }
        }
        return fields
    }

    @Test func theMatrixCoversWhatTheBriefAsks() async throws {
        let reference = try Self.reference()
        #expect(reference.cases.count >= 30)
        #expect(reference.starlette == "1.10.0")
        let statuses = Set(reference.cases.map(\.response.status))
        #expect(statuses.isSuperset(of: [200, 206, 304, 307, 400, 404, 405, 416]))
    }

    /// Starlette itself, now, prints exactly the committed answers (`APUS_STATIC_PROOFS=1`: its own CI step, since
    /// a Python run beside the parallel suite starves its timing tests on two cores).
    @Test(.enabled(if: isProof)) func theCommittedAnswersAreStarlettesNow() async throws {
        let committed = try Self.reference()
        let script = try String(contentsOf: Self.directory.appendingPathComponent("starlette_static.py"), encoding: .utf8)
        let requirements = try TestPython.requirements(inFile: Self.directory.appendingPathComponent("requirements.txt").path)
        let output = try await TestPython.run(script, arguments: [Self.directory.path], requirements: requirements)
        let live = try JSONDecoder().decode(Reference.self, from: Data(output.utf8))
        #expect(live.starlette == committed.starlette)
        #expect(live.cases.count == committed.cases.count)
        for (ours, theirs) in zip(committed.cases, live.cases) {
            #expect(ours == theirs, "starlette_static.json differs from what Starlette answers now: \(ours.name)")
        }
    }

    @Test func answersInProcessAreStarlettes() async throws {
        let reference = try Self.reference()
        let tree = try FixtureTree()
        try await Self.app(tree).test(.inProcess) { client async throws in
            for item in reference.cases {
                let method = try #require(HTTPRequest.Method(item.request.method))
                let response = try await client.execute(method, item.request.target, headers: Self.fields(item.request.headers))
                let answer = Answer(
                    status: Int(response.status.code), header: { response.header($0) }, body: Array(response.body.readableBytesView))
                #expect(
                    answer == item.response,
                    "\(item.name): \(item.request.method) \(item.request.target)\n  apus:      \(answer)\n  starlette: \(item.response)")
            }
        }
    }

    @Test func answersOverASocketAreStarlettes() async throws {
        let reference = try Self.reference()
        let tree = try FixtureTree()
        try await Self.app(tree).test(.live) { client async throws in
            let port = try #require(client.port)
            for item in reference.cases {
                let headers = item.request.headers.compactMap { $0.count == 2 ? ($0[0], $0[1]) : nil }
                let response = try await RawHTTPClient.send(
                    port: port, method: item.request.method, target: Array(item.request.target.utf8), headers: headers)
                let answer = Answer(status: response.status, header: { response.header($0) }, body: response.body)
                #expect(
                    answer == item.response,
                    "\(item.name): \(item.request.method) \(item.request.target)\n  apus:      \(answer)\n  starlette: \(item.response)")
            }
        }
    }
}
