public import ApusCore
import AsyncHTTPClient
import Logging
import ServiceLifecycle

extension App {
    /// Runs `body` with a client for this app, with the app's lifespan around it: startup hooks (and attached
    /// services) before, shutdown hooks after, even when `body` throws.
    ///
    /// - Parameters:
    ///   - mode: in process (no socket) or live (a real server on an ephemeral loopback port).
    ///   - configuration: the server configuration for live mode (its host and port are replaced).
    public func test<Value: Sendable>(
        _ mode: TestingMode,
        configuration: ServerConfiguration = ServerConfiguration(accessLog: false),
        _ body: (TestClient) async throws -> Value
    ) async throws -> Value {
        switch mode {
        case .inProcess:
            return try await self.testInProcess(body)
        case .live:
            return try await self.testLive(configuration: configuration, body)
        }
    }

    private func testInProcess<Value: Sendable>(_ body: (TestClient) async throws -> Value) async throws -> Value {
        let responder = try await self.start()
        let services = ServiceGroup(services: self.services, logger: self.logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            let result: Result<Value, any Error>
            do {
                result = .success(try await body(TestClient(transport: InProcessTransport(responder: responder, logger: self.logger))))
            } catch {
                result = .failure(error)
            }
            await services.triggerGracefulShutdown()
            try await group.waitForAll()
            await self.stop(responder)
            return try result.get()
        }
    }

    private func testLive<Value: Sendable>(
        configuration: ServerConfiguration,
        _ body: (TestClient) async throws -> Value
    ) async throws -> Value {
        var configuration = configuration
        configuration.host = "127.0.0.1"
        configuration.port = 0
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let server = ServiceGroup(
            services: [self.service(configuration: configuration) { port in portContinuation.yield(port) }],
            logger: self.logger
        )
        var clientConfiguration = HTTPClient.Configuration()
        clientConfiguration.redirectConfiguration = .disallow
        // Enough connections for a test's concurrent requests to reach the server at once (the client's default
        // is 8 per host).
        clientConfiguration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 128
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: clientConfiguration)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { portContinuation.finish() }
                try await server.run()
            }
            var result: Result<Value, any Error>
            var iterator = ports.makeAsyncIterator()
            if let port = await iterator.next() {
                do {
                    result = .success(try await body(TestClient(transport: LiveTransport(client: client, port: port))))
                } catch {
                    result = .failure(error)
                }
            } else {
                result = .failure(LiveServerDidNotStart())
            }
            try? await client.shutdown()
            await server.triggerGracefulShutdown()
            do {
                try await group.waitForAll()
            } catch {
                // The server's own error says more than the test's (a failed startup shows up as no port).
                result = .failure(error)
            }
            return try result.get()
        }
    }
}

/// The live server stopped before it reported its port (startup failed; the server's error says why).
struct LiveServerDidNotStart: Error {}
