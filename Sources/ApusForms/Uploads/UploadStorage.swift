import NIOCore

/// Where an upload's bytes live once it is complete.
enum UploadStorage: Sendable {
    /// Small uploads, at most ``FormLimits/spoolThreshold`` bytes.
    case memory(ByteBuffer)
    /// Larger ones.
    case disk(TemporaryUploadFile)
}
