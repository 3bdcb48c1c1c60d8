extension HTTPField.Name {
    /// The same name as `other`, the lengths compared first: middlewares and security schemes look names up on
    /// every request, and most names a lookup meets differ in length from the one it looks for (`String`'s `==`
    /// would compare their bytes).
    public func isSame(as other: HTTPField.Name) -> Bool {
        self.canonicalName.utf8.count == other.canonicalName.utf8.count && self.canonicalName == other.canonicalName
    }
}

extension HTTPFields {
    /// The position of the first field named `name`.
    public func firstIndex(named name: HTTPField.Name) -> Int? {
        self.firstIndex { $0.name.isSame(as: name) }
    }

    /// The value of the first field named `name` (Starlette's `headers.get`), without building an array.
    public func firstValue(named name: HTTPField.Name) -> String? {
        self.firstIndex(named: name).map { self[$0].value }
    }

    /// Whether a field is named `name`.
    public func hasField(named name: HTTPField.Name) -> Bool {
        self.firstIndex(named: name) != nil
    }
}
