import Apus
import ExampleService
import Foundation

/// `swift run apus-example`: serves the example on http://127.0.0.1:8000 (`PORT` and `HOST` override).
@main
struct ExampleServer {
    static func main() async {
        let environment = ProcessInfo.processInfo.environment
        let configuration = ServerConfiguration(
            host: environment["HOST"] ?? "127.0.0.1",
            port: environment["PORT"].flatMap(Int.init) ?? 8000
        )
        await ExampleApp.make().runOrExit(configuration: configuration)
    }
}
