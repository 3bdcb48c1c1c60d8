public import Apus

extension ExampleApp {
    /// The WebSocket routes: an echo for the conformance suite and chat rooms.
    static func addWebSocketRoutes(to app: App) {
        // Every message back as it came, text as text and binary as binary (what the Autobahn-style conformance
        // client, Tests/WebSocketConformance, expects of the server under test).
        app.websocket("/ws/echo") { ws in
            try await ws.accept()
            for try await message in ws.messages {
                try await ws.send(message)
            }
        }

        // A chat room: each text message goes to every socket in the room, the sender's included.
        let rooms = Broadcast()
        app.state[ChatRoomsKey.self] = rooms
        app.websocket("/ws/chat/{room}", Path<String>("room", spec: FieldSpec(minLength: 1, maxLength: 64))) { ws, room in
            try await ws.accept()
            try await rooms.join(room, ws) {
                for try await text in ws.textMessages {
                    rooms.publish(.text(text), to: room)
                }
            }
        }
    }
}

/// The example's chat rooms, in app state.
enum ChatRoomsKey: AppStateKey {
    typealias Value = Broadcast
}

extension App {
    /// The example's chat rooms, for tests.
    public var exampleChatRooms: Broadcast? { self.state[ChatRoomsKey.self] }
}
