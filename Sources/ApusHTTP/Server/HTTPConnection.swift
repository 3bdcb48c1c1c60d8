import ApusWireFormats
import HTTPTypes
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypesHTTP1

/// Serves the requests of one connection, in order: read a head, hand the request to the responder, write the
/// response, and go on while the connection is kept alive. Pipelined requests wait in the parser until the
/// response before them is written, so responses always leave in request order.
struct HTTPConnection: Sendable {
    let configuration: ServerConfiguration
    let responder: any HTTPResponder
    let logger: Logger
    let forwarded: ForwardedHeaders
    let inFlight: InFlightRequests

    /// A body left unread by the application is read and discarded, to keep the connection, when at most this
    /// many bytes of it remain; a larger remainder closes the connection instead.
    static let maxDrainBytes = 64 * 1024

    private static let serviceUnavailable = ByteBuffer(string: "Service Unavailable")
    private static let internalServerError = ByteBuffer(string: "Internal Server Error")
    private static let invalidRequest = ByteBuffer(string: "Invalid HTTP request received.")
    private static let headTooLarge = ByteBuffer(string: "Request Header Fields Too Large")
    private static let notImplemented = ByteBuffer(string: "Not Implemented")
    private static let requestTimeout = ByteBuffer(string: "Request Timeout")

    /// Serves the connection's requests. Each response's after-send work (background tasks, request-scoped
    /// cleanup) goes to `runAfterSend` once the response is out, and the connection goes on to its next request
    /// meanwhile, as uvicorn starts the next pipelined request once a response is sent.
    func serve(_ accepted: AcceptedConnection, runAfterSend: (@escaping @Sendable () async -> Void) -> Void) async {
        let channel = accepted.channel
        let remoteAddress = channel.remoteAddress
        let remoteHost = remoteAddress?.ipAddress
        let remotePort = remoteAddress?.port
        let parts = ConnectionRequestParts(
            bridge: accepted.bridge,
            executor: accepted.executor,
            bodyReadTimeout: self.configuration.bodyReadTimeout,
            minimumBodyDataRate: self.configuration.minimumBodyDataRate
        )
        while true {
            let head: HTTPRequestHead
            do {
                guard let next = try await parts.nextHead() else { break }
                head = next
            } catch {
                await self.answerProtocolError(error, on: channel)
                break
            }
            let served = await self.serveRequest(
                head: head,
                parts: parts,
                channel: channel,
                control: accepted.control,
                remoteHost: remoteHost,
                remotePort: remotePort
            )
            parts.responseCompleted()
            if let afterSend = served.afterSend {
                runAfterSend(afterSend)
            }
            if served.upgraded {
                // The connection spoke another protocol, whose handlers now fill the pipeline: nothing of HTTP's
                // may be written to it any more.
                try? await channel.close()
                return
            }
            guard served.keepAlive else { break }
            // Read the next request only once the responses so far have drained: a client that pipelines and never
            // reads would otherwise make the server queue every response.
            guard await parts.waitUntilWritable(timeout: self.configuration.responseWriteTimeout) else { break }
        }
        await self.finishConnection(channel)
    }

    /// Lets what is written reach the socket, then closes.
    private func finishConnection(_ channel: any Channel) async {
        // Let what is written reach the socket before closing (a client that half-closed still reads its answers),
        // but no longer than a client may leave answers unread.
        if channel.isActive {
            let flushed = channel.eventLoop.makePromise(of: Void.self)
            channel.writeAndFlush(channel.allocator.buffer(capacity: 0), promise: flushed)
            let deadline = self.configuration.responseWriteTimeout.map { timeout in
                channel.eventLoop.scheduleTask(in: TimeAmount(timeout)) { channel.close(promise: nil) }
            }
            try? await flushed.futureResult.get()
            deadline?.cancel()
        }
        try? await channel.close()
    }

    /// What serving one request leaves to the connection.
    private struct Served {
        /// Whether the connection stays open for the next request.
        var keepAlive: Bool
        /// The response's after-send work, to run now that it is out (and the connection closed if it must be).
        var afterSend: (@Sendable () async -> Void)?
        /// Whether the request was answered by a protocol upgrade, which has ended (the connection is done).
        var upgraded = false
    }

    /// Serves one request; returns whether the connection stays open for the next, and the work left to run.
    private func serveRequest(
        head: HTTPRequestHead,
        parts: ConnectionRequestParts,
        channel: any Channel,
        control: ConnectionControl,
        remoteHost: String?,
        remotePort: Int?
    ) async -> Served {
        // Read the clock only when the access log will use it.
        let start: ContinuousClock.Instant? = self.configuration.accessLog ? .now : nil
        let isHEAD = head.method == .HEAD
        let validated: ValidatedRequestHead
        switch RequestHeadValidation.validate(head, maxHeadSize: self.configuration.maxHeadSize) {
        case .success(let head):
            validated = head
        case .failure(let rejection):
            self.logger.debug("Refused request head", metadata: ["reason": "\(rejection)", "path": "\(head.uri)"])
            await self.answerProtocolError(rejection, on: channel, bodyMayFollow: true)
            return Served(keepAlive: false)
        }
        // CONNECT turns the connection into a tunnel, which this server does not offer; any other upgrade request
        // is answered as plain HTTP and parsing resumes after it.
        var mustClose = head.method == .CONNECT
        if validated.isUpgrade { parts.upgradeIgnored() }
        let requestHead = validated.request
        let declaredLength = validated.declaredLength
        // Without content-length or transfer-encoding a request has no body (RFC 9112 §6.3).
        let unreadLimit = validated.isChunked ? nil : (declaredLength ?? 0)
        if validated.expectsContinue {
            parts.expectContinue(on: channel)
        }
        let connection = self.forwarded.connectionInfo(
            remoteHost: remoteHost,
            remotePort: remotePort,
            headers: requestHead.headerFields,
            rootPath: self.configuration.rootPath
        )
        let request = HTTPServerRequest(
            head: requestHead,
            connection: connection,
            body: parts.body(declaredLength: declaredLength, defaultLimit: self.configuration.maxBodySize)
        )

        var acquired = true
        if let limit = self.configuration.concurrencyLimit {
            acquired = self.inFlight.tryAcquire(limit: limit)
        }
        // A request counts against the concurrency limit until its after-send work is done, as uvicorn counts a
        // request cycle until the application returns.
        let holdsSlot = acquired && self.configuration.concurrencyLimit != nil
        var slotHandedOver = false
        defer {
            if holdsSlot, !slotHandedOver { self.inFlight.release() }
        }

        var response: Response
        if acquired {
            do {
                response = try await self.responder.respond(to: request)
            } catch {
                if parts.bodyFailure == nil {
                    self.logger.error(
                        "Unhandled error in application",
                        metadata: ["error": "\(String(reflecting: error))", "path": "\(head.uri)"]
                    )
                }
                response = Self.plainTextResponse(.internalServerError, Self.internalServerError)
            }
        } else {
            response = Self.plainTextResponse(.serviceUnavailable, Self.serviceUnavailable)
            mustClose = true
        }
        if let failure = parts.bodyFailure {
            // The request itself was broken (or its body too slow): whatever the application made of the error,
            // the answer is the server's, and the connection cannot be trusted for another request.
            self.logger.debug("Request body could not be read", metadata: ["reason": "\(failure)", "path": "\(head.uri)"])
            response = Self.bodyFailureResponse(failure)
            mustClose = true
        }

        if response.upgrade != nil, !validated.isUpgrade {
            self.logger.error(
                "A route answered a request that did not ask to switch protocols with a protocol upgrade",
                metadata: ["path": "\(head.uri)"])
            response = Self.plainTextResponse(.internalServerError, Self.internalServerError)
        }
        if let upgrade = response.upgrade {
            let status = await self.runUpgrade(upgrade, headers: response.headers, on: channel, path: head.uri)
            if let start, self.logger.logLevel <= .info {
                self.logAccess(head: head, connection: connection, status: status, start: start)
            }
            let afterSend = self.afterSend(of: response, holdsSlot: holdsSlot, handedOver: &slotHandedOver)
            return Served(keepAlive: false, afterSend: afterSend, upgraded: status == .switchingProtocols)
        }

        if validated.isUpgrade, response.status.code >= 400, Self.asksForWebSocket(head) {
            // A refused WebSocket handshake ends the connection, as uvicorn's: the client opened it for a socket,
            // and its WebSocket API reports the failure and never sends another request on it. (A route that
            // answers the request as plain HTTP, ignoring the upgrade, keeps the connection, as RFC 9110 allows.)
            mustClose = true
        }
        var keepAlive = head.isKeepAlive && !control.shouldClose && !mustClose
        if !parts.bodyFinished {
            // The application did not read the whole body. A small known remainder is drained to keep the
            // connection; otherwise (or when the client is still waiting for 100 Continue) it is closed.
            if parts.awaitsContinue {
                parts.discardUnsentContinue()
                keepAlive = false
            } else if let unreadLimit, unreadLimit - parts.bodyBytesRead <= Self.maxDrainBytes {
                // nextHead() drains it.
            } else {
                keepAlive = false
            }
        }

        let written = await self.write(response, isHEAD: isHEAD, keepAlive: keepAlive, httpVersion: head.version, on: channel)
        if let start, self.logger.logLevel <= .info {
            self.logAccess(head: head, connection: connection, status: response.status, start: start)
        }
        let afterSend = self.afterSend(of: response, holdsSlot: holdsSlot, handedOver: &slotHandedOver)
        if !written.completed {
            return Served(keepAlive: false, afterSend: afterSend)
        }
        if !keepAlive {
            await self.closeAfter(written.lastWrite, channel: channel, bodyLeft: !parts.bodyFinished || parts.bodyFailure != nil)
            return Served(keepAlive: false, afterSend: afterSend)
        }
        return Served(keepAlive: true, afterSend: afterSend)
    }

    /// Whether the request's `Upgrade` field names the WebSocket protocol.
    private static func asksForWebSocket(_ head: HTTPRequestHead) -> Bool {
        head.headers["upgrade"].contains { value in
            value.split(separator: ",").contains { $0.trimmingHTTPWhitespace().lowercased() == "websocket" }
        }
    }

    /// The response's after-send work; when the request holds a concurrency slot, the work releases it at its end
    /// (`handedOver` set), since a request counts against the limit until its after-send work is done.
    private func afterSend(
        of response: Response, holdsSlot: Bool, handedOver: inout Bool
    ) -> (@Sendable () async -> Void)? {
        guard holdsSlot, let work = response.afterSend else { return response.afterSend }
        handedOver = true
        let inFlight = self.inFlight
        return {
            await work()
            inFlight.release()
        }
    }

    /// Runs a protocol upgrade to its end; returns the status it answered with (101 once it switched).
    private func runUpgrade(
        _ upgrade: ConnectionUpgrade, headers: HTTPFields, on channel: any Channel, path: String
    ) async -> HTTPResponse.Status {
        let handshake = UpgradeHandshake(channel: channel, connection: self, responseHeaders: headers)
        await upgrade.run(handshake)
        if let status = handshake.answeredStatus { return status }
        self.logger.error("A protocol upgrade neither switched nor refused the request", metadata: ["path": "\(path)"])
        await handshake.deny(Self.plainTextResponse(.internalServerError, Self.internalServerError))
        return .internalServerError
    }

    /// The outcome of writing a response.
    struct WriteOutcome {
        var completed: Bool
        var lastWrite: EventLoopFuture<Void>?
    }

    func write(
        _ response: Response,
        isHEAD: Bool,
        keepAlive: Bool,
        httpVersion: HTTPVersion,
        on channel: any Channel
    ) async -> WriteOutcome {
        let connectionHeader: String? =
            if !keepAlive { "close" } else if httpVersion.minor == 0 { "keep-alive" } else { nil }
        let status = response.status
        let body = response.body
        let framing: ResponseHeadSerializer.Framing
        if status.forbidsBody {
            framing = .none
        } else if let length = body.contentLength {
            framing = .length(length)
        } else {
            framing = isHEAD ? .none : .chunked
        }
        var buffer = channel.allocator.buffer(capacity: 256 + (body.buffer?.readableBytes ?? 0))
        ResponseHeadSerializer.write(
            status: status,
            headers: response.headers,
            framing: framing,
            connectionHeader: connectionHeader,
            serverHeader: self.configuration.serverHeader,
            dateHeader: self.configuration.dateHeader,
            into: &buffer
        )
        let sendsBody = !isHEAD && !status.forbidsBody
        if !body.isStreamed || !sendsBody {
            if sendsBody, var bytes = body.buffer {
                buffer.writeBuffer(&bytes)
            }
            // A kept-alive connection needs no completion signal for this write; skipping the future saves an
            // allocation per response.
            if keepAlive {
                channel.writeAndFlush(buffer, promise: nil)
                return WriteOutcome(completed: true, lastWrite: nil)
            }
            return WriteOutcome(completed: true, lastWrite: channel.writeAndFlush(buffer))
        }

        channel.write(buffer, promise: nil)
        var writer = ChannelResponseBodyWriter(channel: channel, chunked: framing.isChunked)
        var anyWriter: any ResponseBodyWriter = writer
        do {
            try await body.write(to: &anyWriter)
            // The writer was created above as a ChannelResponseBodyWriter and only ever reassigned by its own
            // mutating writes, so the cast cannot fail.
            writer = anyWriter as? ChannelResponseBodyWriter ?? writer
            if case .length(let expected) = framing, writer.bytesWritten != expected {
                self.logger.error("response body length did not match content-length; closing the connection")
                return WriteOutcome(completed: false, lastWrite: writer.lastWrite)
            }
            writer.finish()
            if writer.lastWrite == nil {
                writer.flush()
            }
            return WriteOutcome(completed: true, lastWrite: writer.lastWrite)
        } catch {
            // The head is already sent: the only honest signal left is to end the connection without the final
            // chunk, so the client sees an incomplete body rather than a truncated one that looks whole.
            if channel.isActive, !(error is CancellationError) {
                self.logger.error("response stream failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            return WriteOutcome(completed: false, lastWrite: nil)
        }
    }

    /// Lets the last write reach the socket, and, when the client may still be sending a body we did not read,
    /// keeps reading (and discarding) for a moment so that closing does not reset the connection before the
    /// client has read the response.
    func closeAfter(_ lastWrite: EventLoopFuture<Void>?, channel: any Channel, bodyLeft: Bool) async {
        try? await lastWrite?.get()
        guard bodyLeft, channel.isActive else { return }
        try? await channel.close(mode: .output).get()
        let deadline = channel.eventLoop.scheduleTask(in: .seconds(1)) { channel.close(promise: nil) }
        _ = try? await channel.closeFuture.get()
        deadline.cancel()
    }

    /// Answers a request the server refuses itself, then closes. `bodyMayFollow`: the client may still be sending
    /// a body, so the close lingers until it has read the answer.
    private func answerProtocolError(_ error: any Error, on channel: any Channel, bodyMayFollow: Bool = false) async {
        let response: Response
        switch error {
        case is HTTPHeadTooLargeError, HTTPParserError.headerOverflow, RequestHeadRejection.headTooLarge:
            response = Self.plainTextResponse(.requestHeaderFieldsTooLarge, Self.headTooLarge)
        case is HTTPParserError, RequestHeadRejection.invalid:
            response = Self.plainTextResponse(.badRequest, Self.invalidRequest)
        case RequestHeadRejection.unsupportedTransferCoding:
            response = Self.plainTextResponse(.notImplemented, Self.notImplemented)
        default:
            return
        }
        guard channel.isActive else { return }
        let outcome = await self.write(response, isHEAD: false, keepAlive: false, httpVersion: .http1_1, on: channel)
        await self.closeAfter(outcome.lastWrite, channel: channel, bodyLeft: bodyMayFollow)
    }

    private static func bodyFailureResponse(_ failure: RequestBodyReadError) -> Response {
        switch failure {
        case .malformed: Self.plainTextResponse(.badRequest, Self.invalidRequest)
        case .timedOut: Self.plainTextResponse(.requestTimeout, Self.requestTimeout)
        }
    }

    /// The server's own plain-text responses, with uvicorn's header order (type before length).
    private static func plainTextResponse(_ status: HTTPResponse.Status, _ body: ByteBuffer) -> Response {
        Response(
            status: status,
            headers: [.contentType: "text/plain; charset=utf-8", .contentLength: String(body.readableBytes)],
            body: ResponseBody(buffer: body)
        )
    }

    private func logAccess(head: HTTPRequestHead, connection: ConnectionInfo, status: HTTPResponse.Status, start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let millis = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        let client = connection.clientHost.map { host in connection.clientPort.map { "\(host):\($0)" } ?? host } ?? "-"
        self.logger.info(
            "\(client) - \"\(head.method.rawValue) \(head.uri) HTTP/\(head.version.major).\(head.version.minor)\" \(status.code)",
            metadata: [
                "method": "\(head.method.rawValue)",
                "path": "\(head.uri)",
                "status": "\(status.code)",
                "duration_ms": "\((millis * 1000).rounded() / 1000)",
                "client": "\(client)",
            ]
        )
    }
}

extension ResponseHeadSerializer.Framing {
    var isChunked: Bool {
        if case .chunked = self { return true }
        return false
    }
}

extension ChannelResponseBodyWriter {
    /// Flushes anything written without a flush (the head of an empty streamed body).
    mutating func flush() {
        self.channel.flush()
    }
}
