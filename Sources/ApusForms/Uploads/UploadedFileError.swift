/// A failure to store or read an upload.
public enum UploadedFileError: Error, Hashable, Sendable {
    /// The upload was read after ``UploadedFile/close()``.
    case closed
    /// A system call on the upload's temporary file failed.
    case io(operation: String, errno: Int32)
}
