import Apus
import ApusTesting
import Synchronization
import Testing

/// The caller, named by an API key (enough for these tests; the example uses OAuth2 and JWT).
struct KeyHolder: Dependency {
    var name: String
    static let provider = DependencyProvider(APIKey.header("X-Key")) { key in KeyHolder(name: key) }
}

struct Note: Sendable, Equatable {
    var id: Int
    var owner: String
    var text: String
}

/// The notes, changed by the tests' PUTs.
let notes = Mutex<[Int: Note]>([1: Note(id: 1, owner: "alice", text: "a"), 2: Note(id: 2, owner: "bob", text: "b")])

enum NoteOwnership: OwnershipRule {
    static let idParameter = "note_id"
    static func load(_ id: Int, request: Request) async throws -> Note? { notes.withLock { $0[id] } }
    static func owns(_ holder: KeyHolder, _ note: Note) -> Bool { note.owner == holder.name }
}

enum HiddenNoteOwnership: OwnershipRule {
    static let idParameter = "note_id"
    static let denial = OwnershipDenial.notFound
    static let notFoundDetail = "No such note"
    static func load(_ id: Int, request: Request) async throws -> Note? { notes.withLock { $0[id] } }
    static func owns(_ holder: KeyHolder, _ note: Note) -> Bool { note.owner == holder.name }
}

@Suite("Ownership (BOLA)")
struct OwnedTests {
    static let key = HTTPField.Name("x-key")!

    static func app() -> App {
        let app = App()
        app.put("/notes/{note_id}", Depends<Owned<NoteOwnership>>(), Body<String>("text")) { owned, text in
            notes.withLock { $0[owned.resource.id]?.text = text }
            return ["id": owned.resource.id]
        }
        app.get("/hidden/{note_id}", Depends<Owned<HiddenNoteOwnership>>()) { owned in ["text": owned.resource.text] }
        app.enableDocs()
        return app
    }

    @Test func anotherUsersResourceIsForbiddenAndUnchanged() async throws {
        try await Self.app().test(.inProcess) { client in
            let bob = try await client.put(
                "/notes/1", headers: [Self.key: "bob", .contentType: "application/json"], body: ByteBuffer(string: #""mine now""#))
            #expect(bob.status == .forbidden)
            #expect(bob.text == #"{"detail":"Not the owner"}"#)
            #expect(notes.withLock { $0[1]?.text } == "a")
            let missing = try await client.put(
                "/notes/9", headers: [Self.key: "bob", .contentType: "application/json"], body: ByteBuffer(string: #""x""#))
            #expect(missing.status == .notFound)
            #expect(missing.text == #"{"detail":"Note not found"}"#)
            let anonymous = try await client.put("/notes/1", headers: [.contentType: "application/json"], body: ByteBuffer(string: #""x""#))
            #expect(anonymous.status == .unauthorized)
            #expect(notes.withLock { $0[1]?.text } == "a")
        }
    }

    @Test func hiddenDenialLooksLikeAMissingResource() async throws {
        try await Self.app().test(.inProcess) { client in
            let other = try await client.get("/hidden/2", headers: [Self.key: "alice"])
            let missing = try await client.get("/hidden/9", headers: [Self.key: "alice"])
            #expect(other.status == .notFound)
            #expect(other.text == missing.text)
            #expect(other.text == #"{"detail":"No such note"}"#)
            let mine = try await client.get("/hidden/2", headers: [Self.key: "bob"])
            #expect(mine.text == #"{"text":"b"}"#)
        }
    }

    @Test func bothDenialsAreDocumented() async throws {
        try await Self.app().test(.inProcess) { client in
            let document = try await client.get("/openapi.json").text
            let put = SecuritySchemeTests.statuses(of: "/notes/{note_id}", in: document, method: "put")
            #expect(put == ["200", "404", "403", "401", "400", "422"])
            #expect(SecuritySchemeTests.statuses(of: "/hidden/{note_id}", in: document) == ["200", "404", "401", "422"])
        }
    }
}
