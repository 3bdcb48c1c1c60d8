import Foundation

/// Tests that need the machine to themselves: the ones that start Python (interop with PyJWT, passlib) or keep
/// every core busy on purpose (hashes on the thread pool). Beside the whole parallel suite on a small machine they
/// starve the tests that time the server (keep-alive, write and head timeouts), so a CI run can leave them out of
/// the parallel suite and run them in a step of their own: `APUS_ISOLATE_HEAVY_TESTS=1 swift test`, then
/// `swift test --skip-build --filter ...` for them. Plain `swift test` runs everything.
///
/// ```swift
/// @Suite(.enabled(if: IsolatedTests.run)) struct PyJWTInteropTests { ... }
/// ```
public enum IsolatedTests {
    /// Whether the heavy tests run in this process: always, unless `APUS_ISOLATE_HEAVY_TESTS=1`.
    public static var run: Bool { ProcessInfo.processInfo.environment["APUS_ISOLATE_HEAVY_TESTS"] != "1" }
}
