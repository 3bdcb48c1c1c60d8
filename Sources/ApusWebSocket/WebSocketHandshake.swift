import ApusCore
import ApusWireFormats
import Crypto
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The server's side of the opening handshake (RFC 6455 §4.2): what a valid request carries and the accept key.
enum WebSocketHandshake {
    /// What a handshake request is missing, answered over HTTP before any WebSocket code runs.
    enum Refusal: Error, Equatable {
        /// `Sec-WebSocket-Version` is not 13: 426 with `Sec-WebSocket-Version: 13` (§4.2.2).
        case unsupportedVersion
        /// `Sec-WebSocket-Key` is missing or not 16 bytes in base64: 400.
        case invalidKey
    }

    /// The value of `Sec-WebSocket-Accept` for `request`'s key, or why the request is not a valid handshake.
    static func acceptValue(for request: Request) -> Result<String, Refusal> {
        guard request.headers[.secWebSocketVersion].map({ String($0.trimmingHTTPWhitespace()) }) == "13" else {
            return .failure(.unsupportedVersion)
        }
        guard let key = request.headers[.secWebSocketKey].map({ String($0.trimmingHTTPWhitespace()) }),
            let decoded = Data(base64Encoded: key), decoded.count == 16
        else {
            return .failure(.invalidKey)
        }
        let digest = Insecure.SHA1.hash(data: Data((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").utf8))
        return .success(Data(digest).base64EncodedString())
    }

    /// The subprotocols the client offers, in its order of preference.
    static func requestedSubprotocols(of request: Request) -> [String] {
        request.headers[values: .secWebSocketProtocol].flatMap { value in
            value.split(separator: ",").map { String($0.trimmingHTTPWhitespace()) }.filter { !$0.isEmpty }
        }
    }

    /// The HTTP answer to a request that asked for a WebSocket and cannot have one.
    static func response(for refusal: Refusal) -> Response {
        switch refusal {
        case .unsupportedVersion:
            var response = Response.text("Unsupported WebSocket version", status: .upgradeRequired)
            response.headers[.secWebSocketVersion] = "13"
            return response
        case .invalidKey:
            return .text("Invalid Sec-WebSocket-Key", status: .badRequest)
        }
    }
}
