public import ApusCore
public import ApusEndpoints
import ApusHTTP

extension RouteRegistering {
    /// Adds a WebSocket route (FastAPI's `@app.websocket`): the handshake request's path, query, header and
    /// cookie parameters and dependencies are extracted and validated as for an HTTP endpoint, then `handler`
    /// gets the socket and the values.
    ///
    /// ```swift
    /// app.websocket("/ws/{room}", Path<String>("room"), Query<String?>("token")) { ws, room, token in
    ///     try await ws.accept()
    ///     for try await text in ws.textMessages {
    ///         try await ws.send(text: "\(room): \(text)")
    ///     }
    /// }
    /// ```
    ///
    /// As in FastAPI: a request that does not validate is accepted and closed at once with 1008, the error list
    /// (as JSON, whole errors that fit in a close frame) as the reason; an ``HTTPError`` thrown by a dependency
    /// (a missing API key, say) refuses the handshake with that HTTP response. Request-scoped dependencies stay
    /// open until the connection ends. The route is not in the OpenAPI document (OpenAPI has no WebSocket
    /// operations) and only a handshake request reaches it; a plain `GET` on its path is answered by a `GET` route
    /// there, if any, else 404.
    ///
    /// - Parameters:
    ///   - path: the path template, relative to the registrar's prefix.
    ///   - extractors: one per handler parameter after the socket, in order.
    ///   - configuration: message size limit, ping interval, close timeout.
    ///   - metadata: the route's name and other metadata.
    ///   - dependencies: dependencies run first, for their effect (FastAPI's `dependencies=`).
    ///   - file: where the route is registered (for error messages).
    ///   - line: where the route is registered.
    ///   - handler: serves the connection.
    public func websocket<each E: Extractor>(
        _ path: String,
        _ extractors: repeat each E,
        configuration: WebSocketConfiguration = WebSocketConfiguration(),
        metadata: RouteMetadata = RouteMetadata(),
        dependencies: [DependencyRequirement] = [],
        file: String = #fileID,
        line: Int = #line,
        handler: @escaping @Sendable (WebSocket, repeat (each E).Value) async throws -> Void
    ) {
        var metadata = metadata
        metadata.includeInSchema = false
        metadata.attachments[ValidationFailureResponseKey.self] = { invalid, request in
            WebSocketSession.upgradeResponse(for: request, configuration: configuration) { socket in
                try await socket.accept()
                throw invalid
            }
        }
        self.on(.webSocket)(
            path, RawRequest(), repeat each extractors, metadata: metadata, dependencies: dependencies, file: file, line: line
        ) { (request: Request, values: repeat (each E).Value) in
            let arguments = (repeat each values)
            return WebSocketSession.upgradeResponse(for: request, configuration: configuration) { socket in
                try await handler(socket, repeat each arguments)
            }
        }
    }
}

extension WebSocketSession {
    /// The answer to a handshake request at a WebSocket route: the HTTP refusal of an invalid one, or the
    /// upgrade that runs `handler` on the connection.
    static func upgradeResponse(
        for request: Request,
        configuration: WebSocketConfiguration,
        handler: @escaping @Sendable (WebSocket) async throws -> Void
    ) -> Response {
        switch WebSocketHandshake.acceptValue(for: request) {
        case .failure(let refusal):
            return WebSocketHandshake.response(for: refusal)
        case .success(let acceptValue):
            var response = Response(status: .switchingProtocols)
            response.upgrade = ConnectionUpgrade { handshake in
                let session = WebSocketSession(
                    request: request, acceptValue: acceptValue, configuration: configuration, handshake: handshake)
                await session.run(handler)
            }
            return response
        }
    }
}
