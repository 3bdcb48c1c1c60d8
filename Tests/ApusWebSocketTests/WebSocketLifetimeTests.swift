import Apus
import ApusTesting
import Foundation
import Logging
import NIOCore
import NIOWebSocket
import ServiceLifecycle
import Synchronization
import Testing
import WSClient

/// A count a server handler bumps and a test reads.
final class Counter: Sendable {
    private let value = Atomic(0)
    var count: Int { self.value.load(ordering: .relaxed) }
    func increment() { self.value.add(1, ordering: .relaxed) }
}

// Heavy (256 MiB offered to a stalled reader, rooms of busy sockets): beside the parallel suite it can starve its timing
// tests, so under `APUS_ISOLATE_HEAVY_TESTS=1` it runs in its own CI step.
@Suite("WebSocket lifetimes: slow readers, shutdown, rooms", .enabled(if: IsolatedTests.run))
struct WebSocketLifetimeTests {
    @Test("a client that never reads stalls the sender: sends wait, nothing piles up in memory")
    func slowReader() async throws {
        let sent = Counter()
        let app = App()
        // 4096 × 64 KiB = 256 MiB offered to a client that reads nothing.
        app.websocket("/firehose") { ws in
            try await ws.accept()
            let chunk = ByteBuffer(repeating: 0x61, count: 64 * 1024)
            for _ in 0..<4096 {
                try await ws.send(binary: chunk)
                sent.increment()
            }
        }
        try await app.test(.live) { client in
            let raw = try await RawWebSocketClient(port: try #require(client.port))
            #expect(try await raw.handshake("/firehose").hasPrefix("HTTP/1.1 101"))
            let baseline = PeakMemory.resetAndRead()
            try await Task.sleep(for: .seconds(1))
            let afterOneSecond = sent.count
            try await Task.sleep(for: .seconds(1))
            let afterTwoSeconds = sent.count
            let growthMiB = (PeakMemory.read() - baseline) / 1024
            print("slow reader: \(afterTwoSeconds) of 4096 messages (64 KiB) sent, peak RSS +\(growthMiB) MiB")
            // What went out sits in the kernel's socket buffers; the rest waits in the handler, unsent.
            #expect(afterTwoSeconds == afterOneSecond)
            #expect(afterTwoSeconds * 64 < 32 * 1024)
            if ProcessInfo.processInfo.environment["APUS_WEBSOCKET_MEMORY_PROOF"] == "1" {
                #expect(growthMiB < 32)
            }
            await raw.close()
        }
    }

    @Test("graceful shutdown closes open sockets with 1001, and waits for their handlers")
    func shutdownClosesWith1001() async throws {
        let finished = Flag()
        let app = App()
        app.websocket("/hold") { ws in
            try await ws.accept()
            try await ws.send(text: "ready")
            for try await _ in ws.messages {}
            finished.set()
        }
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let group = ServiceGroup(
            services: [
                app.service(configuration: ServerConfiguration(host: "127.0.0.1", port: 0, accessLog: false)) { portContinuation.yield($0) }
            ],
            logger: Logger(label: "test")
        )
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            let ready = Flag()
            let closeFrame = try await WebSocketClient.connect(url: "ws://127.0.0.1:\(port)/hold", logger: Logger(label: "test")) {
                inbound, _, _ in
                var messages = inbound.messages(maxSize: 1024).makeAsyncIterator()
                if case .text("ready") = try await messages.next() { ready.set() }
                await group.triggerGracefulShutdown()
                while try await messages.next() != nil {}
            }
            #expect(ready.isSet)
            #expect(closeFrame?.closeCode == .goingAway)
            #expect(closeFrame?.reason == "Server shutting down")
            try await tasks.waitForAll()
        }
        #expect(finished.isSet)
    }

    @Test("a room relays each message to every member; a member that does not read is dropped, the others get everything")
    func broadcastRooms() async throws {
        let rooms = Broadcast(queueLimit: 4)
        let app = App()
        app.websocket("/room/{name}", Path<String>("name"), configuration: WebSocketConfiguration(closeTimeout: .milliseconds(300))) {
            ws, name in
            try await rooms.join(name, ws) {
                try await ws.send(text: "joined")
                for try await text in ws.textMessages {
                    rooms.publish(.text(text), to: name)
                }
            }
        }
        try await app.test(.live) { client in
            // One member that reads nothing (its socket buffers fill, then its queue).
            let stuck = try await RawWebSocketClient(port: try #require(client.port))
            #expect(try await stuck.handshake("/room/a").hasPrefix("HTTP/1.1 101"))
            try await waitUntil { rooms.memberCount(of: "a") == 1 }
            let (received, _) = try await client.webSocket("/room/a") { ws in
                #expect(try await ws.receiveText() == "joined")
                let big = String(repeating: "x", count: 256 * 1024)
                var texts: [String] = []
                for index in 0..<40 {
                    try await ws.send(text: "\(index) \(big)")
                    texts.append(try await ws.receiveText())
                }
                return texts
            }
            #expect(received.count == 40)
            #expect(received.enumerated().allSatisfy { index, text in text.hasPrefix("\(index) ") })
            // The stuck member's queue overflowed: it was closed and left the room.
            try await waitUntil { rooms.memberCount(of: "a") == 0 }
            await stuck.close()
        }
        #expect(rooms.publish(.text("anyone?"), to: "a") == 0)
    }
}
