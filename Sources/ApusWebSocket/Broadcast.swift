import Synchronization

/// Rooms of WebSockets in this process: a socket joins a room for as long as a block runs, and a message
/// published to the room goes to every member (the publisher too).
///
/// ```swift
/// let rooms = Broadcast()
/// app.websocket("/ws/chat/{room}", Path<String>("room")) { ws, room in
///     try await ws.accept()
///     try await rooms.join(room, ws) {
///         for try await text in ws.textMessages {
///             rooms.publish(.text(text), to: room)
///         }
///     }
/// }
/// ```
///
/// Publishing never waits: each member has a queue of at most `queueLimit` messages, sent by a task of its
/// own, so one slow client neither delays the others nor grows memory without bound. A member whose queue
/// overflows is closed with 1013 (try again later) and leaves the room.
public final class Broadcast: Sendable {
    private struct Member: Sendable {
        let queue: AsyncStream<WebSocketMessage>.Continuation
        /// Signalled once when the queue overflows.
        let overflow: AsyncStream<Void>.Continuation
    }

    private struct Rooms {
        var members: [String: [UInt64: Member]] = [:]
        var nextID: UInt64 = 0
    }

    private let rooms = Mutex(Rooms())
    /// The most messages queued for one member.
    public let queueLimit: Int

    /// Creates an empty set of rooms.
    ///
    /// - Parameter queueLimit: the most messages queued for one member before it is disconnected.
    public init(queueLimit: Int = 256) {
        self.queueLimit = queueLimit
    }

    /// Runs `body` with `socket` a member of `room`; it leaves when `body` returns or throws (or its queue
    /// overflows). Messages published meanwhile are sent to it in publishing order.
    public func join<Value: Sendable>(
        _ room: String, _ socket: WebSocket, _ body: @Sendable () async throws -> Value
    ) async throws -> Value {
        let (queue, continuation) = AsyncStream.makeStream(of: WebSocketMessage.self, bufferingPolicy: .bufferingOldest(self.queueLimit))
        let (overflowSignal, overflow) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let id = self.rooms.withLock { rooms in
            let id = rooms.nextID
            rooms.nextID += 1
            rooms.members[room, default: [:]][id] = Member(queue: continuation, overflow: overflow)
            return id
        }
        defer { self.leave(room, id: id) }
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for await message in queue {
                    do {
                        try await socket.send(message)
                    } catch {
                        return
                    }
                }
            }
            group.addTask {
                // The sender may be stuck in a send to a client that reads nothing: closing (which drops the
                // connection after the close timeout) frees it.
                for await _ in overflowSignal {
                    await socket.close(code: .tryAgainLater, reason: "Send queue full")
                    return
                }
            }
            let value = try await body()
            continuation.finish()
            overflow.finish()
            group.cancelAll()
            return value
        }
    }

    /// Queues `message` for every member of `room`; returns how many members it was queued for.
    @discardableResult
    public func publish(_ message: WebSocketMessage, to room: String) -> Int {
        let members = self.rooms.withLock { rooms in rooms.members[room].map { Array($0.values) } ?? [] }
        var queued = 0
        for member in members {
            switch member.queue.yield(message) {
            case .enqueued:
                queued += 1
            case .dropped:
                member.queue.finish()
                member.overflow.yield()
            case .terminated:
                break
            @unknown default:
                break
            }
        }
        return queued
    }

    /// How many sockets are in `room`.
    public func memberCount(of room: String) -> Int {
        self.rooms.withLock { $0.members[room]?.count ?? 0 }
    }

    private func leave(_ room: String, id: UInt64) {
        let member = self.rooms.withLock { rooms -> Member? in
            let member = rooms.members[room]?.removeValue(forKey: id)
            if rooms.members[room]?.isEmpty == true {
                rooms.members[room] = nil
            }
            return member
        }
        member?.queue.finish()
    }
}
