#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension Response {
    /// A JSON response from any `Encodable`, written as Starlette writes it (see ``OrderedJSONEncoder``), with
    /// `content-type: application/json`.
    ///
    /// Headers follow Starlette's order: `headers` first, then `content-length`, then `content-type`.
    public static func json(
        _ value: some Encodable,
        status: HTTPResponse.Status = .ok,
        headers: HTTPFields = [:]
    ) throws -> Response {
        .bytes(try OrderedJSONEncoder.encode(value), mediaType: MediaType.json, status: status, headers: headers)
    }

    /// A `text/plain; charset=utf-8` response.
    public static func text(_ text: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        .bytes(ByteBuffer(string: text), mediaType: MediaType.plainText, status: status, headers: headers)
    }

    /// A `text/html; charset=utf-8` response.
    public static func html(_ html: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        .bytes(ByteBuffer(string: html), mediaType: MediaType.html, status: status, headers: headers)
    }

    /// A response of bytes already in memory with the given media type (`nil`: no `content-type`).
    ///
    /// Statuses that carry no body (1xx, 204, 304) get neither body nor `content-length`, as in Starlette.
    public static func bytes(
        _ bytes: ByteBuffer,
        mediaType: String?,
        status: HTTPResponse.Status = .ok,
        headers: HTTPFields = [:]
    ) -> Response {
        var fields = headers
        let noBody = status.code < 200 || status.code == 204 || status.code == 304
        if !noBody && fields[.contentLength] == nil {
            fields.append(HTTPField(name: .contentLength, value: String(bytes.readableBytes)))
        }
        if let mediaType, fields[.contentType] == nil {
            fields.append(HTTPField(name: .contentType, value: mediaType))
        }
        return Response(status: status, headers: fields, body: noBody ? .empty : ResponseBody(buffer: bytes))
    }

    /// A response with no body: `content-length: 0` unless the status forbids a body.
    public static func empty(status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        .bytes(ByteBuffer(), mediaType: nil, status: status, headers: headers)
    }

    /// A redirect (307 by default, which keeps the method and body) to `location`, sent as given (relative stays
    /// relative) with characters that may not appear in a URL percent-encoded, as Starlette's `RedirectResponse`.
    public static func redirect(
        to location: String,
        status: HTTPResponse.Status = .temporaryRedirect,
        headers: HTTPFields = [:]
    ) -> Response {
        var response = Response.empty(status: status, headers: headers)
        response.headers.append(HTTPField(name: .location, value: URLQuoting.quoteLocation(location)))
        return response
    }

    /// A streamed response: each buffer the sequence produces is sent as it is produced (chunked), and the
    /// producer stops when the client goes away.
    public static func stream<Buffers: AsyncSequence & Sendable>(
        _ buffers: Buffers,
        mediaType: String? = MediaType.octetStream,
        status: HTTPResponse.Status = .ok,
        headers: HTTPFields = [:]
    ) -> Response where Buffers.Element == ByteBuffer {
        .streamed(ResponseBody(asyncSequence: buffers), mediaType: mediaType, status: status, headers: headers)
    }

    /// A streamed response written by a closure; pass `contentLength` when it is known, otherwise it is chunked.
    public static func stream(
        mediaType: String? = MediaType.octetStream,
        contentLength: Int? = nil,
        status: HTTPResponse.Status = .ok,
        headers: HTTPFields = [:],
        _ write: @escaping ResponseBody.Writer
    ) -> Response {
        .streamed(ResponseBody(contentLength: contentLength, write), mediaType: mediaType, status: status, headers: headers)
    }

    private static func streamed(
        _ body: ResponseBody,
        mediaType: String?,
        status: HTTPResponse.Status,
        headers: HTTPFields
    ) -> Response {
        var fields = headers
        if let length = body.contentLength, fields[.contentLength] == nil {
            fields.append(HTTPField(name: .contentLength, value: String(length)))
        }
        if let mediaType, fields[.contentType] == nil {
            fields.append(HTTPField(name: .contentType, value: mediaType))
        }
        return Response(status: status, headers: fields, body: body)
    }

    /// Adds a `set-cookie` header for `cookie`.
    public mutating func setCookie(_ cookie: ResponseCookie) {
        self.headers.append(HTTPField(name: .setCookie, value: cookie.headerValue))
    }

    /// Adds a `set-cookie` header that makes the client drop cookie `name` (as Starlette's `delete_cookie`).
    public mutating func deleteCookie(_ name: String, path: String? = "/", domain: String? = nil) {
        self.setCookie(.deletion(of: name, path: path, domain: domain))
    }
}
