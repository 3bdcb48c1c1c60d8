/// How ``TestClient`` reaches the app.
public enum TestingMode: Sendable {
    /// Requests go straight to the app's responder, in process, without a socket (FastAPI's `TestClient`).
    /// Streamed bodies are collected.
    case inProcess
    /// The app serves on an ephemeral loopback port and requests go over a real socket with AsyncHTTPClient.
    case live
}
