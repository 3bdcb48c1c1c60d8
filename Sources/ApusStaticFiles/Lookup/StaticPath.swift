/// The path a request asks for, cleaned as Starlette's `StaticFiles.get_path` cleans it: split on `/`, joined
/// again (so empty segments vanish and the result is relative), then `os.path.normpath` (`.` dropped, `a/..`
/// folded). What is left has no `..` except at its start, where it points above the root.
///
/// Cleaning is lexical and only makes the path shorter; whether the file it names is inside the root is decided
/// after symbolic links are resolved (``FileLookup``).
struct StaticPath: Equatable, Sendable {
    /// The cleaned relative path: `.` for the root itself.
    let relative: String

    /// Cleans `routePath`, the decoded path after the mount point (`/css/site.css`, or empty for the mount itself).
    init(routePath: String) {
        var joined = ""
        for component in routePath.split(separator: "/", omittingEmptySubsequences: false) {
            if !joined.isEmpty && !joined.hasSuffix("/") { joined += "/" }
            joined += component
        }
        self.relative = Self.normalize(joined)
    }

    init(relative: String) {
        self.relative = relative
    }

    /// `os.path.join(self, name)`, for `index.html` inside a directory.
    func appending(_ name: String) -> StaticPath {
        StaticPath(relative: self.relative.hasSuffix("/") ? self.relative + name : self.relative + "/" + name)
    }

    /// Starlette refuses paths that start with `/` or `\` (a Windows root); only the second can survive cleaning.
    var isRooted: Bool {
        self.relative.hasPrefix("/") || self.relative.hasPrefix("\\")
    }

    /// Python's `posixpath.normpath`.
    static func normalize(_ path: String) -> String {
        guard !path.isEmpty else { return "." }
        let leadingSlashes: Int
        if path.hasPrefix("//") && !path.hasPrefix("///") {
            leadingSlashes = 2
        } else {
            leadingSlashes = path.hasPrefix("/") ? 1 : 0
        }
        var components: [Substring] = []
        for component in path.split(separator: "/") where component != "." {
            if component != ".." || (leadingSlashes == 0 && components.isEmpty) || components.last == ".." {
                components.append(component)
            } else if !components.isEmpty {
                components.removeLast()
            }
        }
        let normalized = String(repeating: "/", count: leadingSlashes) + components.joined(separator: "/")
        return normalized.isEmpty ? "." : normalized
    }
}
