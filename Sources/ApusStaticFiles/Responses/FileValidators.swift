import ApusCore
import ApusWireFormats
import Crypto

/// The validators Starlette's `FileResponse` derives from a file's `stat`: `last-modified` from the modification
/// time, and an `etag` that is the MD5 of `"<st_mtime>-<st_size>"`, where `st_mtime` is written as Python's
/// `str(float)` (`"1700000000.0"`, `"1700000000.1234567"`), quoted.
struct FileValidators: Sendable {
    /// The quoted entity tag.
    let etag: String
    /// The IMF-fixdate modification time.
    let lastModified: String

    init(size: Int64, modificationSeconds: Int, modificationNanoseconds: Int) {
        // Python's `st_mtime`: seconds plus nanoseconds as one double, computed as CPython computes it.
        let mtime = Double(modificationSeconds) + Double(modificationNanoseconds) * 1e-9
        var text: [UInt8] = []
        PythonNumberText.appendPythonRepr(mtime, to: &text)
        text += "-\(size)".utf8
        let digest = Insecure.MD5.hash(data: text)
        let hexDigits = Array("0123456789abcdef".utf8)
        var etag: [UInt8] = [UInt8(ascii: "\"")]
        for byte in digest {
            etag.append(hexDigits[Int(byte >> 4)])
            etag.append(hexDigits[Int(byte & 0x0F)])
        }
        etag.append(UInt8(ascii: "\""))
        self.etag = String(decoding: etag, as: UTF8.self)
        self.lastModified = HTTPDate.format(secondsSince1970: Self.wholeSeconds(mtime))
    }

    /// The second `email.utils.formatdate` writes: it builds a `datetime`, which rounds the fraction to the nearest
    /// microsecond (ties to even) first, so 0.9999996 s past a second is the next second.
    static func wholeSeconds(_ mtime: Double) -> Int {
        guard mtime.isFinite, abs(mtime) < 1e15 else { return mtime > 0 ? Int(1e15) : Int(-1e15) }
        var seconds = mtime.rounded(.towardZero)
        var microseconds = ((mtime - seconds) * 1e6).rounded(.toNearestOrEven)
        if microseconds >= 1e6 {
            seconds += 1
        } else if microseconds < 0 {
            microseconds += 1e6
            seconds -= 1
        }
        return Int(seconds)
    }
}
