public import NIOCore

/// One WebSocket message, reassembled from its frames.
public enum WebSocketMessage: Sendable, Equatable {
    /// A text message (its UTF-8 was checked on arrival; invalid text closes the socket with 1007).
    case text(String)
    /// A binary message.
    case binary(ByteBuffer)

    /// The payload's bytes (a text message's UTF-8).
    public var bytes: [UInt8] {
        switch self {
        case .text(let text): Array(text.utf8)
        case .binary(let buffer): Array(buffer.readableBytesView)
        }
    }
}

/// A WebSocket close code (RFC 6455 §7.4): the named ones, or any other in 1000–4999.
public struct WebSocketCloseCode: RawRepresentable, Hashable, Sendable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    /// The code's number.
    public var rawValue: UInt16

    /// A code from its number.
    public init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    /// A code from a literal: `ws.close(code: 4000)`.
    public init(integerLiteral value: UInt16) {
        self.rawValue = value
    }

    /// 1000: the purpose of the connection was fulfilled.
    public static let normalClosure: Self = 1000
    /// 1001: the server is going down, or the client navigated away.
    public static let goingAway: Self = 1001
    /// 1002: the peer broke the protocol.
    public static let protocolError: Self = 1002
    /// 1003: a message of a type the endpoint does not accept.
    public static let unsupportedData: Self = 1003
    /// 1006: the connection ended without a close frame (never sent; reported for a dropped connection).
    public static let abnormalClosure: Self = 1006
    /// 1007: a message whose data is inconsistent with its type (invalid UTF-8 in a text message).
    public static let invalidPayload: Self = 1007
    /// 1008: a message, or the handshake, broke the endpoint's policy (FastAPI's code for a validation failure).
    public static let policyViolation: Self = 1008
    /// 1009: a message too big to process.
    public static let messageTooBig: Self = 1009
    /// 1011: the server met an unexpected condition.
    public static let internalError: Self = 1011
    /// 1013: try again later (a send queue that overflowed, say).
    public static let tryAgainLater: Self = 1013

    public var description: String { String(self.rawValue) }
}

/// The other side closed the connection (or it dropped): FastAPI's `WebSocketDisconnect`. Thrown by receive and
/// send calls once the socket is closed; ``WebSocket/messages`` ends instead.
public struct WebSocketDisconnect: Error, Sendable, Equatable, CustomStringConvertible {
    /// The close code the client sent, or ``WebSocketCloseCode/abnormalClosure`` when the connection dropped
    /// without one (and ``WebSocketCloseCode/normalClosure`` for a close frame without a code).
    public var code: WebSocketCloseCode
    /// The reason the client gave, if any.
    public var reason: String

    /// Creates the error.
    public init(code: WebSocketCloseCode, reason: String = "") {
        self.code = code
        self.reason = reason
    }

    public var description: String { "WebSocketDisconnect(code: \(self.code), reason: \"\(self.reason)\")" }
}

/// Thrown from a WebSocket handler to close the socket with `code` and `reason` (FastAPI's
/// `WebSocketException`); thrown before the handshake is accepted, it refuses it with 403.
public struct WebSocketClose: Error, Sendable, Equatable {
    /// The close code to send.
    public var code: WebSocketCloseCode
    /// The reason to send (at most 123 bytes of UTF-8 are sent).
    public var reason: String

    /// Creates the error.
    public init(code: WebSocketCloseCode, reason: String = "") {
        self.code = code
        self.reason = reason
    }
}

/// A misuse of a ``WebSocket``.
public enum WebSocketUsageError: Error, Equatable {
    /// A message of the other type arrived (`receiveText()` got binary, or `receiveBinary()` text).
    case unexpectedMessageType
    /// Two tasks received from one socket at the same time.
    case concurrentReceive
    /// `accept` was called on a socket that was accepted or closed already.
    case alreadyAnswered
}
