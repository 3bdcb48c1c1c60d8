import ApusCore

extension HTTPField.Name {
    // Valid lowercase tokens, so the failable initialiser cannot return nil.
    static let accessControlRequestPrivateNetwork = HTTPField.Name("access-control-request-private-network")!
    static let accessControlAllowPrivateNetwork = HTTPField.Name("access-control-allow-private-network")!
    static let xFrameOptions = HTTPField.Name("x-frame-options")!
    static let referrerPolicy = HTTPField.Name("referrer-policy")!
}

extension HTTPFields {
    /// Adds `value` to `Vary`, after every value already there, in one field (as Starlette's CORS and GZip
    /// middlewares both leave it).
    mutating func appendVary(_ value: String) {
        guard self.hasField(named: .vary) else {
            self.append(HTTPField(name: .vary, value: value))
            return
        }
        let existing = self[values: .vary]
        self[.vary] = (existing + [value]).joined(separator: ", ")
    }
}
