#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ApusWireFormats
import NIOPosix

/// The value of the `date` header (RFC 9110 IMF-fixdate), formatted at most once a second per thread.
///
/// Formatting a date per response is measurable at tens of thousands of requests per second; the cache is per
/// thread (each event loop has its own) so reading it needs no lock.
enum DateHeaderCache {
    // Each thread gets its own Entry from the thread-specific variable and only that thread ever reads or writes
    // it, so the unchecked conformance (required by ThreadSpecificVariable) cannot lead to a data race.
    private final class Entry: @unchecked Sendable {
        var second: Int = -1
        var value: String = ""
    }

    private static let entry = ThreadSpecificVariable<Entry>()

    static func current() -> String {
        let now = time(nil)
        let entry: Entry
        if let existing = Self.entry.currentValue {
            entry = existing
        } else {
            entry = Entry()
            Self.entry.currentValue = entry
        }
        if entry.second != now {
            entry.second = now
            entry.value = HTTPDate.format(secondsSince1970: now)
        }
        return entry.value
    }
}
