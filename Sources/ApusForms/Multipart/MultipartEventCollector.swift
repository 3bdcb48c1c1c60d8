import NIOCore

/// Gathers what multipart-kit's synchronous `MultipartParser` callbacks report for one network buffer, so that
/// the async part of parsing (limits, spooling to disk) can handle it after `execute` returns.
///
/// multipart-kit reports body bytes in runs that stop at every `\r`; adjacent runs are joined here so that a
/// binary upload does not become thousands of tiny writes.
final class MultipartEventCollector {
    /// One callback.
    enum Event {
        case header(name: String, value: String)
        case body(ByteBuffer)
        case partComplete
    }

    private var events: [Event] = []
    private var pendingBody: ByteBuffer?

    func header(name: String, value: String) {
        self.flushBody()
        self.events.append(.header(name: name, value: value))
    }

    func body(_ buffer: inout ByteBuffer) {
        if self.pendingBody == nil {
            self.pendingBody = buffer
        } else {
            self.pendingBody?.writeBuffer(&buffer)
        }
    }

    func partComplete() {
        self.flushBody()
        self.events.append(.partComplete)
    }

    /// The events since the last call, in order.
    func drain() -> [Event] {
        self.flushBody()
        defer { self.events.removeAll(keepingCapacity: true) }
        return self.events
    }

    private func flushBody() {
        if let body = self.pendingBody {
            self.events.append(.body(body))
            self.pendingBody = nil
        }
    }
}
