public import Logging
import Synchronization

/// Keeps every log record, for tests that check what an app or the server logs.
///
/// ```swift
/// let logs = RecordedLogs()
/// let app = App(logger: logs.logger())
/// // ... make a request ...
/// #expect(logs.all.contains { $0.message == "Background task failed" })
/// ```
public final class RecordedLogs: Sendable {
    /// One log record, its metadata flattened to text.
    public struct Record: Sendable {
        public var level: Logger.Level
        public var message: String
        public var metadata: [String: String]
    }

    private let records = Mutex<[Record]>([])

    /// An empty record.
    public init() {}

    /// The records so far, in order.
    public var all: [Record] { self.records.withLock { $0 } }

    /// Adds a record.
    public func append(_ record: Record) {
        self.records.withLock { $0.append(record) }
    }

    /// A logger that records here, at `level` and above.
    public func logger(level: Logger.Level = .info) -> Logger {
        var logger = Logger(label: "apus.test") { _ in RecordingLogHandler(logs: self) }
        logger.logLevel = level
        return logger
    }
}

/// The log handler behind ``RecordedLogs/logger(level:)``.
struct RecordingLogHandler: LogHandler {
    let logs: RecordedLogs
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { self.metadata[key] }
        set { self.metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var flattened: [String: String] = [:]
        for (key, value) in self.metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) {
            flattened[key] = "\(value)"
        }
        self.logs.append(.init(level: event.level, message: "\(event.message)", metadata: flattened))
    }
}
