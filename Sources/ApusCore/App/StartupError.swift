/// A startup hook failed, so the app did not start serving.
public struct StartupError: Error, CustomStringConvertible {
    /// The error the hook threw.
    public var underlying: any Error

    /// Creates the error.
    public init(underlying: any Error) {
        self.underlying = underlying
    }

    public var description: String { "Application startup failed: \(self.underlying)" }
}
