public import ApusCore

extension RouteRegistering {
    /// Serves `files` under `path`, as Starlette's `app.mount(path, StaticFiles(...))`: `/static/css/site.css`
    /// is `css/site.css` in the directory, and `/static` itself is redirected to `/static/` (the app's trailing-slash
    /// redirect).
    ///
    /// Every standard method is routed to the files, so that POST and the others get StaticFiles' own 405
    /// (`allow: GET, HEAD`). The routes are left out of the OpenAPI document, as Starlette's mounts are.
    ///
    /// - Parameters:
    ///   - path: the mount point, e.g. `/static`; `/` or empty mounts at the root.
    ///   - files: what to serve.
    ///   - name: the routes' name (Starlette's `name=`).
    ///   - file: where the mount is made (for route-table error messages).
    ///   - line: where the mount is made.
    public func mount(_ path: String, _ files: StaticFiles, name: String? = nil, file: String = #fileID, line: Int = #line) {
        var prefix = path
        while prefix.hasSuffix("/") { prefix.removeLast() }
        let metadata = RouteMetadata(name: name, includeInSchema: false)
        let location = SourceLocation(fileID: file, line: line)
        for method in StaticFiles.mountedMethods {
            self.add(
                Route(method: method, path: prefix + "/{path:path}", metadata: metadata, location: location) { request in
                    try await files.response(for: request, routePath: "/" + (request.pathParameters["path"] ?? ""))
                }
            )
        }
    }
}

extension StaticFiles {
    /// The methods a mount routes: RFC 9110's and PATCH. CONNECT is left out (its target is an authority, never a
    /// path); a request with another method gets the router's 405.
    static let mountedMethods: [HTTPRequest.Method] = [.get, .head, .post, .put, .patch, .delete, .options, .trace]
}
