import Synchronization

/// Counts the requests being handled across the whole server, for ``ServerConfiguration/concurrencyLimit``.
final class InFlightRequests: Sendable {
    private let count = Atomic<Int>(0)

    /// Takes a slot if fewer than `limit` are taken.
    func tryAcquire(limit: Int) -> Bool {
        var current = self.count.load(ordering: .relaxed)
        while current < limit {
            let (exchanged, original) = self.count.compareExchange(
                expected: current,
                desired: current + 1,
                ordering: .acquiringAndReleasing
            )
            if exchanged { return true }
            current = original
        }
        return false
    }

    func release() {
        self.count.subtract(1, ordering: .acquiringAndReleasing)
    }
}
