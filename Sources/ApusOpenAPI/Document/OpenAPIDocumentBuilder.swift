public import ApusCore
public import ApusModels
import ApusEndpoints

/// Builds the OpenAPI 3.1 document of an app's routes, as FastAPI's `get_openapi` does: the same objects, the same
/// defaults (operation ids, summaries, the 422 response only for operations with inputs) and the same key order,
/// so that Apus's `/openapi.json` and FastAPI's can be compared line by line.
///
/// Typed endpoints describe themselves with ``OperationDocumentation``; a plain closure route is documented with
/// its path parameters (as strings) and a `200` whose body is undescribed (`{}`), since nothing more is known.
/// Routes with `includeInSchema == false` are left out.
public struct OpenAPIDocumentBuilder: Sendable {
    /// The info, servers, tags and naming rules.
    public var configuration: OpenAPIConfiguration

    /// A builder with `configuration`.
    public init(configuration: OpenAPIConfiguration = OpenAPIConfiguration()) {
        self.configuration = configuration
    }

    /// The document for `routes` as ordered JSON.
    ///
    /// - Parameters:
    ///   - routes: the app's routes (``App/routes()``).
    ///   - rootPath: the root path the document is served under; listed first in `servers` when set (unless
    ///     ``OpenAPIConfiguration/rootPathInServers`` is off).
    public func json(for routes: [Route], rootPath: String = "") -> JSONObject {
        var assembly = DocumentAssembly(configuration: self.configuration)
        for route in routes where route.metadata.includeInSchema {
            assembly.add(route)
        }
        var document: JSONObject = ["openapi": "3.1.0", "info": .object(self.infoJSON)]
        let servers = self.servers(rootPath: rootPath)
        if !servers.isEmpty {
            document["servers"] = .array(servers.map { .object(Self.serverJSON($0)) })
        }
        document["paths"] = .object(assembly.paths)
        var components = JSONObject()
        if !assembly.generator.components.isEmpty {
            components["schemas"] = .object(assembly.generator.sortedComponents)
        }
        if !assembly.securitySchemes.isEmpty {
            components["securitySchemes"] = .object(assembly.securitySchemes)
        }
        if !components.isEmpty {
            document["components"] = .object(components)
        }
        if !self.configuration.tags.isEmpty {
            document["tags"] = .array(self.configuration.tags.map { .object(Self.tagJSON($0)) })
        }
        return document
    }

    /// The servers listed: the root path first (when set and not already listed), then the configured ones.
    func servers(rootPath: String) -> [OpenAPIServer] {
        var servers = self.configuration.servers
        let trimmed = rootPath.hasSuffix("/") ? String(rootPath.dropLast()) : rootPath
        if self.configuration.rootPathInServers, !trimmed.isEmpty, !servers.contains(where: { $0.url == trimmed }) {
            servers.insert(OpenAPIServer(url: trimmed), at: 0)
        }
        return servers
    }

    var infoJSON: JSONObject {
        let info = self.configuration.info
        var json: JSONObject = ["title": .string(info.title)]
        if let summary = info.summary { json["summary"] = .string(summary) }
        if let description = info.description { json["description"] = .string(description) }
        if let terms = info.termsOfService { json["termsOfService"] = .string(terms) }
        if let contact = info.contact {
            var object = JSONObject()
            if let name = contact.name { object["name"] = .string(name) }
            if let url = contact.url { object["url"] = .string(url) }
            if let email = contact.email { object["email"] = .string(email) }
            json["contact"] = .object(object)
        }
        if let license = info.license {
            var object: JSONObject = ["name": .string(license.name)]
            if let identifier = license.identifier { object["identifier"] = .string(identifier) }
            if let url = license.url { object["url"] = .string(url) }
            json["license"] = .object(object)
        }
        json["version"] = .string(info.version)
        return json
    }

    static func serverJSON(_ server: OpenAPIServer) -> JSONObject {
        var json: JSONObject = ["url": .string(server.url)]
        if let description = server.description { json["description"] = .string(description) }
        return json
    }

    static func tagJSON(_ tag: OpenAPITag) -> JSONObject {
        var json: JSONObject = ["name": .string(tag.name)]
        if let description = tag.description { json["description"] = .string(description) }
        if let docs = tag.externalDocs {
            var link = JSONObject()
            if let description = docs.description { link["description"] = .string(description) }
            link["url"] = .string(docs.url)
            json["externalDocs"] = .object(link)
        }
        return json
    }
}
