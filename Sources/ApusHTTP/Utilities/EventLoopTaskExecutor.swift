import NIOCore

/// Runs Swift concurrency jobs on a NIO event loop, so a connection's task and the channel it reads and writes
/// share one thread and no request pays for a hop between executors.
///
/// NIO's event loops are `SerialExecutor`s but not `TaskExecutor`s, which task executor preference needs; this
/// adapter is written by hand because no listed package provides it.
final class EventLoopTaskExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        self.eventLoop.execute {
            job.runSynchronously(on: self.asUnownedTaskExecutor())
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
