import Logging
import Synchronization

/// A layer above the core with state of its own per app and a part in building and running it: typed
/// endpoints' dependency injection is one (its overrides, its app-scoped values, the app's dependency list).
///
/// An app makes one instance of each kind: when something asks for it (``App/appExtension(_:)``), or when the app
/// builds its route table and a route names the kind (``AppExtensionsKey``, which a layer's registration
/// functions set). So routes registered only in routers still get their layer's state from the app that includes
/// them, and two apps in one process never share it.
public protocol AppExtension: AnyObject, Sendable {
    /// A fresh instance, for one app.
    init()

    /// Called when the app builds its route table (before startup, and by ``App/build()``), with every route in
    /// its final form: it may check and wrap routes, and put what requests need into the state they start from.
    func prepare(_ routes: inout [Route], state: inout AppState) throws(RouteTableError)

    /// Runs at startup, after the app's startup hooks.
    func startup(_ state: inout AppState, logger: Logger) async throws

    /// Runs at shutdown, before the app's shutdown hooks.
    func shutdown(_ state: AppState, logger: Logger) async
}

/// The kinds of ``AppExtension`` a route needs (set by the registration functions of their layer).
public enum AppExtensionsKey: RouteAttachmentKey {
    public typealias Value = [any AppExtension.Type]

    public static func merge(outer: Value, inner: Value) -> Value {
        outer + inner.filter { kind in !outer.contains { $0 == kind } }
    }
}

extension RouteAttachments {
    /// Records that the route needs the app's extension of kind `kind`.
    public mutating func require(_ kind: any AppExtension.Type) {
        let kinds = self[AppExtensionsKey.self] ?? []
        if !kinds.contains(where: { $0 == kind }) {
            self[AppExtensionsKey.self] = kinds + [kind]
        }
    }
}

extension App {
    /// The app's extension of kind `kind`, made now if the app has none yet.
    public func appExtension<E: AppExtension>(_ kind: E.Type) -> E {
        self.setup.withLock { setup in
            if let existing = setup.extensions.first(where: { type(of: $0) == kind }) as? E {
                return existing
            }
            let made = E()
            setup.extensions.append(made)
            return made
        }
    }

    /// The extensions, after making those `routes` need.
    func extensions(for routes: [Route]) -> [any AppExtension] {
        self.setup.withLock { setup in
            for route in routes {
                for kind in route.metadata.attachments[AppExtensionsKey.self] ?? []
                where !setup.extensions.contains(where: { type(of: $0) == kind }) {
                    setup.extensions.append(kind.init())
                }
            }
            return setup.extensions
        }
    }
}
