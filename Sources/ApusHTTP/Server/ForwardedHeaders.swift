import HTTPTypes

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
        self.trusted = Set(configuration.forwardedAllowIPs.map { $0.trimmingSpaces() })
    }

    func connectionInfo(remoteHost: String?, remotePort: Int?, headers: HTTPFields, rootPath: String) -> ConnectionInfo {
        var info = ConnectionInfo(remoteHost: remoteHost, remotePort: remotePort, scheme: "http", rootPath: rootPath)
        guard self.enabled, let remoteHost, self.trustsEveryone || self.trusted.contains(remoteHost) else {
            return info
        }
        if let proto = headers[.xForwardedProto] {
            let scheme = proto.split(separator: ",").last.map { String($0).trimmingSpaces().lowercased() } ?? ""
            if scheme == "http" || scheme == "https" || scheme == "ws" || scheme == "wss" {
                info.scheme = scheme
            }
        }
        if let forwardedFor = headers[.xForwardedFor] {
            let hops = forwardedFor.split(separator: ",").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
            let client: String?
            if self.trustsEveryone {
                client = hops.first
            } else {
                client = hops.last { !self.trusted.contains($0) } ?? hops.first
            }
            if let client {
                info.clientHost = client
                info.clientPort = nil
            }
        }
        return info
    }
}

extension HTTPField.Name {
    static let xForwardedFor = HTTPField.Name("x-forwarded-for")!
    static let xForwardedProto = HTTPField.Name("x-forwarded-proto")!
}

extension String {
    func trimmingSpaces() -> String {
        var slice = Substring(self)
        while slice.first == " " || slice.first == "\t" { slice.removeFirst() }
        while slice.last == " " || slice.last == "\t" { slice.removeLast() }
        return String(slice)
    }
}
