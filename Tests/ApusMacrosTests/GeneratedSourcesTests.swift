import Foundation
import Testing

/// The regions of checked-in sources generated from one list are what the list renders to today.
///
/// A region sits between `// generated-begin: <name>` and `// generated-end: <name>` lines. After editing the list
/// (such as `FieldSpecArgument.all`), `APUS_REGENERATE_SOURCES=1 swift test --filter GeneratedSourcesTests`
/// rewrites the regions; without it, a region that differs fails here.
@Suite struct GeneratedSourcesTests {
    static let packageRoot = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let regenerates = ProcessInfo.processInfo.environment["APUS_REGENERATE_SOURCES"] == "1"

    @Test(arguments: FieldSpecArgumentSources.regions.map { ($0.path, $0.name) })
    func fieldSpecArgumentRegionIsCurrent(path: String, name: String) throws {
        let region = try #require(FieldSpecArgumentSources.regions.first { $0.path == path && $0.name == name })
        let url = Self.packageRoot.appending(path: path)
        let source = try String(contentsOf: url, encoding: .utf8)
        let (onDisk, replaced) = try Self.splice(region.text, named: name, into: source, path: path)
        if Self.regenerates {
            if onDisk != region.text { try replaced.write(to: url, atomically: true, encoding: .utf8) }
            return
        }
        #expect(
            onDisk == region.text,
            """
            \(path): the region '\(name)' is not what FieldSpecArgument's lists render; \
            run APUS_REGENERATE_SOURCES=1 swift test --filter GeneratedSourcesTests
            """)
    }

    struct MissingRegion: Error, CustomStringConvertible {
        var description: String
    }

    /// The region's current text in `source`, and `source` with `text` in its place.
    static func splice(_ text: String, named name: String, into source: String, path: String) throws -> (current: String, replaced: String)
    {
        var lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let isMarker = { (line: String, kind: String) in
            line.trimmingCharacters(in: .whitespaces).hasPrefix("// generated-\(kind): \(name)")
        }
        guard let begin = lines.firstIndex(where: { isMarker($0, "begin") }),
            let end = lines[begin...].firstIndex(where: { isMarker($0, "end") })
        else { throw MissingRegion(description: "\(path) has no '// generated-begin: \(name)' ... '// generated-end: \(name)' region") }
        let current = lines[(begin + 1)..<end].joined(separator: "\n")
        lines.replaceSubrange((begin + 1)..<end, with: [text])
        return (current, lines.joined(separator: "\n"))
    }
}
