import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A plain TCP socket for clients NIO will not play: one that sends and then never reads (so the server's
/// responses pile up against a small receive buffer), or reads only when told to.
final class NonReadingSocket: Sendable {
    let descriptor: Int32

    init(port: Int, receiveBuffer: Int32 = 4096) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SocketFailure(call: "socket") }
        var size = receiveBuffer
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(fd)
            throw SocketFailure(call: "connect")
        }
        self.descriptor = fd
    }

    deinit { close(self.descriptor) }

    /// Sends what the socket takes now without blocking; returns how many bytes went.
    @discardableResult
    func sendWithoutBlocking(_ text: String) -> Int {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let result = bytes[sent...].withUnsafeBytes { send(self.descriptor, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if result <= 0 { break }
            sent += result
        }
        return sent
    }

    /// Shuts down the sending side (a half-close): the server sees the end of the request stream.
    func shutDownSending() {
        shutdown(self.descriptor, Int32(SHUT_WR))
    }

    /// Reads everything until the peer closes or `timeoutSeconds` pass without data; returns the bytes and
    /// whether the peer closed. The blocking reads run on a thread of their own, never on the cooperative pool
    /// (which the servers under test need).
    func readToEnd(timeoutSeconds: Int = 5) async -> (bytes: [UInt8], closed: Bool) {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: self.blockingReadToEnd(timeoutSeconds: timeoutSeconds)) }
            thread.start()
        }
    }

    private func blockingReadToEnd(timeoutSeconds: Int) -> (bytes: [UInt8], closed: Bool) {
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(self.descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(self.descriptor, $0.baseAddress, $0.count, 0) }
            if count == 0 { return (received, true) }
            if count < 0 {
                // ECONNRESET is the peer closing too, only less politely.
                return (received, errno == ECONNRESET)
            }
            received += chunk[..<count]
        }
    }
}

struct SocketFailure: Error {
    let call: String
}
