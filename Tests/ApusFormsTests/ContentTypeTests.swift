import ApusForms
import NIOCore
import Testing

@Suite struct ContentTypeTests {
    @Test func parsesNoFormForAJSONBody() async throws {
        // o3_form_sent_json: FastAPI then reports every form field missing.
        let form = try await parseForm(#"{"username":"bob"}"#, contentType: "application/json")
        #expect(form.entries.isEmpty)
    }

    @Test func parsesNoFormWithoutAContentType() async throws {
        let form = try await parseForm("a=1", contentType: nil)
        #expect(form.entries.isEmpty)
    }

    @Test func recognisesUrlEncoded() {
        #expect(FormEncoding(contentType: "application/x-www-form-urlencoded") == .urlEncoded)
    }

    @Test func readsAQuotedBoundary() {
        #expect(FormEncoding(contentType: #"multipart/form-data; boundary="a b;c""#) == .multipart(boundary: "a b;c"))
    }

    @Test func reportsAMissingBoundaryAsNil() {
        #expect(FormEncoding(contentType: "multipart/form-data") == .multipart(boundary: nil))
        #expect(FormEncoding(contentType: "multipart/form-data; boundary=") == .multipart(boundary: nil))
    }

    @Test func rejectsMultipartWithoutBoundaryWithStarlettesMessage() async throws {
        let error = await formError("x", contentType: "multipart/form-data")
        #expect(error == FormParsingError(.missingBoundary))
        #expect(error?.detail == "Missing boundary in multipart.")
    }

    @Test func rejectsMultipartWithAnEmptyBoundary() async throws {
        let error = await formError("x", contentType: "multipart/form-data; boundary=")
        #expect(error?.detail == "Missing boundary in multipart.")
    }
}
