#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
public import ServiceLifecycle
import Logging
import Synchronization
package import UnixSignals

extension App {
    /// Serves the app until SIGTERM or SIGINT, as uvicorn does: builds the route table, runs the startup hooks,
    /// runs the attached services and the server in one `ServiceGroup`, and once the server has drained runs the
    /// shutdown hooks and returns.
    ///
    /// - Throws: ``RouteTableError`` before anything starts if the routes are inconsistent; ``StartupError`` if a
    ///   startup hook fails (shutdown hooks do not run then, as in Starlette); or what the server throws.
    public func run(configuration: ServerConfiguration = ServerConfiguration()) async throws {
        try await self.serve(configuration: configuration, gracefulShutdownSignals: [.sigterm, .sigint])
    }

    /// ``run(configuration:)`` for an executable's `main`: a failure is logged ("Application startup failed.
    /// Exiting.") and the process exits with status 3, as uvicorn; otherwise it returns after a graceful shutdown.
    public func runOrExit(configuration: ServerConfiguration = ServerConfiguration()) async {
        do {
            try await self.run(configuration: configuration)
        } catch {
            self.logger.critical("\(error)")
            self.logger.critical("Application startup failed. Exiting.")
            exit(3)
        }
    }

    /// The app as a swift-service-lifecycle service, to run inside a `ServiceGroup` of your own: it serves with
    /// `configuration` until the group shuts down gracefully. `onServerRunning` receives the bound port.
    public func service(
        configuration: ServerConfiguration,
        onServerRunning: (@Sendable (_ port: Int) async -> Void)? = nil
    ) -> some Service {
        AppService(app: self, configuration: configuration, onServerRunning: onServerRunning)
    }

    /// Serves until `gracefulShutdownSignals` (or the enclosing group) stop it; a second signal cancels what is
    /// still running. `package` so that tests can use signals of their own.
    package func serve(
        configuration: ServerConfiguration,
        gracefulShutdownSignals: [UnixSignal],
        onServerRunning: (@Sendable (_ port: Int) async -> Void)? = nil
    ) async throws {
        let responder = try await self.start()
        let server = HTTPServer(
            configuration: configuration,
            responder: responder,
            logger: self.logger,
            onServerRunning: onServerRunning
        )
        // The group traps no signals itself: the first signal starts a graceful shutdown, and a second one, as in
        // uvicorn, stops waiting for in-flight work (ServiceGroup wants graceful and cancelling signals disjoint).
        let group = ServiceGroup(services: self.services + [server], gracefulShutdownSignals: [], logger: self.logger)
        var serveError: (any Error)?
        do {
            try await withThrowingTaskGroup(of: ServeOutcome.self) { tasks in
                tasks.addTask {
                    try await group.run()
                    return .served
                }
                if !gracefulShutdownSignals.isEmpty {
                    tasks.addTask { [logger = self.logger] in
                        await Self.watchSignals(gracefulShutdownSignals, shuttingDown: group, logger: logger)
                    }
                }
                // Whichever ends first ends the other: serving ending stops the signal watcher, and a forced exit
                // cancels the group, which cancels every connection task (what they throw then is discarded).
                _ = try await tasks.next()
                tasks.cancelAll()
            }
        } catch {
            serveError = error
        }
        await self.stop(responder)
        if let serveError { throw serveError }
    }

    /// Builds the route table, runs the startup hooks (then the extensions') and returns the responder with the
    /// state they produced.
    package func start() async throws -> AppResponder {
        var state = self.state
        let (routes, trie, extensions) = try self.prepareRoutes(state: &state)
        let logger = self.logger
        let hooks = self.setup.withLock { $0.startupHooks }
        logger.info("Waiting for application startup.")
        do {
            for hook in hooks {
                try await hook(&state)
            }
            for appExtension in extensions {
                try await appExtension.startup(&state, logger: logger)
            }
        } catch {
            logger.error("Application startup failed", metadata: ["error": "\(String(reflecting: error))"])
            throw StartupError(underlying: error)
        }
        let responder = self.responder(routes: routes, trie: trie, state: state)
        logger.info("Application startup complete.")
        return responder
    }

    /// Runs the extensions' shutdown, then the shutdown hooks, with the state `responder` served with; a failing
    /// hook is logged and the rest run.
    package func stop(_ responder: AppResponder) async {
        let logger = self.logger
        let (hooks, extensions) = self.setup.withLock { ($0.shutdownHooks, $0.extensions) }
        logger.info("Waiting for application shutdown.")
        for appExtension in extensions.reversed() {
            await appExtension.shutdown(responder.state, logger: logger)
        }
        for hook in hooks {
            do {
                try await hook(responder.state)
            } catch {
                logger.error("Shutdown hook failed", metadata: ["error": "\(String(reflecting: error))"])
            }
        }
        logger.info("Application shutdown complete.")
    }
}

extension App {
    /// How serving ended.
    enum ServeOutcome: Sendable {
        case served
        /// A second shutdown signal arrived during a graceful shutdown.
        case forcedExit
        /// The signal watcher was cancelled because serving ended first.
        case signalsNoLongerWatched
    }

    /// Turns the first of `signals` into a graceful shutdown of `group` and returns at the second.
    static func watchSignals(_ signals: [UnixSignal], shuttingDown group: ServiceGroup, logger: Logger) async -> ServeOutcome {
        var received = 0
        for await signal in await UnixSignalsSequence(trapping: signals) {
            received += 1
            if received == 1 {
                logger.debug("Received \(signal): shutting down gracefully")
                await group.triggerGracefulShutdown()
            } else {
                logger.warning("Received \(signal) again: not waiting for in-flight requests")
                return .forcedExit
            }
        }
        return .signalsNoLongerWatched
    }
}

/// ``App/service(configuration:onServerRunning:)``: the app's whole lifespan as one service, whose graceful
/// shutdown is its parent group's.
private struct AppService: Service {
    let app: App
    let configuration: ServerConfiguration
    let onServerRunning: (@Sendable (_ port: Int) async -> Void)?

    func run() async throws {
        try await self.app.serve(configuration: self.configuration, gracefulShutdownSignals: [], onServerRunning: self.onServerRunning)
    }
}
