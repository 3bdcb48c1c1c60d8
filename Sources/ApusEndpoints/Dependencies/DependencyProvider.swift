public import ApusCore

/// How a ``Dependency`` is made: the extractors it reads (the same ones a handler declares: ``Path``, ``Query``,
/// ``Header``, ``Body``, other dependencies with ``Depends``...), a function that makes the value from them, and
/// optionally a cleanup (FastAPI's code after `yield`).
///
/// Cleanups run in reverse order of creation, on error paths too (before the error response is sent, as in
/// FastAPI); an error a cleanup throws is logged.
public struct DependencyProvider<Value: Sendable>: Sendable {
    @usableFromInline
    let registerInputs: @Sendable (inout EndpointPlan) -> Void
    /// Extracts the inputs and makes the value; `nil` when an input did not validate (its errors are recorded).
    @usableFromInline
    let make: @Sendable (inout ExtractionContext) async throws -> Value?
    @usableFromInline
    let cleanup: (@Sendable (Value) async throws -> Void)?

    /// A provider that makes the value from `inputs`.
    ///
    /// - Parameters:
    ///   - inputs: the extractors whose values `make` receives, in order.
    ///   - make: makes the value; throw ``HTTPError`` to answer the request instead.
    ///   - cleanup: runs when the value's scope ends (see ``DependencyScope``).
    ///
    /// Inlinable so that the code reading the inputs is specialized for their types where the provider is
    /// written: unspecialized, every request would look up the inputs' type metadata at run time.
    @inlinable
    public init<each Input: Extractor>(
        _ inputs: repeat each Input,
        make: @escaping @Sendable (repeat (each Input).Value) async throws -> Value,
        cleanup: (@Sendable (Value) async throws -> Void)? = nil
    ) {
        let inputs = (repeat each inputs)
        self.registerInputs = { plan in
            repeat (each inputs).register(in: &plan)
        }
        self.make = { context in
            let level = context.beginLevel()
            let values = (repeat try await (each inputs).extract(from: &context))
            guard !context.endLevel(level) else { return nil }
            return try await make(repeat try unwrapExtracted(each values, from: each inputs))
        }
        self.cleanup = cleanup
    }

    /// A provider whose synchronous `make` (and `cleanup`) block their thread, run on `pool` instead of an event
    /// loop: a driver without async, a file read, a blocking SDK (FastAPI's `def` dependency).
    ///
    /// ```swift
    /// static let provider = DependencyProvider(Header<String>("x-tenant"), blocking: .shared) { tenant in
    ///     try LegacyDirectory.lookUp(tenant)
    /// }
    /// ```
    @inlinable
    public init<each Input: Extractor>(
        _ inputs: repeat each Input,
        blocking pool: BlockingPool,
        make: @escaping @Sendable (repeat (each Input).Value) throws -> Value,
        cleanup: (@Sendable (Value) throws -> Void)? = nil
    ) {
        let asynchronousCleanup: (@Sendable (Value) async throws -> Void)?
        if let cleanup {
            asynchronousCleanup = { value in try await pool.run { try cleanup(value) } }
        } else {
            asynchronousCleanup = nil
        }
        self.init(
            repeat each inputs,
            make: { (values: repeat (each Input).Value) in try await pool.run { try make(repeat each values) } },
            cleanup: asynchronousCleanup
        )
    }

    /// A provider that always gives `value` (for overrides in tests).
    public static func value(_ value: Value) -> DependencyProvider<Value> {
        DependencyProvider { value }
    }
}
