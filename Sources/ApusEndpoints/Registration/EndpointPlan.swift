import ApusModels

/// What a route's extractors declare when it is registered: its documentation, whether and how it reads the body,
/// and the dependencies it needs. Built once per route; per request only extraction runs.
public struct EndpointPlan: Sendable {
    /// How the JSON body is read, decided from all body fields once registration is done.
    enum BodyMode: Sendable {
        /// No extractor reads the body.
        case none
        /// One non-embedded JSON field: the whole body is that value.
        case lone
        /// Several fields, or an embedded one: the body is an object keyed by field name.
        case embedded
        /// Form fields and files (urlencoded or multipart).
        case form
    }

    /// The operation's documentation so far.
    public internal(set) var documentation = OperationDocumentation()
    /// Decodes the lone body from bytes (set by the last JSON body field registered; used only in `.lone` mode).
    var loneBodyDecoder: LoneBodyDecoder?
    /// App-scoped dependencies reachable from this route, created at startup.
    var appScopedDependencies: [AppScopedDependency] = []
    /// What is wrong with the dependency graph (a cycle, a scope that outlives what it depends on, an app-scoped
    /// dependency that reads the request): reported when the app builds its route table.
    var registrationErrors: [String] = []
    /// The dependencies being registered, innermost last (for scope checks and cycle detection).
    private var dependencyStack: [(type: ObjectIdentifier, name: String, scope: DependencyScope)] = []
    /// The dependencies registered so far, each with the scopes required above it (registered once each).
    private var registeredDependencies: Set<DependencyState.CacheKey> = []
    /// The OAuth2 scopes required by the ``Security`` uses above the extractor being registered (security schemes
    /// put them in the operation's `security`).
    public private(set) var securityScopes: [String] = []
    private var jsonBodyFields = 0
    private var embedsBody = false
    private var formFields = 0

    /// An empty plan.
    public init() {}

    var bodyMode: BodyMode {
        if self.formFields > 0 { return .form }
        if self.jsonBodyFields == 0 { return .none }
        return self.jsonBodyFields == 1 && !self.embedsBody ? .lone : .embedded
    }

    /// Adds a path, query, header or cookie parameter (inside an app-scoped dependency, which is made at startup
    /// without a request, that is a registration error).
    public mutating func addParameter(_ parameter: ParameterDocumentation) {
        self.requireRequest(for: "\(parameter.source.locationName) parameter \"\(parameter.name)\"")
        self.documentation.addParameter(parameter)
    }

    /// Adds a JSON body field.
    public mutating func addJSONBodyField(_ field: RequestBodyDocumentation.Field) {
        self.requireRequest(for: "body field \"\(field.name)\"")
        self.jsonBodyFields += 1
        self.embedsBody = self.embedsBody || field.embed
        self.documentation.addBodyField(field, mediaType: "application/json")
    }

    /// Adds a form field or file; `multipart` when the field needs `multipart/form-data` (files).
    public mutating func addFormField(_ field: RequestBodyDocumentation.Field, multipart: Bool) {
        self.requireRequest(for: "form field \"\(field.name)\"")
        self.formFields += 1
        self.documentation.addBodyField(field, mediaType: multipart ? "multipart/form-data" : "application/x-www-form-urlencoded")
    }

    /// Records that the extractor needs the HTTP request (the raw request, or anything read from it); inside an
    /// app-scoped dependency that is a registration error.
    public mutating func requireRequest(for what: String) {
        if let app = self.dependencyStack.last(where: { $0.scope == .app }) {
            self.registrationErrors.append(
                "app-scoped dependency \(app.name) cannot read the \(what): it is made at startup, without a request")
        }
    }

    /// Adds a security requirement (for security dependencies).
    public mutating func addSecurity(_ requirement: SecurityRequirementDocumentation) {
        if !self.documentation.security.contains(requirement) {
            self.documentation.security.append(requirement)
        }
    }

    /// Adds responses the operation may give (a dependency's or security scheme's errors), each status once:
    /// a status already documented keeps its first description.
    public mutating func addResponses(_ responses: [DocumentedResponse]) {
        self.documentation.addResponses(responses)
    }

    /// Registers dependency `D`'s inputs (once per route and required scopes, however often it is used).
    mutating func registerDependency<D: Dependency>(_ type: D.Type, provider: DependencyProvider<D>, scopes: [String] = []) {
        let key = ObjectIdentifier(D.self)
        let name = String(describing: D.self)
        let outerScopes = self.securityScopes
        let chainScopes = outerScopes + scopes
        if let cycle = self.dependencyStack.firstIndex(where: { $0.type == key }) {
            let path = (self.dependencyStack[cycle...].map(\.name) + [name]).joined(separator: " -> ")
            self.registrationErrors.append("dependency cycle: \(path)")
            return
        }
        if let parent = self.dependencyStack.last {
            switch (parent.scope, D.scope) {
            case (.app, .request), (.app, .function):
                self.registrationErrors.append("app-scoped dependency \(parent.name) cannot depend on \(D.scope)-scoped \(name)")
            case (.request, .function):
                self.registrationErrors.append(
                    "request-scoped dependency \(parent.name) cannot depend on function-scoped \(name): it would be cleaned up first"
                )
            default: break
            }
        }
        let registration = DependencyState.CacheKey(type: key, scopes: Array(Set(chainScopes)).sorted())
        guard self.registeredDependencies.insert(registration).inserted else { return }
        if !self.documentation.dependencies.contains(name) {
            self.documentation.dependencies.append(name)
            if D.scope == .app {
                self.appScopedDependencies.append(AppScopedDependency(D.self, provider: provider))
            }
        }
        self.addResponses(D.responses)
        self.dependencyStack.append((key, name, D.scope))
        self.securityScopes = chainScopes
        provider.registerInputs(&self)
        self.securityScopes = outerScopes
        self.dependencyStack.removeLast()
    }
}

/// Decodes a whole JSON body as one value, collecting errors; throws only for a body Python cannot parse
/// at all (not text, nested too deep, an integer too long), which FastAPI answers with 400.
struct LoneBodyDecoder: Sendable {
    let decode: @Sendable ([UInt8], inout [ValidationErrorItem]) throws(JSONParseError) -> (any Sendable)?
}
