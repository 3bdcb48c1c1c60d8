import ApusCore

// The minimal Apus app the benchmark drives: the same two endpoints as RawNIOServer, written as a user would.

struct Message: Encodable, Sendable {
    let message: String
}

@main
struct ApusBenchServer {
    static func main() async {
        let port = Int(CommandLine.arguments.dropFirst().first ?? "8080") ?? 8080
        let app = App()
        app.get("/plaintext") { _ in Response.text("Hello, World!") }
        app.get("/json") { _ in Message(message: "Hello, World!") }
        await app.runOrExit(configuration: ServerConfiguration(host: "127.0.0.1", port: port, accessLog: false))
    }
}
