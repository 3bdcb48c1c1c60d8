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
    ///
    /// A document that streams (Server-Sent Events, JSON Lines) describes its items with `itemSchema`, a field of
    /// OpenAPI 3.2 that FastAPI writes into its 3.1 documents and Apus does too; OpenAPIKit reads that field only in
    /// a 3.2 document, so such a document is read as version 3.2.0.
    public func document(for routes: [Route], rootPath: String = "") throws -> OpenAPI.Document {
        var json = self.json(for: routes, rootPath: rootPath)
        if Self.describesStreamItems(json) {
            json["openapi"] = "3.2.0"
        }
        return try JSONDecoder().decode(OpenAPI.Document.self, from: Data(JSONValue.object(json).jsonBytes))
    }

    /// Whether a response of some operation describes its items with `itemSchema`.
    private static func describesStreamItems(_ document: JSONObject) -> Bool {
        func members(_ value: JSONValue?) -> [JSONValue] { value?.objectValue?.map(\.value) ?? [] }
        return members(document["paths"]).contains { pathItem in
            members(pathItem).contains { operation in
                members(operation.objectValue?["responses"]).contains { response in
                    members(response.objectValue?["content"]).contains { $0.objectValue?["itemSchema"] != nil }
                }
            }
        }
    }
}
