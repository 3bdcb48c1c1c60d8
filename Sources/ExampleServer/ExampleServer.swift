import ExampleService

@main
struct ExampleServer {
    static func main() async throws {}
}
