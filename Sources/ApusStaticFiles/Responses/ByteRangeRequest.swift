/// A `Range` header read as Starlette's `FileResponse` reads it (`_parse_range_header`): only `bytes`; parts that
/// are not `start-end`, `start-` or `-suffix` numbers are skipped; an end past the file is clamped; more than 100
/// parts means the whole file; several ranges are sorted and overlapping ones merged (a single one is kept as
/// asked).
enum ByteRangeRequest: Equatable {
    /// The ranges to send; empty means the whole file with 200 (over ``maximumRanges`` parts).
    case ranges([Range<Int64>])
    /// 400 with this text (`text/plain`).
    case malformed(String)
    /// 416 with `content-range: bytes */size`.
    case unsatisfiable

    /// Starlette's `max_ranges`.
    static let maximumRanges = 100

    /// Reads `header` for a file of `size` bytes.
    init(header: String, size: Int64) {
        let bytes = Array(header.utf8)[...]
        guard let equals = bytes.firstIndex(of: UInt8(ascii: "=")) else {
            self = .malformed("Malformed range header.")
            return
        }
        guard PythonHeaderText.lower(PythonHeaderText.strip(bytes[..<equals])) == Array("bytes".utf8) else {
            self = .malformed("Only support bytes range")
            return
        }
        let specifier = bytes[bytes.index(after: equals)...]
        let parts = PythonHeaderText.split(specifier, on: UInt8(ascii: ","))
        guard parts.count <= Self.maximumRanges else {
            self = .ranges([])
            return
        }
        let fileSize = Int(clamping: size)
        var ranges: [(start: Int, end: Int)] = []
        for part in parts {
            if let range = Self.range(PythonHeaderText.strip(part), fileSize: fileSize) {
                ranges.append(range)
            }
        }
        guard !ranges.isEmpty else {
            self = .malformed("Range header: range must be requested")
            return
        }
        guard ranges.allSatisfy({ 0 <= $0.start && $0.start < fileSize }) else {
            self = .unsatisfiable
            return
        }
        guard ranges.allSatisfy({ $0.start < $0.end }) else {
            self = .malformed("Range header: start must be less than end")
            return
        }
        guard ranges.count > 1 else {
            self = .ranges(ranges.map { Int64($0.start)..<Int64($0.end) })
            return
        }
        ranges.sort { ($0.start, $0.end) < ($1.start, $1.end) }
        var merged = [ranges[0]]
        for range in ranges.dropFirst() {
            if range.start <= merged[merged.count - 1].end {
                merged[merged.count - 1].end = max(merged[merged.count - 1].end, range.end)
            } else {
                merged.append(range)
            }
        }
        self = .ranges(merged.map { Int64($0.start)..<Int64($0.end) })
    }

    /// One `start-end` part (already stripped); `nil` for a part Starlette skips. The bounds may be negative or
    /// reversed here: the checks after parsing turn those into 416 or 400, as Starlette's do.
    private static func range(_ part: ArraySlice<UInt8>, fileSize: Int) -> (start: Int, end: Int)? {
        guard !part.isEmpty, part.elementsEqual("-".utf8) == false,
            let dash = part.firstIndex(of: UInt8(ascii: "-"))
        else { return nil }
        let startText = PythonHeaderText.strip(part[..<dash])
        let endText = PythonHeaderText.strip(part[part.index(after: dash)...])
        let start: Int
        if startText.isEmpty {
            guard let suffix = PythonHeaderText.int(endText) else { return nil }
            start = max(fileSize.subtractingSaturating(suffix), 0)
        } else {
            guard let value = PythonHeaderText.int(startText) else { return nil }
            start = value
        }
        var end = fileSize
        if !startText.isEmpty && !endText.isEmpty {
            guard let last = PythonHeaderText.int(endText) else { return nil }
            if last < fileSize { end = last + 1 }
        }
        return (start, end)
    }
}

extension Int {
    /// `self - other`, pinned to `Int`'s bounds instead of trapping (Python's integers have none).
    fileprivate func subtractingSaturating(_ other: Int) -> Int {
        let (difference, overflow) = self.subtractingReportingOverflow(other)
        guard overflow else { return difference }
        return other < 0 ? .max : .min
    }
}
