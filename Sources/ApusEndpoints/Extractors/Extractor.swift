/// A descriptor for one value a handler (or a dependency) receives: where it comes from, how it is validated,
/// how it fails, and how it is documented.
///
/// Extractors are values, listed in the order of the handler's parameters, so names, defaults, constraints and
/// descriptions exist at runtime:
///
/// ```swift
/// app.get("/items/{item_id}", Path<Int>("item_id"), Query<String?>("q")) { itemID, q in ... }
/// ```
///
/// ``register(in:)`` runs once, when the route is registered: it adds the extractor's part of the OpenAPI
/// operation and its needs (a body, a dependency) to the ``EndpointPlan``. ``extract(from:)`` runs per request:
/// it returns the value, or records its validation errors in the context and returns `nil`, so that every
/// parameter's errors end up in one 422. It throws only to answer the request at once (an ``HTTPError`` from a
/// dependency).
public protocol Extractor<Value>: Sendable {
    /// The type the handler receives.
    associatedtype Value: Sendable

    /// Adds this extractor's documentation and requirements to the route's plan (once, at registration).
    func register(in plan: inout EndpointPlan)

    /// The value for this request, or `nil` after recording why not in `context`.
    func extract(from context: inout ExtractionContext) async throws -> Value?
}

/// Thrown if an extractor returned `nil` without recording an error: a bug in that extractor, reported as a 500
/// rather than a crash.
public struct ExtractorContractViolation: Error, Sendable, CustomStringConvertible {
    /// The extractor's type.
    public var extractor: String

    public var description: String { "\(extractor) returned no value and recorded no validation error" }
}

/// The handler's argument: extraction succeeded (the caller checked that no error was recorded).
@inlinable
func unwrapExtracted<Value>(_ value: Value?, from extractor: some Extractor) throws -> Value {
    guard let value else { throw contractViolation(extractor) }
    return value
}

/// The error of an extractor that broke its contract (out of line: it is never the path taken).
@usableFromInline
func contractViolation(_ extractor: some Extractor) -> ExtractorContractViolation {
    ExtractorContractViolation(extractor: String(describing: type(of: extractor)))
}
