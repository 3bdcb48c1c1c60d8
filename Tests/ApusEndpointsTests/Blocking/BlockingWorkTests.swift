import Apus
import ApusTesting
import Foundation
import Synchronization
import Testing

/// The seeds' warning, shown and answered: a handler that blocks its thread stalls every request on its event
/// loop; declared blocking (or wrapped in `blocking { }`), it runs on the blocking pool and the loops stay free.
/// Serialized: the undeclared case blocks event loops on purpose, and the timed cases need the loops to themselves.
@Suite(.serialized) struct BlockingWorkTests {
    /// A flag any task can set.
    final class Flag: Sendable {
        private let value = Atomic(false)
        var isSet: Bool { self.value.load(ordering: .acquiring) }
        func set() { self.value.store(true, ordering: .releasing) }
    }

    /// Blocks the calling thread for `duration`: asleep, or spinning on the CPU.
    static func block(for duration: Duration, spinning: Bool) {
        if !spinning {
            Thread.sleep(forTimeInterval: Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
            return
        }
        let end = ContinuousClock.now + duration
        var counter: UInt64 = 0
        while ContinuousClock.now < end {
            counter &+= 1
        }
        precondition(counter > 0)
    }

    static func app() -> App {
        let app = App()
        app.get("/ping") { _ in "pong" }
        app.get("/blocking/sleep", blocking: .shared) { _ in
            Self.block(for: .seconds(1), spinning: false)
            return "slept"
        }
        app.get("/blocking/spin", Query<Int>("n"), blocking: .shared) { n in
            Self.block(for: .seconds(1), spinning: true)
            return n
        }
        app.get("/wrapped/sleep") { _ in
            try await blocking { Self.block(for: .seconds(1), spinning: false) }
            return "slept"
        }
        // The seeds' mistake: blocking inside an asynchronous handler, on the event loop.
        app.get("/undeclared/sleep") { _ in
            Self.block(for: .seconds(1), spinning: false)
            return "slept"
        }
        return app
    }

    /// Sends `count` requests to `path` at once and, meanwhile, from four clients, a `/ping` every 5 ms; returns the pings' latencies
    /// (sorted) and how long the blocking requests took in all.
    static func probe(_ client: TestClient, path: String, count: Int) async throws -> (pings: [Duration], all: Duration) {
        let start = ContinuousClock.now
        let done = Flag()
        return try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<count {
                group.addTask {
                    let response = try await client.get("\(path)?n=\(index)")
                    #expect(response.status == .ok, "\(path)")
                }
            }
            // Four pingers, so that a second yields enough latencies for a p99 that is not simply the maximum.
            let pingers = (0..<4).map { _ in
                Task {
                    var latencies: [Duration] = []
                    while !done.isSet {
                        let sent = ContinuousClock.now
                        let response = try await client.get("/ping")
                        #expect(response.text == #""pong""#)
                        latencies.append(ContinuousClock.now - sent)
                        try await Task.sleep(for: .milliseconds(5))
                    }
                    return latencies
                }
            }
            try await group.waitForAll()
            let all = ContinuousClock.now - start
            done.set()
            var latencies: [Duration] = []
            for pinger in pingers {
                latencies += try await pinger.value
            }
            return (latencies.sorted(), all)
        }
    }

    /// Opens the client's connections first (44 at once: the 40 requests and 4 pingers), so that what is timed
    /// is a server under load, not 44 TCP handshakes.
    static func warmUp(_ client: TestClient) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<44 {
                group.addTask { _ = try await client.get("/ping") }
            }
            try await group.waitForAll()
        }
    }

    static func p99(_ sorted: [Duration]) -> Duration {
        sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.99))]
    }

    @Test(.enabled(if: IsolatedTests.run), arguments: ["/blocking/sleep", "/blocking/spin", "/wrapped/sleep"])
    func fortyBlockingRequestsLeaveTheLoopsFree(path: String) async throws {
        try await Self.app().test(.live) { client async throws in
            try await Self.warmUp(client)
            let (pings, all) = try await Self.probe(client, path: path, count: 40)
            print(
                "\(path): 40 requests in \(all); \(pings.count) pings, p50 \(pings[pings.count / 2]),"
                    + " p99 \(Self.p99(pings)), max \(pings.last ?? .zero)")
            // Enough latencies that the p99 is not simply the slowest one.
            #expect(pings.count >= 100)
            #expect(Self.p99(pings) < .milliseconds(50), "\(path): \(pings)")
            // All 40 ran at once on the pool's 40 threads: about 1 s, not 40.
            #expect(all < .seconds(5))
        }
    }

    @Test(.enabled(if: IsolatedTests.run)) func withoutTheDeclarationTheLoopsStall() async throws {
        try await Self.app().test(.live) { client async throws in
            _ = try await client.get("/ping")
            let (pings, all) = try await Self.probe(client, path: "/undeclared/sleep", count: 4)
            print("/undeclared/sleep: 4 requests in \(all); \(pings.count) pings, max \(pings.last ?? .zero)")
            // Four 1 s sleeps on two event loops: a ping waits for the sleeps ahead of it on its loop.
            #expect((pings.last ?? .zero) > .milliseconds(500), "\(pings)")
        }
    }

    @Test func aFullPoolQueuesWorkInOrderWithoutDeadlock() async throws {
        let pool = BlockingPool(threads: 2)
        let order = EventLog()
        try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<8 {
                group.addTask {
                    try await pool.run {
                        Self.block(for: .milliseconds(20), spinning: false)
                        order.record("\(index)")
                        return index
                    }
                }
            }
            var results: [Int] = []
            for try await result in group { results.append(result) }
            #expect(results.sorted() == Array(0..<8))
        }
        #expect(order.all.count == 8)
        try await pool.shutdown()
        await #expect(throws: (any Error).self) { try await pool.run { 1 } }
    }

    @Test func workRethrowsItsErrorAndSkipsWhenCancelledWhileWaiting() async throws {
        struct Broken: Error {}
        let pool = BlockingPool(threads: 1)
        await #expect(throws: Broken.self) { try await pool.run { throw Broken() } }
        let ran = Flag()
        let occupied = Task { try await pool.run { Self.block(for: .milliseconds(300), spinning: false) } }
        try await Task.sleep(for: .milliseconds(50))
        let waiting = Task { try await pool.run { ran.set() } }
        try await Task.sleep(for: .milliseconds(50))
        waiting.cancel()
        await #expect(throws: CancellationError.self) { try await waiting.value }
        try await occupied.value
        #expect(!ran.isSet)
        try await pool.shutdown()
    }

    @Test func theSharedPoolIsSizedOnceAndReportsALateResize() throws {
        let threads = BlockingPool.shared.threadCount
        #expect(threads == BlockingPool.defaultThreadCount)
        #expect(throws: BlockingPoolError.sharedPoolInUse(threadCount: threads)) {
            try BlockingPool.configureShared(threads: threads + 1)
        }
        try BlockingPool.configureShared(threads: threads)
    }

    /// A dependency declared blocking runs on the pool, its cleanup too.
    struct LegacyDirectory: Dependency {
        let tenant: String
        let thread: String
        static let provider = DependencyProvider(Header<String>("x-tenant"), blocking: .shared) { tenant in
            LegacyDirectory(tenant: tenant, thread: Self.threadName())
        }

        static func threadName() -> String {
            Thread.current.name ?? "unnamed"
        }
    }

    @Routes struct ReportsAPI {
        /// A report made by a synchronous library.
        @GET("/reports/{id}", blocking: .shared)
        func report(id: Int) throws -> [String: String] {
            ["id": String(id), "thread": LegacyDirectory.threadName()]
        }
    }

    @Test func blockingDependenciesAndHandlersRunOnThePoolThreads() async throws {
        let app = App()
        app.include(ReportsAPI())
        app.get("/tenant", Depends<LegacyDirectory>(), blocking: .shared) { directory in
            ["tenant": directory.tenant, "dependency": directory.thread, "handler": LegacyDirectory.threadName()]
        }
        app.get("/missing-header", Depends<LegacyDirectory>()) { directory in directory.tenant }
        try await app.test(.live) { client async throws in
            let response = try await client.get("/tenant", headers: [HTTPField.Name("x-tenant")!: "acme"])
            let body = try JSONDecoder().decode([String: String].self, from: Data(response.text.utf8))
            #expect(body["tenant"] == "acme")
            // NIOThreadPool names its threads "TP-#n"; the event loops are "NIO-ELT-...".
            #expect(body["dependency"]?.hasPrefix("TP-") == true, "\(body)")
            #expect(body["handler"]?.hasPrefix("TP-") == true, "\(body)")
            let report = try JSONDecoder().decode([String: String].self, from: Data(try await client.get("/reports/7").text.utf8))
            #expect(report["id"] == "7")
            #expect(report["thread"]?.hasPrefix("TP-") == true, "\(report)")
            #expect(try await client.get("/reports/x").status == .unprocessableContent)
            // Validation still runs first, on the loop: a missing header is the usual 422.
            #expect(try await client.get("/missing-header").status == .unprocessableContent)
        }
    }
}
