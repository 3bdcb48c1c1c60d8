import ApusCore
import ApusTesting

/// A response as its wire dump shows it, minus the server's `date` and `server` lines and the `connection` line
/// the dumps' `Connection: close` requests caused: `name: value` lines, a blank line, the body.
func wireText(_ response: TestResponse) -> String {
    let lines = response.headerLines.filter {
        !$0.hasPrefix("date: ") && !$0.hasPrefix("server: ") && !$0.hasPrefix("connection: ")
    }
    return "\(response.status.code) \(response.status.reasonPhrase)\n" + lines.joined(separator: "\n") + "\n\n" + response.text
}
