import ApusCore
import Synchronization

/// Work a request leaves to run after its response has been sent (FastAPI's `BackgroundTasks`): the handler
/// answers at once, and the e-mail is sent afterwards.
///
/// ```swift
/// app.post("/register", Body<UserIn>("user"), InjectedBackgroundTasks()) { user, tasks in
///     tasks.add("welcome e-mail") { try await mailer.sendWelcome(to: user.email) }
///     return Message(message: "OK")
/// }
/// ```
///
/// One per request, shared by the handler and every dependency that asks for it. As in FastAPI:
/// - The tasks run once the response is out, one after another in the order they were added, and before the
///   cleanup of request-scoped dependencies (so a task can still use the database session a dependency opened).
/// - They run only when the request succeeds: a handler or dependency that throws leaves its tasks unrun.
/// - A failing task is logged (with the request's method and path) and the tasks after it still run; the response,
///   already sent, is not changed.
/// - They run in the server process, not in a queue: a task is not retried and does not survive a crash. Graceful
///   shutdown waits for running tasks, up to the shutdown timeout, after which they are cancelled.
/// - The connection serves its next request meanwhile; a request with tasks still running counts against the
///   server's concurrency limit.
///
/// A task that blocks its thread (a synchronous library call, a long CPU loop) belongs in ``blocking(_:)``.
public final class BackgroundTasks: Sendable {
    /// One task waiting for the response to be sent.
    struct Entry: Sendable {
        let name: String
        let work: @Sendable () async throws -> Void
    }

    private let entries = Mutex<[Entry]>([])

    init() {}

    /// Adds `work`, to run after the response has been sent and after the tasks added before it.
    ///
    /// - Parameters:
    ///   - name: how the task is named in the log if it fails.
    ///   - work: the task.
    public func add(_ name: String = "background task", _ work: @escaping @Sendable () async throws -> Void) {
        self.entries.withLock { $0.append(Entry(name: name, work: work)) }
    }

    /// How many tasks are waiting.
    public var count: Int { self.entries.withLock { $0.count } }

    /// Takes the tasks added so far (a task added while they run joins the next call).
    func takeAll() -> [Entry] {
        self.entries.withLock { entries in
            defer { entries = [] }
            return entries
        }
    }

    /// Runs every task, in order, logging failures; tasks added while they run are run too.
    func run(for request: Request) async {
        var batch = self.takeAll()
        while !batch.isEmpty {
            for entry in batch {
                do {
                    try await entry.work()
                } catch {
                    request.logger.error(
                        "Background task failed",
                        metadata: [
                            "task": "\(entry.name)",
                            "method": "\(request.method.rawValue)",
                            "path": "\(request.rawPath)",
                            "error": "\(String(reflecting: error))",
                        ]
                    )
                }
            }
            batch = self.takeAll()
        }
    }
}

/// Injects the request's ``BackgroundTasks`` (FastAPI's `background_tasks: BackgroundTasks` parameter), into a
/// handler or a dependency. Not validated and not documented.
public struct InjectedBackgroundTasks: Extractor {
    public typealias Value = BackgroundTasks

    /// The request's background tasks.
    public init() {}

    public func register(in plan: inout EndpointPlan) {
        plan.requireRequest(for: "background tasks")
    }

    public func extract(from context: inout ExtractionContext) async throws -> BackgroundTasks? {
        if let tasks = context.backgroundTasks { return tasks }
        let tasks = BackgroundTasks()
        context.backgroundTasks = tasks
        return tasks
    }
}
