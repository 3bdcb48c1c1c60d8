#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
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
            entry.value = Self.format(now)
        }
        return entry.value
    }

    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func format(_ seconds: Int) -> String {
        var t = time_t(seconds)
        var parts = tm()
        gmtime_r(&t, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(weekdays[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }
}
