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

    func serve(_ accepted: AcceptedConnection) async {
        let channel = accepted.channel
        let remoteAddress = channel.remoteAddress
        let remoteHost = remoteAddress?.ipAddress
        let remotePort = remoteAddress?.port
        let parts = ConnectionRequestParts(bridge: accepted.bridge, executor: accepted.executor)
        while true {
            let head: HTTPRequestHead
            do {
                guard let next = try await parts.nextHead() else { break }
                head = next
            } catch {
                await self.answerProtocolError(error, on: channel)
                break
            }
            let keepAlive = await self.serveRequest(
                head: head,
                parts: parts,
                channel: channel,
                control: accepted.control,
                remoteHost: remoteHost,
                remotePort: remotePort
            )
            parts.responseCompleted()
            guard keepAlive else { break }
        }
        try? await channel.close()
    }

    /// Serves one request; returns whether the connection stays open for the next.
    private func serveRequest(
        head: HTTPRequestHead,
        parts: ConnectionRequestParts,
        channel: any Channel,
        control: ConnectionControl,
        remoteHost: String?,
        remotePort: Int?
    ) async -> Bool {
        let start = ContinuousClock.now
        let isHEAD = head.method == .HEAD
        guard let requestHead = Self.makeHTTPRequest(head) else {
            await self.answerProtocolError(HTTPParserError.invalidMethod, on: channel)
            return false
        }
        let declaredLength = head.headers.first(name: "content-length").flatMap { Int($0) }
        let isChunked = head.headers.contains(name: "transfer-encoding")
        // Without content-length or transfer-encoding a request has no body (RFC 9112 §6.3).
        let unreadLimit = isChunked ? nil : (declaredLength ?? 0)
        if head.version.minor >= 1, head.headers.first(name: "expect")?.lowercased() == "100-continue" {
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
        defer {
            if acquired, self.configuration.concurrencyLimit != nil { self.inFlight.release() }
        }

        var response: Response
        var forceClose = false
        if acquired {
            do {
                response = try await self.responder.respond(to: request)
            } catch {
                self.logger.error(
                    "Unhandled error in application",
                    metadata: ["error": "\(String(reflecting: error))", "path": "\(head.uri)"]
                )
                response = Self.plainTextResponse(.internalServerError, Self.internalServerError)
            }
        } else {
            response = Self.plainTextResponse(.serviceUnavailable, Self.serviceUnavailable)
            forceClose = true
        }

        var keepAlive = head.isKeepAlive && !control.shouldClose && !forceClose
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
        if self.configuration.accessLog, self.logger.logLevel <= .info {
            self.logAccess(head: head, connection: connection, status: response.status, start: start)
        }
        if let afterSend = response.afterSend {
            await afterSend()
        }
        if !written.completed {
            return false
        }
        if !keepAlive {
            await self.closeAfter(written.lastWrite, channel: channel, bodyLeft: !parts.bodyFinished)
            return false
        }
        return true
    }

    /// The outcome of writing a response.
    private struct WriteOutcome {
        var completed: Bool
        var lastWrite: EventLoopFuture<Void>?
    }

    private func write(
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
    private func closeAfter(_ lastWrite: EventLoopFuture<Void>?, channel: any Channel, bodyLeft: Bool) async {
        try? await lastWrite?.get()
        guard bodyLeft, channel.isActive else { return }
        try? await channel.close(mode: .output).get()
        let deadline = channel.eventLoop.scheduleTask(in: .seconds(1)) { channel.close(promise: nil) }
        _ = try? await channel.closeFuture.get()
        deadline.cancel()
    }

    private func answerProtocolError(_ error: any Error, on channel: any Channel) async {
        let response: Response
        switch error {
        case is HTTPHeadTooLargeError, HTTPParserError.headerOverflow:
            response = Self.plainTextResponse(.requestHeaderFieldsTooLarge, Self.headTooLarge)
        case is HTTPParserError:
            response = Self.plainTextResponse(.badRequest, Self.invalidRequest)
        default:
            return
        }
        guard channel.isActive else { return }
        let outcome = await self.write(response, isHEAD: false, keepAlive: false, httpVersion: .http1_1, on: channel)
        await self.closeAfter(outcome.lastWrite, channel: channel, bodyLeft: false)
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

    /// Converts NIO's parsed head to swift-http-types' `HTTPRequest` without Foundation URL parsing.
    static func makeHTTPRequest(_ head: HTTPRequestHead) -> HTTPRequest? {
        guard let method = HTTPRequest.Method(head.method.rawValue) else { return nil }
        var path = head.uri
        if !path.hasPrefix("/"), path != "*" {
            // absolute-form (RFC 9112 §3.2.2): keep only the path and query.
            let utf8 = Array(path.utf8)
            if let colon = utf8.firstIndex(of: UInt8(ascii: ":")), utf8[colon...].starts(with: "://".utf8) {
                let authorityStart = colon + 3
                let pathStart = utf8[authorityStart...].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") }
                path = pathStart.map { String(decoding: utf8[$0...], as: UTF8.self) } ?? "/"
                if path.hasPrefix("?") { path = "/" + path }
            }
        }
        var fields = HTTPFields()
        fields.reserveCapacity(head.headers.count)
        var authority: String?
        for (name, value) in head.headers {
            guard let fieldName = HTTPField.Name(name) else { continue }
            if authority == nil, fieldName.canonicalName == "host" { authority = value }
            fields.append(HTTPField(name: fieldName, value: value))
        }
        return HTTPRequest(method: method, scheme: nil, authority: authority, path: path, headerFields: fields)
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
