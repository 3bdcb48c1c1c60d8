#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import ApusCore
import ApusModels
public import ApusOpenAPI
public import OpenAPIKit

extension OpenAPIDocumentBuilder {
    /// The document for `routes` as OpenAPIKit's typed model: for inspecting it, validating it
    /// (`try document.validate()`), or building on it. In the `ApusOpenAPIKit` product, so only an app that
    /// imports it builds OpenAPIKit.
    ///
    /// The served `/openapi.json` is the ordered JSON of ``json(for:rootPath:)``, not OpenAPIKit's encoding, which
    /// reorders keys and rewrites numbers (`0.0` as `0`); this is the same document read back by OpenAPIKit.
    public func document(for routes: [Route], rootPath: String = "") throws -> OpenAPI.Document {
        let bytes = JSONValue.object(self.json(for: routes, rootPath: rootPath)).jsonBytes
        return try JSONDecoder().decode(OpenAPI.Document.self, from: Data(bytes))
    }
}
