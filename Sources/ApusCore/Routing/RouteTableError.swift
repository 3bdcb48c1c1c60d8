/// The route table could not be built: a malformed path template, a duplicate route, a router included in itself.
/// Raised at startup (``App/build()``, ``App/run(configuration:)``), never while serving.
public struct RouteTableError: Error, Sendable, CustomStringConvertible {
    /// What is wrong, naming the routes involved and where they were registered.
    public var message: String

    /// Creates the error.
    public init(message: String) {
        self.message = message
    }

    public var description: String { self.message }
}
