public import ApusCore
public import ApusModels

/// Everything extraction needs for one request (or one resolution outside HTTP): the request, the body read
/// once, the validation errors so far, and the dependency state (per-request cache and pending cleanups).
///
/// Passed `inout` through the extractors in declaration order. Errors are kept per dependency level so they come
/// out as FastAPI reports them: each dependency's errors (its sub-dependencies' first, then its own parameters
/// by source) in resolution order, then the endpoint's own parameters ordered path, query, header, cookie, body.
public struct ExtractionContext: Sendable {
    /// The request; `nil` when dependencies are resolved outside HTTP (``DependencyResolver``).
    public let request: Request?
    var body: PreparedBody
    let bodyMode: EndpointPlan.BodyMode
    let environment: EndpointEnvironment
    var dependencies: DependencyState
    /// The request's ``ResponseHead``, once something asked for it.
    var responseHead: ResponseHead?
    /// The request's ``BackgroundTasks``, once something asked for them.
    var backgroundTasks: BackgroundTasks?
    /// The OAuth2 scopes required by the ``Security`` uses above the dependency being made (``SecurityScopes``),
    /// and the security requirements the request must meet.
    package internal(set) var securityScopes: [String] = []
    /// Errors of finished dependency levels, in report order.
    private var reportedErrors: [ValidationErrorItem] = []
    /// The current level's parameter errors, sorted by source when the level ends.
    private var pendingErrors: [(source: ParameterSource, item: ValidationErrorItem)] = []
    private var cookies: [String: String]?

    init(
        request: Request?, body: PreparedBody = .notRead, bodyMode: EndpointPlan.BodyMode = .none,
        environment: EndpointEnvironment, dependencies: DependencyState = DependencyState()
    ) {
        self.request = request
        self.body = body
        self.bodyMode = bodyMode
        self.environment = environment
        self.dependencies = dependencies
    }

    /// The request, or ``DependencyResolutionError/requestUnavailable(_:)`` outside HTTP.
    public func requiredRequest(for what: @autoclosure () -> String) throws -> Request {
        guard let request = self.request else { throw DependencyResolutionError.requestUnavailable(what()) }
        return request
    }

    /// Records a validation error read from `source`; it joins the request's 422.
    public mutating func record(_ error: ValidationErrorItem, from source: ParameterSource) {
        self.pendingErrors.append((source, error))
    }

    /// Records several validation errors read from `source`.
    public mutating func record(_ errors: [ValidationErrorItem], from source: ParameterSource) {
        for error in errors {
            self.pendingErrors.append((source, error))
        }
    }

    /// Whether any validation error has been recorded.
    public var hasErrors: Bool { !self.reportedErrors.isEmpty || !self.pendingErrors.isEmpty }

    /// The value of cookie `name` (the `Cookie` header is parsed once per request).
    public mutating func cookie(_ name: String, for what: @autoclosure () -> String) throws -> String? {
        try self.allCookies(for: what())[name]
    }

    /// Every cookie of the request, by name (parsed once per request).
    public mutating func allCookies(for what: @autoclosure () -> String) throws -> [String: String] {
        if let cookies = self.cookies { return cookies }
        let cookies = try self.requiredRequest(for: what()).cookies
        self.cookies = cookies
        return cookies
    }

    /// Every error recorded, in report order.
    mutating func finishErrors() -> [ValidationErrorItem] {
        self.flushPending()
        return self.reportedErrors
    }

    /// Starts a dependency's level: its parameters' errors are sorted among themselves, not with the caller's.
    @usableFromInline
    mutating func beginLevel() -> (pending: [(source: ParameterSource, item: ValidationErrorItem)], reported: Int) {
        let saved = self.pendingErrors
        self.pendingErrors = []
        return (saved, self.reportedErrors.count)
    }

    /// Ends a dependency's level; returns whether the level (or a dependency inside it) had errors.
    @usableFromInline
    mutating func endLevel(_ saved: (pending: [(source: ParameterSource, item: ValidationErrorItem)], reported: Int)) -> Bool {
        let hadErrors = !self.pendingErrors.isEmpty || self.reportedErrors.count > saved.reported
        self.flushPending()
        self.pendingErrors = saved.pending
        return hadErrors
    }

    private mutating func flushPending() {
        guard !self.pendingErrors.isEmpty else { return }
        // A stable sort: parameters from the same source keep declaration order.
        let sorted = self.pendingErrors.enumerated().sorted { lhs, rhs in
            lhs.element.source != rhs.element.source ? lhs.element.source < rhs.element.source : lhs.offset < rhs.offset
        }
        self.reportedErrors.append(contentsOf: sorted.map(\.element.item))
        self.pendingErrors = []
    }
}
