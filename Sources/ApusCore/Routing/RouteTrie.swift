import ApusWireFormats

/// The route table: a trie over path segments, built once from the route list and then flattened into arrays,
/// so resolving a path walks contiguous memory, allocates nothing for parameterless routes and takes no lock.
///
/// Precedence, at every segment: literal children (in registration order), then the `{name}` child, then the
/// `{name:path}` catch-all; a branch that fails further down falls back to the next candidate. So `/users/me`
/// wins over `/users/{id}` whichever was registered first. Among the endpoints a path reaches, the first one with
/// a route for the method answers (HEAD falls back to GET); if none has one, the answer is 405 and `Allow` lists
/// every method registered for any endpoint the path reaches.
struct RouteTrie: Sendable {
    struct Node: Sendable {
        var literalStart: Int
        var literalEnd: Int
        var parameterChild: Int
        var catchAllChild: Int
        var endpoint: Int
    }

    /// The routes that end at one trie node: one per method, in registration order.
    struct Endpoint: Sendable {
        var methods: [HTTPRequest.Method] = []
        var routes: [Int] = []

        /// The route answering `method`; HEAD falls back to GET.
        func route(for method: HTTPRequest.Method) -> Int? {
            if let index = self.methods.firstIndex(of: method) { return self.routes[index] }
            if method == .head, let index = self.methods.firstIndex(of: .get) { return self.routes[index] }
            return nil
        }
    }

    /// A resolved route and where its parameters are in the path.
    struct Match {
        var route: Int
        var captures: [Range<String.Index>]
    }

    private let nodes: [Node]
    private let literalKeys: [String]
    private let literalChildren: [Int]
    private let endpoints: [Endpoint]

    /// Builds the table; a route with a malformed template, or with the same method and template shape as an
    /// earlier one (parameter names aside), is an error naming both registrations.
    init(routes: [Route]) throws(RouteTableError) {
        let root = BuilderNode()
        for (index, route) in routes.enumerated() {
            var node = root
            for segment in try PathTemplate(route.path).segments {
                node = node.child(for: segment)
            }
            if let existing = node.methods.firstIndex(of: route.method) {
                let first = routes[node.routes[existing]]
                throw RouteTableError(
                    message: "Duplicate route \(route.method) \(route.path) (registered at \(route.location)) "
                        + "conflicts with \(first.method) \(first.path) (registered at \(first.location))"
                )
            }
            node.methods.append(route.method)
            node.routes.append(index)
        }

        // Breadth-first numbering, so every node's literal children sit next to each other.
        var order = [root]
        var position = 0
        while position < order.count {
            let node = order[position]
            order.append(contentsOf: node.literals.map(\.node))
            if let parameter = node.parameter { order.append(parameter) }
            if let catchAll = node.catchAll { order.append(catchAll) }
            position += 1
        }
        var indexOf: [ObjectIdentifier: Int] = [:]
        for (index, node) in order.enumerated() {
            indexOf[ObjectIdentifier(node)] = index
        }
        var nodes: [Node] = []
        var literalKeys: [String] = []
        var literalChildren: [Int] = []
        var endpoints: [Endpoint] = []
        nodes.reserveCapacity(order.count)
        for node in order {
            let literalStart = literalKeys.count
            for (key, child) in node.literals {
                literalKeys.append(key)
                literalChildren.append(indexOf[ObjectIdentifier(child)] ?? 0)
            }
            var endpoint = -1
            if !node.methods.isEmpty {
                endpoint = endpoints.count
                endpoints.append(Endpoint(methods: node.methods, routes: node.routes))
            }
            nodes.append(
                Node(
                    literalStart: literalStart,
                    literalEnd: literalKeys.count,
                    parameterChild: node.parameter.flatMap { indexOf[ObjectIdentifier($0)] } ?? -1,
                    catchAllChild: node.catchAll.flatMap { indexOf[ObjectIdentifier($0)] } ?? -1,
                    endpoint: endpoint
                )
            )
        }
        self.nodes = nodes
        self.literalKeys = literalKeys
        self.literalChildren = literalChildren
        self.endpoints = endpoints
    }

    /// The route answering `method` on `path` (raw, without query), with its parameter ranges.
    func resolve(_ path: Substring, method: HTTPRequest.Method) -> Match? {
        var match: Match?
        self.forEachEndpoint(path) { endpoint, captures in
            guard let route = self.endpoints[endpoint].route(for: method) else { return false }
            match = Match(route: route, captures: captures)
            return true
        }
        return match
    }

    /// Every method registered on the endpoints `path` reaches, in precedence then registration order (WebSocket
    /// routes' pseudo-method aside).
    func allowedMethods(_ path: Substring) -> [HTTPRequest.Method] {
        var methods: [HTTPRequest.Method] = []
        self.forEachEndpoint(path) { endpoint, _ in
            for method in self.endpoints[endpoint].methods where method != .webSocket && !methods.contains(method) {
                methods.append(method)
            }
            return false
        }
        return methods
    }

    /// Whether any route's template matches `path`, whatever its method.
    func matchesAnyRoute(_ path: Substring) -> Bool {
        var matched = false
        self.forEachEndpoint(path) { _, _ in
            matched = true
            return true
        }
        return matched
    }

    /// Calls `body` for each endpoint whose template matches `path`, in precedence order, until it returns true.
    private func forEachEndpoint(_ path: Substring, _ body: (Int, [Range<String.Index>]) -> Bool) {
        guard path.utf8.first == UInt8(ascii: "/") else { return }
        var captures: [Range<String.Index>] = []
        _ = self.visit(0, from: path.utf8.index(after: path.startIndex), in: path, captures: &captures, body)
    }

    /// Matches the segment starting at `start` (nil: the path is used up) against the children of a node.
    private func visit(
        _ nodeIndex: Int,
        from start: String.Index?,
        in path: Substring,
        captures: inout [Range<String.Index>],
        _ body: (Int, [Range<String.Index>]) -> Bool
    ) -> Bool {
        let node = self.nodes[nodeIndex]
        guard let start else {
            return node.endpoint >= 0 && body(node.endpoint, captures)
        }
        let utf8 = path.utf8
        let end = utf8[start...].firstIndex(of: UInt8(ascii: "/")) ?? utf8.endIndex
        let next = end == utf8.endIndex ? nil : utf8.index(after: end)
        let segment = path[start..<end]

        var literal = node.literalStart
        while literal < node.literalEnd {
            if Self.segment(segment, matches: self.literalKeys[literal]),
                self.visit(self.literalChildren[literal], from: next, in: path, captures: &captures, body)
            {
                return true
            }
            literal += 1
        }
        if node.parameterChild >= 0, start != end {
            captures.append(start..<end)
            if self.visit(node.parameterChild, from: next, in: path, captures: &captures, body) { return true }
            captures.removeLast()
        }
        if node.catchAllChild >= 0 {
            let endpoint = self.nodes[node.catchAllChild].endpoint
            captures.append(start..<path.endIndex)
            if endpoint >= 0, body(endpoint, captures) { return true }
            captures.removeLast()
        }
        return false
    }

    /// A raw segment matches a literal byte for byte, or once percent-decoded (Starlette matches decoded paths).
    private static func segment(_ segment: Substring, matches literal: String) -> Bool {
        if segment.utf8.elementsEqual(literal.utf8) { return true }
        return segment.utf8.contains(UInt8(ascii: "%")) && PercentDecoding.decode(segment) == literal
    }
}

/// A trie node while the table is being built.
private final class BuilderNode {
    var literals: [(key: String, node: BuilderNode)] = []
    var parameter: BuilderNode?
    var catchAll: BuilderNode?
    var methods: [HTTPRequest.Method] = []
    var routes: [Int] = []

    func child(for segment: PathTemplate.Segment) -> BuilderNode {
        switch segment {
        case .literal(let key):
            if let existing = self.literals.first(where: { $0.key == key }) { return existing.node }
            let node = BuilderNode()
            self.literals.append((key, node))
            return node
        case .parameter:
            if let parameter { return parameter }
            let node = BuilderNode()
            self.parameter = node
            return node
        case .catchAll:
            if let catchAll { return catchAll }
            let node = BuilderNode()
            self.catchAll = node
            return node
        }
    }
}
