public import ApusCore

/// The request itself (FastAPI's `request: Request` parameter): for what no other extractor reads. Not
/// validated and not documented.
public struct RawRequest: Extractor {
    public typealias Value = Request

    /// The request.
    public init() {}

    public func register(in plan: inout EndpointPlan) {
        plan.requireRequest(for: "raw request")
    }

    public func extract(from context: inout ExtractionContext) async throws -> Request? {
        try context.requiredRequest(for: "the raw request")
    }
}
