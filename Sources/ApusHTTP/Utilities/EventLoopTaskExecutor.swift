import NIOCore

/// Runs Swift concurrency jobs on a NIO event loop, so a connection's task and the channel it reads and writes
/// share one thread and no request pays for a hop between executors.
///
/// NIO's event loops are `SerialExecutor`s but not `TaskExecutor`s, which task executor preference needs; this
/// adapter is written by hand because no listed package provides it.
///
/// Jobs enqueued on the loop's own thread (every request resumes its connection's task from `channelRead`) are
/// queued here and run in batches by one loop task, instead of one `execute` each: per job, `execute` allocated a
/// closure and took the loop's task-queue lock twice, which profiling showed on the one-loop-per-core path.
final class EventLoopTaskExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    /// Jobs waiting for the next batch, and whether a loop task to run them is scheduled.
    private struct PendingJobs: Sendable {
        var jobs = CircularBuffer<UnownedJob>(initialCapacity: 64)
        var drainScheduled = false
    }

    private let pending: NIOLoopBoundBox<PendingJobs>

    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
        self.pending = .makeBoxSendingValue(PendingJobs(), eventLoop: eventLoop)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        guard self.eventLoop.inEventLoop else {
            self.eventLoop.execute {
                job.runSynchronously(on: self.asUnownedTaskExecutor())
            }
            return
        }
        let mustSchedule = self.pending.withValue { pending in
            pending.jobs.append(job)
            defer { pending.drainScheduled = true }
            return !pending.drainScheduled
        }
        if mustSchedule {
            self.eventLoop.execute { self.runPendingJobs() }
        }
    }

    /// Runs the jobs queued so far. Jobs they enqueue wait for the next batch (a new loop task), so a chain of
    /// jobs cannot keep the loop from its I/O.
    private func runPendingJobs() {
        var remaining = self.pending.withValue { $0.jobs.count }
        while remaining > 0, let job = self.pending.withValue({ $0.jobs.popFirst() }) {
            remaining -= 1
            // Run outside the box's access: the job may enqueue more jobs here.
            job.runSynchronously(on: self.asUnownedTaskExecutor())
        }
        let more = self.pending.withValue { pending in
            pending.drainScheduled = !pending.jobs.isEmpty
            return pending.drainScheduled
        }
        if more {
            self.eventLoop.execute { self.runPendingJobs() }
        }
    }
}

/// One task executor per event loop of a group, made once when the server starts.
struct EventLoopTaskExecutors: Sendable {
    private let executors: [ObjectIdentifier: EventLoopTaskExecutor]

    init(group: any EventLoopGroup) {
        var executors: [ObjectIdentifier: EventLoopTaskExecutor] = [:]
        for loop in group.makeIterator() {
            executors[ObjectIdentifier(loop)] = EventLoopTaskExecutor(loop)
        }
        self.executors = executors
    }

    func executor(for loop: any EventLoop) -> EventLoopTaskExecutor {
        self.executors[ObjectIdentifier(loop)] ?? EventLoopTaskExecutor(loop)
    }
}
