extension HTTPField.Name {
    /// `allow`, which the 405 answer lists the path's methods in.
    static var allow: HTTPField.Name { allowName }
    /// `host`, for requests whose authority was not lifted out of the header fields.
    static var host: HTTPField.Name { hostName }
}

// Both are valid lowercase tokens, so the failable initialiser cannot return nil.
private let allowName = HTTPField.Name("allow")!
private let hostName = HTTPField.Name("host")!
