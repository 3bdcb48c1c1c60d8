import Apus
import Synchronization

/// An ordered record of what dependencies and handlers did, kept in the app's state so tests running in
/// parallel do not share one.
final class EventLog: Sendable {
    private let events = Mutex<[String]>([])

    func record(_ event: String) {
        self.events.withLock { $0.append(event) }
    }

    var all: [String] { self.events.withLock { $0 } }
}

enum EventLogKey: AppStateKey {
    typealias Value = EventLog
}

/// The app's event log, from the request.
struct Events: Dependency {
    let log: EventLog
    static let provider = DependencyProvider(RawRequest()) { request in
        Events(log: request.state[EventLogKey.self] ?? EventLog())
    }
}

/// A user named by a plain header.
struct CurrentUser: Dependency {
    let name: String
    static let provider = DependencyProvider(Header<String>("x-user")) { name in CurrentUser(name: name) }
}

/// Built on `CurrentUser`: only "alice" owns anything.
struct OwnerCheck: Dependency {
    let user: CurrentUser
    static let provider = DependencyProvider(Path<Int>("post_id"), Depends<CurrentUser>()) { _, user in
        guard user.name == "alice" else {
            throw HTTPError(.forbidden, detail: "Not the owner", headers: [HTTPField.Name("x-why")!: "dep"])
        }
        return OwnerCheck(user: user)
    }
}

/// Counts how often it is made, per request log.
struct Counted: Dependency {
    let number: Int
    static let provider = DependencyProvider(Depends<Events>()) { events in
        events.log.record("counted")
        return Counted(number: events.log.all.filter { $0 == "counted" }.count)
    }
}

/// Uses `Counted` too, to check the per-request cache across dependencies.
struct UsesCounted: Dependency {
    let counted: Counted
    static let provider = DependencyProvider(Depends<Counted>()) { counted in UsesCounted(counted: counted) }
}

/// A request-scoped resource whose cleanup waits until the client has recorded "response received" (for up to
/// 10 s): its "request exit" comes after that only if the response was sent before the cleanup ran.
struct RequestResource: Dependency {
    static let provider = DependencyProvider(Depends<Events>()) { events in
        events.log.record("request enter")
        return RequestResource(log: events.log)
    } cleanup: { resource in
        for _ in 0..<1000 where !resource.log.all.contains("response received") {
            try await Task.sleep(for: .milliseconds(10))
        }
        resource.log.record("request exit")
    }
    let log: EventLog
}

/// A function-scoped resource: its cleanup runs before the response is sent.
struct FunctionResource: Dependency {
    static let scope = DependencyScope.function
    static let provider = DependencyProvider(Depends<Events>()) { events in
        events.log.record("function enter")
        return FunctionResource(log: events.log)
    } cleanup: { resource in
        resource.log.record("function exit")
    }
    let log: EventLog
}

/// First of two resources, to check reverse cleanup order.
struct FirstResource: Dependency {
    let log: EventLog
    static let provider = DependencyProvider(Depends<Events>()) { events in
        events.log.record("first enter")
        return FirstResource(log: events.log)
    } cleanup: {
        $0.log.record("first exit")
    }
}

/// Second resource; depends on the first.
struct SecondResource: Dependency {
    let log: EventLog
    static let provider = DependencyProvider(Depends<FirstResource>()) { first in
        first.log.record("second enter")
        return SecondResource(log: first.log)
    } cleanup: {
        $0.log.record("second exit")
    }
}

/// Checks an API key header (the seed's `verify_api_key`).
struct APIKeyCheck: Dependency {
    static let provider = DependencyProvider(Header<String>("x-api-key")) { key in
        guard key == "secret" else { throw HTTPError(.forbidden, detail: "Invalid API Key") }
        return APIKeyCheck()
    }
}

/// The log app-scoped tests use (no request at startup, so it is global to those types).
let appScopeLog = EventLog()

/// An app-scoped "pool".
struct Pool: Dependency {
    static let scope = DependencyScope.app
    let id: Int
    static let provider = DependencyProvider {
        appScopeLog.record("pool open")
        return Pool(id: appScopeLog.all.filter { $0 == "pool open" }.count)
    } cleanup: { _ in
        appScopeLog.record("pool close")
    }
}

/// The log resolver tests use.
let resolverLog = EventLog()

/// An app-scoped settings value for the resolver.
struct JobSettings: Dependency {
    static let scope = DependencyScope.app
    let name = "nightly"
    static let provider = DependencyProvider {
        JobSettings()
    } cleanup: { _ in
        resolverLog.record("settings close")
    }
}

/// A request-scoped connection built on the settings, resolved in a job.
struct JobConnection: Dependency {
    let settings: JobSettings
    static let provider = DependencyProvider(Depends<JobSettings>()) { settings in
        resolverLog.record("connection open")
        return JobConnection(settings: settings)
    } cleanup: { _ in
        resolverLog.record("connection close")
    }
}
