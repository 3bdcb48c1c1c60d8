import Foundation

/// The process's peak resident set size (`VmHWM` in `/proc/self/status`), in KiB: what the memory proofs (a
/// 200 MB upload, a 1 GiB file) bound. 0 where there is no `/proc`.
public enum PeakMemory {
    /// Resets the peak to the current size where the kernel allows it (`echo 5 > /proc/self/clear_refs`), so that
    /// tests running before this one do not hide its growth; then reads it.
    public static func resetAndRead() -> Int {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
        return read()
    }

    /// The peak so far, in KiB.
    public static func read() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return 0 }
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
}
