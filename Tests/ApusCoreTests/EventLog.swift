import Synchronization

/// Records what happened, in order, from any task.
final class EventLog: Sendable {
    private let events = Mutex<[String]>([])

    func record(_ event: String) {
        self.events.withLock { $0.append(event) }
    }

    var all: [String] { self.events.withLock { $0 } }
}
