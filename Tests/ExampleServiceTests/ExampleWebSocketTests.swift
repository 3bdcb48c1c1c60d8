import Apus
import ApusTesting
import ExampleService
import Testing

@Suite("Example service: WebSockets in process and live")
struct ExampleWebSocketTests {
    @Test(arguments: [TestingMode.inProcess, .live])
    func echoAnswersEachMessage(mode: TestingMode) async throws {
        try await ExampleApp.make().test(mode) { client async throws in
            let (replies, close) = try await client.webSocket("/ws/echo") { ws in
                try await ws.send(text: "hello")
                try await ws.send(binary: ByteBuffer(bytes: [1, 2, 3]))
                return [try await ws.receive(), try await ws.receive()]
            }
            #expect(replies == [.text("hello"), .binary(ByteBuffer(bytes: [1, 2, 3]))])
            #expect(close?.code == .normalClosure)
        }
    }

    /// Two members of one room both get each message; a room name past 64 characters closes with 1008.
    @Test(arguments: [TestingMode.inProcess, .live])
    func chatRoomBroadcastsToEveryMember(mode: TestingMode) async throws {
        let app = ExampleApp.make()
        let rooms = try #require(app.exampleChatRooms)
        try await app.test(mode) { client async throws in
            async let ann = client.webSocket("/ws/chat/lobby") { ws in try await ws.receiveText() }
            let (echo, _) = try await client.webSocket("/ws/chat/lobby") { ws in
                while rooms.memberCount(of: "lobby") < 2 { try await Task.sleep(for: .milliseconds(10)) }
                try await ws.send(text: "hi from bob")
                return try await ws.receiveText()
            }
            let (heard, close) = try await ann
            #expect(echo == "hi from bob")
            #expect(heard == "hi from bob")
            #expect(close?.code == .normalClosure)
            let (_, refused) = try await client.webSocket("/ws/chat/" + String(repeating: "r", count: 65)) { ws in
                try await ws.receive()
            }
            #expect(refused?.code == .policyViolation)
        }
    }
}
