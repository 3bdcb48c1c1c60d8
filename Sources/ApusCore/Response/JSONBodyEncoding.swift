#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The one JSON encoder every `Encodable` response goes through, created once and shared (`JSONEncoder` is
/// thread-safe once configured). Its output matches Starlette's `JSONResponse` where Foundation allows: compact,
/// UTF-8 without `\u` escapes, `/` not escaped, dates as ISO 8601.
///
/// Known differences from Python: keys come out sorted, not in declaration order, and a whole-valued `Double` is
/// written `1`, not `1.0`. Models encoded by the models layer's own writer have neither.
enum JSONBodyEncoding {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        // Foundation's encoder keeps an object's keys in a hash table, so without `.sortedKeys` their order changes
        // from one process to the next; sorted is at least stable.
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    /// The JSON bytes of `value`.
    static func encode(_ value: some Encodable) throws -> ByteBuffer {
        ByteBuffer(bytes: try self.encoder.encode(value))
    }
}
