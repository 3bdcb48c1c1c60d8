import ApusCore
import ApusStaticFiles

// `StaticFilesBenchServer <port> <directory>`: the directory mounted at /static, nothing else, as run.sh's nginx
// serves it.
@main
struct StaticFilesBenchServer {
    static func main() async throws {
        let arguments = CommandLine.arguments
        let port = arguments.count > 1 ? Int(arguments[1]) ?? 8096 : 8096
        let directory = arguments.count > 2 ? arguments[2] : "."
        let app = App()
        app.mount("/static", try StaticFiles(directory: directory))
        await app.runOrExit(configuration: ServerConfiguration(host: "127.0.0.1", port: port, accessLog: false))
    }
}
