import ApusCore

extension HTTPField.Name {
    // Valid lowercase tokens, so the failable initialiser cannot return nil.
    static let accessControlRequestPrivateNetwork = HTTPField.Name("access-control-request-private-network")!
    static let accessControlAllowPrivateNetwork = HTTPField.Name("access-control-allow-private-network")!
    static let xFrameOptions = HTTPField.Name("x-frame-options")!
    static let referrerPolicy = HTTPField.Name("referrer-policy")!

    /// The same name as `other`, the lengths compared first: every response passes through the middlewares' name
    /// lookups, and most names a lookup meets differ in length from the one it looks for (`String`'s `==` would
    /// compare their bytes).
    func isSame(as other: HTTPField.Name) -> Bool {
        self.canonicalName.utf8.count == other.canonicalName.utf8.count && self.canonicalName == other.canonicalName
    }
}

extension HTTPFields {
    /// The position of the first field named `name`.
    func firstIndex(named name: HTTPField.Name) -> Int? {
        self.firstIndex { $0.name.isSame(as: name) }
    }

    /// The value of the first field named `name` (Starlette's `headers.get`).
    func firstValue(named name: HTTPField.Name) -> String? {
        self.firstIndex(named: name).map { self[$0].value }
    }

    /// Whether a field is named `name`.
    func hasField(named name: HTTPField.Name) -> Bool {
        self.firstIndex(named: name) != nil
    }

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
