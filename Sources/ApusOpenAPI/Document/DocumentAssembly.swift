import ApusCore
import ApusEndpoints
import ApusModels

/// The parts of a document collected while its routes are added: paths, schema components (one per model, via
/// the shared ``JSONSchemaGenerator``) and security schemes.
struct DocumentAssembly {
    let configuration: OpenAPIConfiguration
    var generator = JSONSchemaGenerator()
    var paths = JSONObject()
    var securitySchemes = JSONObject()

    init(configuration: OpenAPIConfiguration) {
        self.configuration = configuration
    }

    /// Adds `route`'s operation under its path (FastAPI writes `{name:path}` templates as `{name}`).
    mutating func add(_ route: Route) {
        let path = Self.openAPIPath(route.path)
        let documentation = route.metadata.attachments[OperationDocumentationKey.self] ?? Self.undocumented(route)
        let operation = self.operation(for: route, documentation: documentation)
        var item = self.paths[path]?.objectValue ?? JSONObject()
        item[route.method.rawValue.lowercased()] = .object(operation)
        self.paths[path] = .object(item)
    }

    /// What is known of a plain closure route: its path parameters, as strings.
    static func undocumented(_ route: Route) -> OperationDocumentation {
        var documentation = OperationDocumentation()
        for name in route.parameterNames {
            documentation.parameters.append(
                ParameterDocumentation(
                    name: name, source: .path, isRequired: true,
                    schema: DocumentedSchema(field: String.self, name: name, spec: nil, defaultValue: nil)
                )
            )
        }
        return documentation
    }

    /// `/files/{file_path:path}` → `/files/{file_path}`.
    static func openAPIPath(_ path: String) -> String {
        var output = ""
        var inBraces = false
        var skipping = false
        for character in path {
            switch character {
            case "{":
                inBraces = true
            case "}":
                inBraces = false
                skipping = false
            case ":" where inBraces:
                skipping = true
            default:
                break
            }
            if !skipping { output.append(character) }
        }
        return output
    }
}
