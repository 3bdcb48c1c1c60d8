#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ApusCore
import ServiceLifecycle
import Synchronization
import Testing
import UnixSignals

/// A service that does not stop when asked to, only when cancelled, as a request that never finishes.
private struct StubbornService: Service {
    func run() async throws {
        try? await Task.sleep(for: .seconds(120))
    }
}

/// Set once serving has returned.
private final class Flag: Sendable {
    private let value = Atomic<Bool>(false)
    func set() { self.value.store(true, ordering: .relaxed) }
    var isSet: Bool { self.value.load(ordering: .relaxed) }
}

@Suite struct ShutdownSignalTests {
    @Test func secondShutdownSignalStopsWaitingForInFlightWork() async throws {
        let app = App()
        app.addService(StubbornService())
        let finished = Flag()
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        var configuration = ServerConfiguration(port: 0, accessLog: false)
        configuration.gracefulShutdownTimeout = .seconds(120)
        let serving = Task { [configuration] in
            try await app.serve(configuration: configuration, gracefulShutdownSignals: [.sigusr2]) { port in
                portContinuation.yield(port)
            }
        }
        let watcher = Task {
            try await serving.value
            finished.set()
        }
        var portIterator = ports.makeAsyncIterator()
        _ = await portIterator.next()
        kill(getpid(), SIGUSR2)
        try await Task.sleep(for: .milliseconds(300))
        // Graceful shutdown has begun and waits for the stubborn service.
        #expect(!finished.isSet)
        kill(getpid(), SIGUSR2)
        try await watcher.value
        #expect(finished.isSet)
    }
}
