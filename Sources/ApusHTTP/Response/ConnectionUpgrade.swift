public import HTTPTypes
public import NIOCore
import NIOHTTP1
import Synchronization

/// What answers a request that asks to switch protocols (`Connection: Upgrade`, RFC 9110 §7.8), in place of a
/// response: the server hands it an ``UpgradeHandshake`` on the connection's task, and it either accepts (the
/// server writes `101 Switching Protocols` and gives it the connection) or denies with an ordinary HTTP response.
///
/// A response carrying one is only honoured for a request that asked to upgrade; for any other the server
/// answers 500, since the route that made it is wrong.
public struct ConnectionUpgrade: Sendable {
    let run: @Sendable (UpgradeHandshake) async -> Void

    /// An upgrade that runs `run` with the handshake. `run` owns the connection until it returns; when it returns
    /// the connection is closed.
    public init(_ run: @escaping @Sendable (UpgradeHandshake) async -> Void) {
        self.run = run
    }
}

/// The server's side of a protocol switch in progress: ``accept(headers:configure:)`` or ``deny(_:)``, once.
public final class UpgradeHandshake: Sendable {
    private enum State {
        case pending
        case accepted
        case denied(HTTPResponse.Status)
    }

    private let channel: any Channel
    private let connection: HTTPConnection
    /// The header fields of the response that carried the upgrade (what middleware added: a cookie, say), sent
    /// with the 101 after the upgrade's own.
    private let responseHeaders: HTTPFields
    private let state = Mutex(State.pending)

    init(channel: any Channel, connection: HTTPConnection, responseHeaders: HTTPFields) {
        self.channel = channel
        self.connection = connection
        self.responseHeaders = responseHeaders
    }

    /// Writes `101 Switching Protocols` with `headers` (which name the new protocol: `upgrade`, `connection`,
    /// and what it needs) and those of the response that carried the upgrade, takes the HTTP handlers out of the channel's pipeline, and lets `configure` add the new
    /// protocol's handlers. Bytes the client sent after its request reach those handlers.
    ///
    /// `configure` runs on the channel's event loop, so it can use the pipeline's synchronous operations and
    /// wrap the channel (`NIOAsyncChannel(wrappingChannelSynchronously:)`); what it returns is returned here.
    ///
    /// - Throws: ``UpgradeHandshakeError/alreadyAnswered`` on a second answer; the channel's error if it closed
    ///   before the switch, or `configure`'s.
    public func accept<Value: Sendable>(
        headers: HTTPFields,
        configure: @escaping @Sendable (any Channel) throws -> Value
    ) async throws -> Value {
        try self.answer(.accepted)
        var fields = headers
        fields.append(contentsOf: self.responseHeaders)
        var buffer = self.channel.allocator.buffer(capacity: 256)
        ResponseHeadSerializer.write(
            status: .switchingProtocols,
            headers: fields,
            framing: .none,
            // The serializer writes `connection` itself (last), from this.
            connectionHeader: fields[.connection],
            serverHeader: self.connection.configuration.serverHeader,
            dateHeader: self.connection.configuration.dateHeader,
            into: &buffer
        )
        let channel = self.channel
        try await channel.writeAndFlush(buffer).get()
        return try await channel.eventLoop.submit {
            let pipeline = channel.pipeline.syncOperations
            // The HTTP parser stopped at the upgrade request and holds what followed it: new handlers go after it,
            // then it is removed, and (`.forwardBytes`) hands those bytes on to them.
            let decoder = try pipeline.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
            pipeline.removeHandler(try pipeline.handler(type: ConnectionByteGuard.self), promise: nil)
            pipeline.removeHandler(try pipeline.handler(type: HTTPRequestPartBridge.self), promise: nil)
            let value = try configure(channel)
            // The decoder hands its leftover bytes on as a read with no read-complete after it, and handlers that
            // deliver reads in batches (NIOAsyncChannel's) wait for one: without it, frames a client sent right behind
            // its handshake would sit there until its next packet, which a client waiting for an answer never sends.
            let removed = channel.eventLoop.makePromise(of: Void.self)
            removed.futureResult.assumeIsolated().whenSuccess { channel.pipeline.fireChannelReadComplete() }
            pipeline.removeHandler(decoder, promise: removed)
            // The part bridge may have held back a read (its buffer was full); the new handlers ask for their own.
            channel.read()
            return value
        }.get()
    }

    /// Answers with an HTTP response instead of switching (a refused WebSocket handshake, say), then closes.
    public func deny(_ response: Response) async {
        guard (try? self.answer(.denied(response.status))) != nil else { return }
        let outcome = await self.connection.write(
            response, isHEAD: false, keepAlive: false, httpVersion: .http1_1, on: self.channel)
        await self.connection.closeAfter(outcome.lastWrite, channel: self.channel, bodyLeft: false)
    }

    /// The status the handshake answered with (101 when accepted), or `nil` if it has not answered.
    var answeredStatus: HTTPResponse.Status? {
        self.state.withLock { state in
            switch state {
            case .pending: nil
            case .accepted: .switchingProtocols
            case .denied(let status): status
            }
        }
    }

    private func answer(_ answer: State) throws {
        try self.state.withLock { state in
            guard case .pending = state else { throw UpgradeHandshakeError.alreadyAnswered }
            state = answer
        }
    }
}

/// A misuse of ``UpgradeHandshake``.
public enum UpgradeHandshakeError: Error, Equatable {
    /// The handshake was accepted or denied already.
    case alreadyAnswered
}
