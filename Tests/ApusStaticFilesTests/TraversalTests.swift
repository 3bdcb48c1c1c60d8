import ApusCore
import ApusStaticFiles
import ApusTesting
import Foundation
import Testing

/// Hostile paths (traversal_corpus.txt, plus names too long for the file system) against a root that sits beside a
/// secret file, a sibling directory whose name starts as the root's does, and symbolic links that point out; sent
/// over a real socket byte for byte, under each mount (plain, html mode, following links).
@Suite struct TraversalTests {
    static func corpus() throws -> [String] {
        let text = try String(
            contentsOf: StarletteMatrixTests.directory.appendingPathComponent("traversal_corpus.txt"), encoding: .utf8)
        let listed = text.split(separator: "\n").map(String.init).filter { !$0.isEmpty && !$0.hasPrefix("#") }
        // A name longer than NAME_MAX, and a path longer than PATH_MAX that climbs out at its end.
        let long = [
            String(repeating: "x", count: 300),
            String(repeating: "sub/", count: 1100) + String(repeating: "../", count: 1101) + "secret.txt",
        ]
        return listed + long
    }

    @Test func theCorpusHasAtLeastFiftyPaths() throws {
        #expect(try Self.corpus().count >= 50)
    }

    @Test func noHostilePathReachesOutsideTheRoot() async throws {
        let tree = try FixtureTree()
        let inside = try tree.contentsInsideRoot()
        let corpus = try Self.corpus()
        // What must never come back: both secrets' marker, and /etc/passwd's first field.
        let forbidden = [Array("TOP SECRET".utf8), Array("root:x:0:0".utf8)]
        try await StarletteMatrixTests.app(tree).test(.live) { client async throws in
            let port = try #require(client.port)
            var statuses: [Int: Int] = [:]
            for entry in corpus {
                for mount in ["static", "site", "follow"] {
                    let target = "/\(mount)/\(entry)"
                    let response = try await RawHTTPClient.send(port: port, method: "GET", target: Array(target.utf8))
                    let label = "\(target.prefix(120)) -> \(response.status)"
                    statuses[response.status, default: 0] += 1
                    #expect(response.status < 500, "\(label)")
                    // Starlette's follow_symlink rule: a link inside the root is followed wherever it points.
                    if mount == "follow" && entry.contains("link-") { continue }
                    for secret in forbidden {
                        #expect(!Self.bytes(response.body, contain: secret), "\(label) leaked \(String(decoding: secret, as: UTF8.self))")
                    }
                    if response.status == 200 {
                        #expect(inside.contains(response.body), "\(label) answered 200 with a body that is no file of the root")
                    }
                }
            }
            print("traversal corpus: \(corpus.count) paths x 3 mounts, statuses \(statuses.sorted { $0.key < $1.key })")
        }
    }

    static func bytes(_ haystack: [UInt8], contain needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}
