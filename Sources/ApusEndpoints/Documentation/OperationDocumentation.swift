public import ApusCore
public import ApusModels

/// What a typed endpoint tells the OpenAPI document about itself, beyond ``RouteMetadata``'s names and tags:
/// the parameters and body its extractors and dependencies read, its success and extra responses, and the
/// security its dependencies require. Stored on each route under ``OperationDocumentationKey``.
///
/// Routers with dependency lists contribute theirs too: their parameters come first, as FastAPI flattens
/// dependencies before the endpoint's own parameters.
public struct OperationDocumentation: Sendable {
    /// Path, query, header and cookie parameters, each `(source, name)` once, in declaration order.
    public var parameters: [ParameterDocumentation]
    /// The request body, if any extractor reads one.
    public var requestBody: RequestBodyDocumentation?
    /// The success response (status and the return type's schema); `nil` when the route sets none.
    public var successResponse: DocumentedResponse?
    /// Extra documented responses, in declaration order.
    public var responses: [DocumentedResponse]
    /// Security requirements of the dependencies.
    public var security: [SecurityRequirementDocumentation]
    /// The names of the dependency types resolved, in resolution order (for diagnostics and docs).
    public var dependencies: [String]
    /// How the success response is encoded (`exclude_none` and friends).
    public var encoding: EncodingOptions

    /// Creates an empty description.
    public init(
        parameters: [ParameterDocumentation] = [], requestBody: RequestBodyDocumentation? = nil,
        successResponse: DocumentedResponse? = nil, responses: [DocumentedResponse] = [],
        security: [SecurityRequirementDocumentation] = [], dependencies: [String] = [],
        encoding: EncodingOptions = EncodingOptions()
    ) {
        self.parameters = parameters
        self.requestBody = requestBody
        self.successResponse = successResponse
        self.responses = responses
        self.security = security
        self.dependencies = dependencies
        self.encoding = encoding
    }

    /// Whether the operation reads anything from the request (FastAPI documents a 422 response only then).
    public var hasInputs: Bool { !self.parameters.isEmpty || self.requestBody != nil }

    /// Adds a parameter unless one with the same source and name is already there (a dependency and the endpoint
    /// reading the same header document it once, as FastAPI).
    public mutating func addParameter(_ parameter: ParameterDocumentation) {
        guard !self.parameters.contains(where: { $0.source == parameter.source && $0.name == parameter.name }) else { return }
        self.parameters.append(parameter)
    }

    /// Adds a body field, creating the body with `mediaType` (JSON unless a form field is added).
    public mutating func addBodyField(_ field: RequestBodyDocumentation.Field, mediaType: String) {
        var body = self.requestBody ?? RequestBodyDocumentation(mediaType: mediaType)
        if mediaType == "multipart/form-data" || (mediaType != "application/json" && body.mediaType == "application/json") {
            body.mediaType = mediaType
        }
        guard !body.fields.contains(where: { $0.name == field.name }) else { return }
        body.fields.append(field)
        self.requestBody = body
    }

    /// Adds responses, each status once: a status already documented keeps its first description.
    public mutating func addResponses(_ responses: [DocumentedResponse]) {
        for response in responses where !self.responses.contains(where: { $0.status == response.status }) {
            self.responses.append(response)
        }
    }

    /// `outer` (a router's) followed by `inner` (a route's or nested router's).
    public func merged(into inner: OperationDocumentation) -> OperationDocumentation {
        var result = self
        for parameter in inner.parameters {
            result.addParameter(parameter)
        }
        if let body = inner.requestBody {
            for field in body.fields {
                result.addBodyField(field, mediaType: body.mediaType)
            }
        }
        result.successResponse = inner.successResponse ?? self.successResponse
        result.addResponses(inner.responses)
        result.security = self.security + inner.security.filter { !self.security.contains($0) }
        result.dependencies = self.dependencies + inner.dependencies
        result.encoding = inner.encoding
        return result
    }
}

/// The attachment key for ``OperationDocumentation``; a router's documentation (from its dependency list) is put
/// before its routes'.
public enum OperationDocumentationKey: RouteAttachmentKey {
    public typealias Value = OperationDocumentation

    public static func merge(outer: OperationDocumentation, inner: OperationDocumentation) -> OperationDocumentation {
        outer.merged(into: inner)
    }
}
