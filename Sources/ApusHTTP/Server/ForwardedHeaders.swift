import HTTPTypes
import NIOCore

/// Applies `X-Forwarded-For` and `X-Forwarded-Proto` from trusted proxies only, as uvicorn's
/// `ProxyHeadersMiddleware` does: the client is the right-most forwarded address that is not itself a trusted
/// proxy (or the left-most when every peer is trusted with `*`).
struct ForwardedHeaders: Sendable {
    let enabled: Bool
    let trustsEveryone: Bool
    let trusted: Set<String>

    init(configuration: ServerConfiguration) {
        self.enabled = configuration.proxyHeaders
        self.trustsEveryone = configuration.forwardedAllowIPs.contains("*")
        self.trusted = Set(configuration.forwardedAllowIPs.map { String(Substring($0).trimmingSpaces()) })
    }

    func connectionInfo(remoteHost: String?, remotePort: Int?, headers: HTTPFields, rootPath: String) -> ConnectionInfo {
        var info = ConnectionInfo(remoteHost: remoteHost, remotePort: remotePort, scheme: "http", rootPath: rootPath)
        guard self.enabled, let remoteHost, self.trustsEveryone || self.trusted.contains(remoteHost) else {
            return info
        }
        if let proto = headers[.xForwardedProto] {
            let scheme = proto.split(separator: ",").last.map { $0.trimmingSpaces().lowercased() } ?? ""
            if scheme == "http" || scheme == "https" || scheme == "ws" || scheme == "wss" {
                info.scheme = scheme
            }
        }
        if let forwardedFor = headers[.xForwardedFor] {
            let hops = forwardedFor.split(separator: ",").map { String($0.trimmingSpaces()) }.filter { !$0.isEmpty }
            let client: String?
            if self.trustsEveryone {
                client = hops.first
            } else {
                client = hops.last { !self.trusted.contains($0) } ?? hops.first
            }
            // Only an IP address can name the client: anything else in the header would reach the access log and
            // the application as if it were one (log forging).
            if let client, Self.isIPAddress(client) {
                info.clientHost = client
                info.clientPort = nil
            }
        }
        return info
    }
}

extension ForwardedHeaders {
    /// Whether `text` is an IPv4 or IPv6 address in its textual form (as `inet_pton` reads it).
    static func isIPAddress(_ text: String) -> Bool {
        (try? SocketAddress(ipAddress: text, port: 0)) != nil
    }
}

extension HTTPField.Name {
    static let xForwardedFor = HTTPField.Name("x-forwarded-for")!
    static let xForwardedProto = HTTPField.Name("x-forwarded-proto")!
}
