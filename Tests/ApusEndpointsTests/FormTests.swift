import Apus
import ApusTesting
import Testing

@Suite("Form fields and uploads")
struct FormTests {
    static let urlencoded: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
    static let multipart: HTTPFields = [.contentType: "multipart/form-data; boundary=XX"]

    static func multipartBody(_ parts: [(name: String, filename: String?, content: String)]) -> ByteBuffer {
        var text = ""
        for part in parts {
            text += "--XX\r\nContent-Disposition: form-data; name=\"\(part.name)\""
            if let filename = part.filename { text += "; filename=\"\(filename)\"\r\nContent-Type: text/plain" }
            text += "\r\n\r\n\(part.content)\r\n"
        }
        return ByteBuffer(string: text + "--XX--\r\n")
    }

    static func loginApp() -> App {
        let app = App()
        app.post("/form", Form<String>("username"), Form<String>("password")) { username, password in [username, password] }
        return app
    }

    @Test func urlencodedFieldsAreRead() async throws {
        try await Self.loginApp().test(.inProcess) { client in
            let response = try await client.post("/form", headers: Self.urlencoded, body: bytes("username=bob&password=x%20y"))
            #expect(response.text == #"["bob","x y"]"#)
        }
    }

    @Test func missingFormFieldHasNullInput() async throws {
        try await Self.loginApp().test(.inProcess) { client in
            let response = try await client.post("/form", headers: Self.urlencoded, body: bytes("username=bob"))
            // raw/o_form_missing.txt
            #expect(response.text == #"{"detail":[{"type":"missing","loc":["body","password"],"msg":"Field required","input":null}]}"#)
        }
    }

    @Test func jsonSentToAFormRouteLeavesEveryFieldMissing() async throws {
        try await Self.loginApp().test(.inProcess) { client in
            let response = try await client.post("/form", headers: jsonHeaders, body: bytes(#"{"username":"bob","password":"x"}"#))
            // raw/o3_form_sent_json.txt
            #expect(
                response.text
                    == #"{"detail":[{"type":"missing","loc":["body","username"],"msg":"Field required","input":null},{"type":"missing","loc":["body","password"],"msg":"Field required","input":null}]}"#
            )
        }
    }

    @Test func formFieldsAreValidatedByType() async throws {
        let app = App()
        app.post("/n", Form<Int>("n", spec: FieldSpec(ge: 1))) { n in n }
        try await app.test(.inProcess) { client in
            let response = try await client.post("/n", headers: Self.urlencoded, body: bytes("n=0"))
            #expect(
                response.text
                    == #"{"detail":[{"type":"greater_than_equal","loc":["body","n"],"msg":"Input should be greater than or equal to 1","input":"0","ctx":{"ge":1}}]}"#
            )
        }
    }

    @Test func tooManyFieldsIsStarlettes400() async throws {
        try await Self.loginApp().test(.inProcess) { client in
            let body = (0...1000).map { "f\($0)=1" }.joined(separator: "&")
            let response = try await client.post("/form", headers: Self.urlencoded, body: bytes(body))
            #expect(response.status == .badRequest)
            #expect(response.text == #"{"detail":"Too many fields. Maximum number of fields is 1000."}"#)
        }
    }

    @Test func multipartWithoutBoundaryIsA400() async throws {
        try await Self.loginApp().test(.inProcess) { client in
            let response = try await client.post("/form", headers: [.contentType: "multipart/form-data"], body: bytes("x"))
            #expect(response.status == .badRequest)
            #expect(response.text == #"{"detail":"Missing boundary in multipart."}"#)
        }
    }

    @Test func uploadGivesNameTypeSizeAndContents() async throws {
        let app = App()
        app.post("/upload", File<UploadedFile>("file"), Form<String>("note")) { file, note in
            let contents = try await file.read()
            return [file.filename, file.contentType ?? "", String(file.size), String(buffer: contents), note]
        }
        try await app.test(.inProcess) { client in
            let body = Self.multipartBody([("note", nil, "hi"), ("file", "a.txt", "hello")])
            let response = try await client.post("/upload", headers: Self.multipart, body: body)
            #expect(response.text == #"["a.txt","text/plain","5","hello","hi"]"#)
        }
    }

    @Test func missingUploadIsReported() async throws {
        let app = App()
        app.post("/upload", File<UploadedFile>("file")) { file in file.filename }
        try await app.test(.inProcess) { client in
            let response = try await client.post("/upload", headers: Self.multipart, body: Self.multipartBody([("note", nil, "hi")]))
            // raw/p_upload_missing.txt
            #expect(response.text == #"{"detail":[{"type":"missing","loc":["body","file"],"msg":"Field required","input":null}]}"#)
        }
    }

    @Test func optionalAndListUploads() async throws {
        let app = App()
        app.post("/files", File<UploadedFile?>("cover"), File<[UploadedFile]>("files")) { cover, files in
            [cover?.filename ?? "none"] + files.map(\.filename)
        }
        try await app.test(.inProcess) { client in
            let body = Self.multipartBody([("files", "a.txt", "1"), ("files", "b.txt", "2")])
            let response = try await client.post("/files", headers: Self.multipart, body: body)
            #expect(response.text == #"["none","a.txt","b.txt"]"#)
        }
    }

    @Test func uploadIsDocumentedAsAMultipartBinaryField() throws {
        let app = App()
        app.post("/upload", File<UploadedFile>("file"), Form<String>("note")) { file, _ in file.filename }
        let documentation = try #require(try app.routes().first?.metadata.attachments[OperationDocumentationKey.self])
        #expect(documentation.requestBody?.mediaType == "multipart/form-data")
        #expect(documentation.requestBody?.fields.map(\.isFile) == [true, false])
    }
}
