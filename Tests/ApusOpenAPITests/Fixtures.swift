#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Files committed beside the tests: FastAPI's recorded answers (`Fixtures/`) and Apus's pinned documents
/// (`Snapshots/`).
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    /// The text of `Fixtures/<name>`.
    static func text(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent("Fixtures/" + name), encoding: .utf8)
    }

    /// The URL of `Snapshots/<name>`.
    static func snapshotURL(_ name: String) -> URL {
        directory.appendingPathComponent("Snapshots/" + name)
    }
}
