import ApusCore
import ApusStaticFiles
import ApusTesting
import Foundation
import Testing

/// Where ApusStaticFiles deliberately answers differently from Starlette 1.10, one test each, with the reason.
///
/// Not tested here, by design or because the test machine cannot show it:
/// - `packages=` (static folders of Python packages) has no Swift counterpart; `directory` is the only source.
/// - The root's resolved path is computed once, when ``StaticFiles`` is made (Starlette resolves it per request),
///   so a root that is a symbolic link re-pointed while serving keeps serving the old target.
/// - A `PermissionError` while looking for `index.html` or `404.html` is a 500 in Starlette (only the first lookup
///   is inside its `try`); here it is the same 401 as for the file itself (the suite runs as root, which cannot
///   show it).
/// - `content-type` comes from ApusCore's ``ApusCore/MediaType/forFileName(_:)`` table, Python's from `mimetypes`
///   plus the machine's `/etc/mime.types`: `.gz` (`a.txt.gz` is `text/plain` with `gzip` encoding for Python),
///   `.map` and extensions only `/etc/mime.types` knows (`.xyz` → `chemical/x-xyz`) differ. The matrix uses
///   extensions both agree on.
@Suite struct StaticFilesDifferenceTests {
    /// Starlette re-raises an `OSError` it does not expect (a symbolic-link loop gives `ELOOP`), a 500; here a path
    /// the client made up can never produce a server error, so it is 404.
    @Test func aSymbolicLinkLoopIs404NotA500() async throws {
        let tree = try FixtureTree()
        try FileManager.default.createSymbolicLink(atPath: tree.root + "/loop", withDestinationPath: "loop")
        let app = App()
        app.mount("/static", try StaticFiles(directory: tree.root))
        app.mount("/follow", try StaticFiles(directory: tree.root, followSymlinks: true))
        try await app.test(.inProcess) { client async throws in
            for target in ["/static/loop", "/follow/loop", "/static/loop/x"] {
                let response = try await client.get(target)
                #expect(response.status == .notFound, "\(target)")
                #expect(response.text == #"{"detail":"Not Found"}"#)
            }
        }
    }

    /// A Starlette mount takes every method and its StaticFiles answers 405 `allow: GET, HEAD`; an Apus route is per
    /// method, so a mount registers the standard ones (``ApusCore/RouteRegistering/mount(_:_:name:file:line:)``) and
    /// a method outside them (WebDAV's PROPFIND) gets the router's 405, whose `allow` lists what the mount
    /// registered. Same status and body. (An "any method" route in ApusCore would remove this difference.)
    @Test func anExtensionMethodGetsTheRoutersAllow() async throws {
        let tree = try FixtureTree()
        let app = App()
        app.mount("/static", try StaticFiles(directory: tree.root))
        try await app.test(.inProcess) { client async throws in
            let response = try await client.execute(try #require(HTTPRequest.Method("PROPFIND")), "/static/hello.txt")
            #expect(response.status == .methodNotAllowed)
            #expect(response.text == #"{"detail":"Method Not Allowed"}"#)
            #expect(response.header("allow") == "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, TRACE")
        }
    }

    /// Starlette matches mounts against the decoded path, so `/static%2Fhello.txt` is `/static/hello.txt` there;
    /// Apus's router matches segments of the raw path (a `%2F` never separates segments), so it is 404.
    @Test func anEncodedSlashAfterTheMountPointIsNotTheMount() async throws {
        let tree = try FixtureTree()
        let app = App()
        app.mount("/static", try StaticFiles(directory: tree.root))
        try await app.test(.inProcess) { client async throws in
            #expect(try await client.get("/static%2Fhello.txt").status == .notFound)
            #expect(try await client.get("/static/hello.txt").status == .ok)
        }
    }
}
