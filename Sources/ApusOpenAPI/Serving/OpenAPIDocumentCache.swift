import ApusCore
import ApusModels
import Synchronization

/// The served document's bytes, built on the first request (so routes added after ``App/enableDocs(_:)`` are in
/// it, as FastAPI builds its schema lazily) and then reused. One copy per root path, since `servers` lists it.
final class OpenAPIDocumentCache: Sendable {
    private let builder: OpenAPIDocumentBuilder
    private let documents = Mutex<[String: ByteBuffer]>([:])

    init(builder: OpenAPIDocumentBuilder) {
        self.builder = builder
    }

    /// The document's JSON for `routes` under `rootPath`; `routes` is called only when no copy is cached.
    func bytes(rootPath: String, routes: () throws -> [Route]) throws -> ByteBuffer {
        if let cached = self.documents.withLock({ $0[rootPath] }) {
            return cached
        }
        let json = JSONValue.object(self.builder.json(for: try routes(), rootPath: rootPath))
        let bytes = ByteBuffer(bytes: json.jsonBytes)
        // Two first requests racing build the same bytes; keeping either is fine.
        return self.documents.withLock { documents in
            if let existing = documents[rootPath] { return existing }
            documents[rootPath] = bytes
            return bytes
        }
    }
}
