/// Finds the route for a request and runs it (router middleware, then handler), or answers 405, the trailing-slash
/// redirect or 404 when there is none.
final class RouteDispatcher: Sendable {
    /// A route ready to serve: its middleware chain around the handler, with errors rendered inside the router
    /// middleware so that it sees them as responses.
    struct CompiledRoute: Sendable {
        let responder: MiddlewareNext
        let parameterNames: [String]
        let template: String
        let metadata: RouteMetadata
    }

    private let routes: [CompiledRoute]
    private let trie: RouteTrie
    private let errorHandlers: ErrorHandlers
    private let redirectSlashes: Bool

    init(routes: [Route], trie: RouteTrie, errorHandlers: ErrorHandlers, redirectSlashes: Bool) {
        self.routes = routes.map { route in
            let handler = route.handler
            let endpoint: MiddlewareNext = { request in
                do {
                    return try await handler(request)
                } catch {
                    return try await errorHandlers.response(for: error, request: request)
                }
            }
            return CompiledRoute(
                responder: route.middleware.wrapping(endpoint),
                parameterNames: route.parameterNames,
                template: route.path,
                metadata: route.metadata
            )
        }
        self.trie = trie
        self.errorHandlers = errorHandlers
        self.redirectSlashes = redirectSlashes
    }

    func dispatch(_ request: Request) async throws -> Response {
        do {
            // A WebSocket handshake goes to the path's WebSocket route; a path without one answers it as HTTP.
            let webSocketMatch = request.isWebSocketUpgrade ? self.trie.resolve(request.rawPath, method: .webSocket) : nil
            guard let match = webSocketMatch ?? self.trie.resolve(request.rawPath, method: request.method) else {
                return try self.unmatched(request)
            }
            let route = self.routes[match.route]
            var request = request
            if !match.captures.isEmpty {
                // The captured ranges index `rawPath`, a slice of `target`, so they index `target` too.
                request.pathParameters = PathParameters(names: route.parameterNames, ranges: match.captures, source: request.target)
            }
            request.matchedPath = route.template
            request.routeMetadata = route.metadata
            return try await route.responder(request)
        } catch {
            return try await self.errorHandlers.response(for: error, request: request)
        }
    }

    /// Starlette's order: a path some route matches with another method is 405; else a trailing-slash twin that
    /// matches is a 307 to it; else 404.
    private func unmatched(_ request: Request) throws -> Response {
        let allowed = self.trie.allowedMethods(request.rawPath)
        if !allowed.isEmpty {
            throw HTTPError(
                .methodNotAllowed,
                headers: [.allow: allowed.map(\.rawValue).joined(separator: ", ")]
            )
        }
        if self.redirectSlashes, request.rawPath != "/" {
            let twin = request.rawPath.hasSuffix("/") ? String(request.rawPath.dropLast()) : request.rawPath + "/"
            if self.trie.matchesAnyRoute(twin[...]) {
                var location = "\(request.scheme)://\(request.host ?? "localhost")\(request.rootPath)\(twin)"
                if !request.rawQuery.isEmpty {
                    location += "?\(request.rawQuery)"
                }
                return .redirect(to: location)
            }
        }
        throw HTTPError(.notFound)
    }
}
