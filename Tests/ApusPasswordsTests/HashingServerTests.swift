import Foundation
import ApusCore
import ApusPasswords
import ApusTesting
import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import Synchronization
import Testing

/// Hashing runs on the thread pool, not on the server's event loops: while eight hash requests run on a live
/// server, a plain GET on the same server still answers within 50 ms.
///
/// The 50 ms bound is the proof, run alone (`APUS_HASHING_LATENCY_PROOF=1 swift test --skip-build --filter
/// HashingServerTests`, as `.ci/run` does): beside the whole suite's parallel tests on two cores, a GET waits for
/// the CPU, not for hashing. There the bound is 1 s, which still fails if hashes ran on an event loop (a GET
/// would then wait behind several 0.5 s hashes).
@Suite(.enabled(if: IsolatedTests.run)) struct HashingServerTests {
    static let isProof = ProcessInfo.processInfo.environment["APUS_HASHING_LATENCY_PROOF"] == "1"
    static let bound: Duration = isProof ? .milliseconds(50) : .seconds(1)

    /// Counts the hash requests begun and ended, so the test knows its GETs ran while hashing did.
    final class HashProgress: Sendable {
        let started = Atomic<Int>(0)
        let finished = Atomic<Int>(0)
    }

    static let hashRequests = 8
    static let plainRequests = 10

    @Test func plainGetAnswersWithin50msWhileEightHashesRun() async throws {
        // ln=15 (32 MiB) takes about 0.5 s per hash in a debug build: eight on a two-thread pool keep it busy for
        // about two seconds, far longer than the ten GETs below need.
        let hasher = try PasswordHasher(configuration: .init(scrypt: ScryptParameters(logN: 15, blockSize: 8, parallelism: 1)))
        let progress = HashProgress()
        let app = App()
        app.get("/hash") { _ in
            progress.started.add(1, ordering: .relaxed)
            defer { progress.finished.add(1, ordering: .relaxed) }
            return try await hasher.hash("correct horse battery staple")
        }
        app.get("/ping") { _ in "pong" }
        app.get("/host") { request in request.header("host") ?? "" }

        try await app.test(.live) { client async throws in
            // The test client's connection pool holds eight connections, all taken by the hash requests: the GETs
            // go through a client of their own, to the same server.
            let host = try await client.get("/host").json(String.self)
            let pinger = HTTPClient(eventLoopGroupProvider: .singleton)
            let result: Result<[Duration], any Error>
            do {
                try await Self.ping(pinger, host: host)  // connect once, outside the measurement
                result = .success(try await Self.measurePlainRequests(client: client, pinger: pinger, host: host, progress: progress))
            } catch {
                result = .failure(error)
            }
            try await pinger.shutdown()
            let latencies = try result.get()
            let slowest = try #require(latencies.max())
            print("plain GET while \(Self.hashRequests) hashes run: slowest \(slowest) of \(latencies)")
            #expect(slowest < Self.bound)
        }
        #expect(progress.finished.load(ordering: .relaxed) == Self.hashRequests)
    }

    /// Sends the hash requests, and once all have started, the plain GETs one after another, each timed.
    private static func measurePlainRequests(
        client: TestClient, pinger: HTTPClient, host: String, progress: HashProgress
    ) async throws -> [Duration] {
        try await withThrowingTaskGroup(of: Void.self) { hashes in
            for _ in 0..<Self.hashRequests {
                hashes.addTask {
                    let response = try await client.get("/hash")
                    #expect(response.status == .ok)
                    #expect(try response.json(String.self).hasPrefix("$scrypt$ln=15,r=8,p=1$"))
                }
            }
            while progress.started.load(ordering: .relaxed) < Self.hashRequests {
                try await Task.sleep(for: .milliseconds(5))
            }
            var latencies: [Duration] = []
            for _ in 0..<Self.plainRequests {
                latencies.append(try await ContinuousClock().measure { try await Self.ping(pinger, host: host) })
                try await Task.sleep(for: .milliseconds(10))
            }
            // The measurement counts only if hashing was still going on when it ended.
            #expect(progress.finished.load(ordering: .relaxed) < Self.hashRequests)
            try await hashes.waitForAll()
            return latencies
        }
    }

    private static func ping(_ client: HTTPClient, host: String) async throws {
        let response = try await client.execute(HTTPClientRequest(url: "http://\(host)/ping"), timeout: .seconds(5))
        #expect(response.status == .ok)
        #expect(String(buffer: try await response.body.collect(upTo: 1024)) == #""pong""#)
    }
}
