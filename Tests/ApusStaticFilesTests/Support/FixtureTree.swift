import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The tree every static-files test serves, made as starlette_static.py makes it: a copy of Fixtures in a fresh
/// temporary directory, three symbolic links in `root` (git keeps them poorly), and fixed modification times (git
/// keeps none), so ETags and `last-modified` are the same on every machine and in both runs.
///
/// ```
/// <scratch>/root/...               served
/// <scratch>/root/link-inside.txt   -> hello.txt
/// <scratch>/root/link-outside.txt  -> ../secret.txt
/// <scratch>/root/link-dir-outside  -> ..
/// <scratch>/secret.txt             never served (outside the root)
/// <scratch>/root-private/key.txt   never served (a sibling whose name starts as the root's does)
/// ```
final class FixtureTree {
    static let modificationNanoseconds: Int64 = 1_700_000_000 * 1_000_000_000
    static let fractionNanoseconds: Int64 = modificationNanoseconds + 123_456_789
    static let symbolicLinks = ["link-inside.txt": "hello.txt", "link-outside.txt": "../secret.txt", "link-dir-outside": ".."]
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    let scratch: String
    var root: String { self.scratch + "/root" }

    init() throws {
        let manager = FileManager.default
        self.scratch = manager.temporaryDirectory.appendingPathComponent("apus-static-\(UUID().uuidString)").path
        try manager.createDirectory(atPath: self.scratch, withIntermediateDirectories: true)
        for name in try manager.contentsOfDirectory(atPath: Self.fixtures.path) {
            try manager.copyItem(atPath: Self.fixtures.path + "/" + name, toPath: self.scratch + "/" + name)
        }
        for (name, target) in Self.symbolicLinks {
            try manager.createSymbolicLink(atPath: self.root + "/" + name, withDestinationPath: target)
        }
        let enumerator = manager.enumerator(atPath: self.scratch)
        while let relative = enumerator?.nextObject() as? String {
            let path = self.scratch + "/" + relative
            guard (try? manager.destinationOfSymbolicLink(atPath: path)) == nil else { continue }
            try Self.setModificationTime(path, nanoseconds: Self.modificationNanoseconds)
        }
        try Self.setModificationTime(self.root + "/fraction.txt", nanoseconds: Self.fractionNanoseconds)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: self.scratch)
    }

    /// Every regular file's contents inside the root, for telling "served from the root" from "leaked".
    func contentsInsideRoot() throws -> Set<[UInt8]> {
        var contents: Set<[UInt8]> = []
        let enumerator = FileManager.default.enumerator(atPath: self.root)
        while let relative = enumerator?.nextObject() as? String {
            let path = self.root + "/" + relative
            guard (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) == nil else { continue }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                contents.insert(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
            }
        }
        return contents
    }

    static func setModificationTime(_ path: String, nanoseconds: Int64) throws {
        let time = timespec(tv_sec: Int(nanoseconds / 1_000_000_000), tv_nsec: Int(nanoseconds % 1_000_000_000))
        let times = [time, time]
        guard utimensat(AT_FDCWD, path, times, 0) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }
}
