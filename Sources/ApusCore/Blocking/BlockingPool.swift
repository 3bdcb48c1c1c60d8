import NIOPosix
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Threads for work that blocks the thread it runs on: a synchronous library call (a driver, a file API, an SDK
/// without async), `sleep`, a long CPU loop. The Swift counterpart of the thread pool FastAPI runs `def`
/// endpoints on.
///
/// Handlers run on the event loops, which serve every connection: one blocking call there stalls every request
/// on that loop until it returns. Declare the route blocking (`app.get("/report", blocking: .shared) { ... }`, a
/// synchronous handler), give a dependency's provider `blocking: .shared`, or wrap the call:
///
/// ```swift
/// app.get("/report/{id}", Path<Int>("id")) { id in
///     let pdf = try await blocking { try LegacyReports.render(id) }   // synchronous, takes seconds
///     return Response(headers: [.contentType: "application/pdf"], body: ResponseBody(bytes: pdf))
/// }
/// ```
///
/// A pool has a fixed number of threads (``defaultThreadCount``, 40, as AnyIO's default limiter). When all are
/// busy, work waits in order for a free thread: it never runs on an event loop and never blocks one, and a request
/// whose task is cancelled (the server shutting down) while its work waits skips the work. Work that waits for
/// other work of the same pool, with the pool full, would wait forever: don't block on the pool from inside it.
public final class BlockingPool: Sendable {
    /// The number of threads of a pool made without saying: 40, as AnyIO (FastAPI's thread pool).
    public static let defaultThreadCount = 40

    /// How much lower than the event loops' the pool's threads are scheduled (Linux `nice` increment) unless
    /// said otherwise: 10, so that forty CPU-bound handlers on two cores cannot starve the loops that answer
    /// everything else, while still getting every cycle the loops leave.
    public static let defaultNiceness: Int32 = 19

    /// The number of threads.
    public let threadCount: Int
    /// The `nice` increment of the pool's threads (Linux; ignored elsewhere).
    public let niceness: Int32
    private let threads: NIOThreadPool

    /// Starts a pool of `threads` threads (at least one), scheduled `niceness` below the event loops.
    public init(threads: Int = BlockingPool.defaultThreadCount, niceness: Int32 = BlockingPool.defaultNiceness) {
        self.threadCount = max(1, threads)
        self.niceness = max(0, min(19, niceness))
        self.threads = NIOThreadPool(numberOfThreads: self.threadCount)
        self.threads.start()
    }

    private static let sharedPool = Mutex<BlockingPool?>(nil)

    /// The process's pool, which `blocking { }` and `blocking: .shared` use: made on first use with
    /// ``defaultThreadCount`` threads, or as ``configureShared(threads:)`` said before.
    public static var shared: BlockingPool {
        self.sharedPool.withLock { pool in
            if let pool { return pool }
            let made = BlockingPool()
            pool = made
            return made
        }
    }

    /// Sizes the shared pool. Call it at startup, before anything uses the pool; it throws if the pool exists with
    /// another size (its threads are already running work).
    public static func configureShared(threads: Int) throws(BlockingPoolError) {
        try self.sharedPool.withLock { (pool) throws(BlockingPoolError) in
            if let pool {
                guard pool.threadCount == max(1, threads) else {
                    throw BlockingPoolError.sharedPoolInUse(threadCount: pool.threadCount)
                }
                return
            }
            pool = BlockingPool(threads: threads)
        }
    }

    /// Runs `work` on one of the pool's threads and returns its result (or rethrows its error). The calling task
    /// is suspended meanwhile, so its event loop goes on serving other requests.
    public func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        let cancelled = CancellationFlag()
        return try await withTaskCancellationHandler {
            try await self.threads.runIfActive { [niceness] in
                // Cancelled while waiting for a thread: the caller is gone, so the work is not started.
                guard !cancelled.isSet else { throw CancellationError() }
                Self.lowerThreadPriority(to: niceness)
                return try work()
            }
        } onCancel: {
            cancelled.set()
        }
    }

    /// Sets the calling thread's nice value (on Linux a thread's own: the pool's threads only). Lowering a
    /// priority needs no privilege; a thread already there costs one system call.
    private static func lowerThreadPriority(to niceness: Int32) {
        #if os(Linux)
        guard niceness > 0 else { return }
        // `who` 0 is the calling thread: under NPTL the nice value is a thread's own (setpriority(2), BUGS).
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, niceness)
        #endif
    }

    /// Stops the pool's threads once the work given so far has run; later work throws.
    public func shutdown() async throws {
        try await self.threads.shutdownGracefully()
    }
}

/// A ``BlockingPool`` could not be configured.
public enum BlockingPoolError: Error, Sendable, Equatable, CustomStringConvertible {
    /// ``BlockingPool/configureShared(threads:)`` came after the shared pool was made, with another size.
    case sharedPoolInUse(threadCount: Int)

    public var description: String {
        switch self {
        case .sharedPoolInUse(let count):
            "the shared blocking pool is already running with \(count) threads; configure it before first use"
        }
    }
}

/// Runs `work`, which blocks its thread, on `pool` (by default the shared ``BlockingPool``), never on an event
/// loop; returns its result. FastAPI's `run_in_threadpool`.
public func blocking<T: Sendable>(on pool: BlockingPool = .shared, _ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await pool.run(work)
}

/// Set when the task waiting for a pool thread is cancelled.
private final class CancellationFlag: Sendable {
    private let flag = Atomic(false)

    var isSet: Bool { self.flag.load(ordering: .acquiring) }

    func set() {
        self.flag.store(true, ordering: .releasing)
    }
}
