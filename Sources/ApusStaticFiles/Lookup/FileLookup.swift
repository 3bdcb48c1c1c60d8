#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What a lookup found: the file's full path (symbolic links resolved unless they are followed) and its `stat`.
struct FoundFile: Sendable {
    /// The path to open; its name also gives the content type.
    let path: String
    let isRegular: Bool
    let isDirectory: Bool
    let size: Int64
    let modificationSeconds: Int
    let modificationNanoseconds: Int
}

/// Starlette's `StaticFiles.lookup_path` and the decisions `get_response` makes with it, as blocking calls
/// (`realpath`, `stat`) for a thread of the blocking pool, never an event loop.
///
/// The containment rule is Starlette's: without `followSymlinks` the candidate's *resolved* path (every symbolic
/// link followed, `..` applied physically) must lie inside the resolved root, so a link that points out is not
/// served; with `followSymlinks` the candidate's *lexical* absolute path must lie inside the root's, and the file
/// is then opened through any links it has, wherever they point (Starlette's `follow_symlink=True`).
struct FileLookup: Sendable {
    /// A lookup's outcome, before the html-mode fallbacks.
    enum Outcome: Sendable {
        case found(FoundFile)
        /// No such file inside the root: html mode may still answer with `404.html`.
        case missing
        /// 404 at once (a name too long, a NUL byte, a symbolic-link loop).
        case notFound
        /// 401, as Starlette answers a `PermissionError`.
        case unauthorized
    }

    /// What the request gets.
    enum Resolution: Sendable {
        /// A file served as the answer (200, 206 or 304 after the request's validators).
        case file(FoundFile)
        /// html mode's `404.html`, sent whole with status 404.
        case notFoundPage(FoundFile)
        /// A directory with an `index.html` asked for without its trailing slash.
        case redirectToDirectory
        case notFound
        case unauthorized
    }

    /// The root as given.
    let directory: String
    let followSymlinks: Bool
    let html: Bool
    /// The root's resolved (or, following links, lexical absolute) path, when it could be made at setup.
    let resolvedRoot: String?

    init(directory: String, followSymlinks: Bool, html: Bool) {
        self.directory = directory
        self.followSymlinks = followSymlinks
        self.html = html
        self.resolvedRoot = Self.root(directory, followSymlinks: followSymlinks)
    }

    /// The whole of Starlette's `get_response` decision for the cleaned `path`.
    func resolve(_ path: StaticPath, requestPathEndsWithSlash: Bool) -> Resolution {
        switch self.lookup(path) {
        case .unauthorized: return .unauthorized
        case .notFound: return .notFound
        case .found(let file) where file.isRegular: return .file(file)
        case .found(let file) where file.isDirectory && self.html:
            switch self.lookup(path.appending("index.html")) {
            case .unauthorized: return .unauthorized
            case .notFound: return .notFound
            case .found(let index) where index.isRegular:
                return requestPathEndsWithSlash ? .file(index) : .redirectToDirectory
            case .found, .missing: break
            }
        case .found, .missing: break
        }
        guard self.html else { return .notFound }
        switch self.lookup(StaticPath(relative: "404.html")) {
        case .unauthorized: return .unauthorized
        case .found(let page) where page.isRegular: return .notFoundPage(page)
        case .found, .missing, .notFound: return .notFound
        }
    }

    /// Starlette's `lookup_path` for one directory.
    func lookup(_ path: StaticPath) -> Outcome {
        if path.isRooted { return .missing }
        // Python refuses a NUL in a path with ValueError, which Starlette answers with 404.
        if path.relative.utf8.contains(0) { return .notFound }
        guard let root = self.resolvedRoot ?? Self.root(self.directory, followSymlinks: self.followSymlinks) else {
            return .missing
        }
        let joined = root == "/" ? "/" + path.relative : root + "/" + path.relative
        let lexical = StaticPath.normalize(joined)
        let candidate: String
        if self.followSymlinks {
            candidate = lexical
        } else {
            switch Self.realPath(joined) {
            case .resolved(let resolved):
                candidate = resolved
            case .failed(let code):
                // Python's non-strict `realpath` would have carried on lexically; its `stat` then fails the same way
                // for a path inside the root, and a path outside is skipped before any `stat`.
                return Self.isInside(lexical, root: root) ? Self.outcome(forErrno: code) : .missing
            }
        }
        guard Self.isInside(candidate, root: root) else { return .missing }
        return Self.statFile(candidate)
    }

    private static func root(_ directory: String, followSymlinks: Bool) -> String? {
        if followSymlinks {
            guard !directory.hasPrefix("/") else { return StaticPath.normalize(directory) }
            guard let cwd = Self.currentDirectory() else { return nil }
            return StaticPath.normalize(cwd + "/" + directory)
        }
        if case .resolved(let resolved) = Self.realPath(directory) { return resolved }
        return nil
    }

    /// `os.path.commonpath([path, root]) == root` for normalized absolute paths.
    static func isInside(_ path: String, root: String) -> Bool {
        if root == "/" { return path.hasPrefix("/") }
        return path == root || (path.hasPrefix(root) && path.utf8.dropFirst(root.utf8.count).first == UInt8(ascii: "/"))
    }

    private static func outcome(forErrno code: Int32) -> Outcome {
        switch code {
        case ENOENT, ENOTDIR: .missing
        case EACCES, EPERM: .unauthorized
        // ENAMETOOLONG is Starlette's 404; anything else (ELOOP, EIO) is a 500 there, and a 404 here: a request
        // must not be able to make the server report an error for a path it made up.
        default: .notFound
        }
    }

    private enum RealPath {
        case resolved(String)
        case failed(errno: Int32)
    }

    private static func realPath(_ path: String) -> RealPath {
        guard let resolved = realpath(path, nil) else { return .failed(errno: errno) }
        defer { free(resolved) }
        return .resolved(String(cString: resolved))
    }

    private static func currentDirectory() -> String? {
        guard let cwd = getcwd(nil, 0) else { return nil }
        defer { free(cwd) }
        return String(cString: cwd)
    }

    private static func statFile(_ path: String) -> Outcome {
        var status = stat()
        guard stat(path, &status) == 0 else { return Self.outcome(forErrno: errno) }
        let type = status.st_mode & S_IFMT
        #if canImport(Darwin)
        let modified = status.st_mtimespec
        #else
        let modified = status.st_mtim
        #endif
        return .found(
            FoundFile(
                path: path,
                isRegular: type == S_IFREG,
                isDirectory: type == S_IFDIR,
                size: Int64(status.st_size),
                modificationSeconds: Int(modified.tv_sec),
                modificationNanoseconds: Int(modified.tv_nsec)
            )
        )
    }
}
