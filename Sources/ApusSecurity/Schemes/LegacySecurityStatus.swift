public import ApusCore
import ApusEndpoints
import ApusModels
public import Logging

extension App {
    /// Makes security schemes fail as FastAPI did before 0.122: API keys, HTTP Bearer and Digest and OpenID
    /// Connect answer 403 `{"detail":"Not authenticated"}` without a `WWW-Authenticate` challenge (HTTP Bearer
    /// with another scheme word: 403 `"Invalid authentication credentials"`); OAuth2 bearer tokens and HTTP Basic
    /// keep their 401. The OpenAPI document says so. For clients written against the old answers; new apps keep
    /// the 401, which is what HTTP says a missing credential is.
    public func useLegacySecurityStatus() {
        _ = self.appExtension(LegacySecurityStatus.self)
    }
}

/// Marks requests of an app that asked for the pre-0.122 failures (see ``App/useLegacySecurityStatus()``).
public enum LegacySecurityStatusKey: AppStateKey {
    public typealias Value = Bool
}

/// The app's switch back to the pre-0.122 failures: puts the mark in the state requests start from and moves the
/// documented 401s of the schemes that changed to 403.
public final class LegacySecurityStatus: AppExtension {
    public init() {}

    public func prepare(_ routes: inout [Route], state: inout AppState) throws(RouteTableError) {
        state[LegacySecurityStatusKey.self] = true
        for index in routes.indices {
            guard var documentation = routes[index].metadata.attachments[OperationDocumentationKey.self],
                !documentation.security.isEmpty
            else { continue }
            let forbidden = documentation.security.contains { !Self.keepsUnauthorized($0.scheme) }
            let unauthorized = documentation.security.contains { Self.keepsUnauthorized($0.scheme) }
            if forbidden {
                if !unauthorized {
                    documentation.responses.removeAll {
                        $0.status == .unauthorized && $0.description == notAuthenticatedResponse.description
                    }
                }
                documentation.addResponses([.error(.forbidden, "Not authenticated")])
            }
            routes[index].metadata.attachments[OperationDocumentationKey.self] = documentation
        }
    }

    public func startup(_ state: inout AppState, logger: Logger) async throws {}

    public func shutdown(_ state: AppState, logger: Logger) async {}

    /// Whether a scheme of this kind answered 401 before 0.122 too (OAuth2 and HTTP Basic).
    private static func keepsUnauthorized(_ scheme: JSONObject) -> Bool {
        switch scheme["type"] {
        case .string("oauth2"): true
        case .string("http"): scheme["scheme"] == .string("basic")
        default: false
        }
    }
}
