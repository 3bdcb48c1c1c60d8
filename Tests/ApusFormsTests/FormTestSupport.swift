import ApusForms
import NIOCore

/// Parses `body`, sent as one buffer.
func parseForm(_ body: String, contentType: String?, limits: FormLimits = FormLimits()) async throws -> FormData {
    try await FormParser(limits: limits).parse(ChunkedBody([ByteBuffer(string: body)]), contentType: contentType)
}

/// Parses `body`, sent one byte per buffer, the worst case for a streaming parser.
func parseFormBytewise(_ body: String, contentType: String?, limits: FormLimits = FormLimits()) async throws -> FormData {
    let buffers = Array(body.utf8).map { ByteBuffer(bytes: [$0]) }
    return try await FormParser(limits: limits).parse(ChunkedBody(buffers), contentType: contentType)
}

/// The error `body` is rejected with.
func formError(_ body: String, contentType: String?, limits: FormLimits = FormLimits()) async -> FormParsingError? {
    do {
        let form = try await parseForm(body, contentType: contentType, limits: limits)
        await form.close()
        return nil
    } catch let error as FormParsingError {
        return error
    } catch {
        return nil
    }
}

/// The multipart content type with boundary `XX`, as the FastAPI reference captures use.
let multipartXX = "multipart/form-data; boundary=XX"

/// A multipart body with boundary `XX` made of `parts` (each the headers and contents of one part).
func multipartBody(_ parts: [(headers: [String], contents: String)]) -> String {
    var body = ""
    for part in parts {
        body += "--XX\r\n"
        for header in part.headers {
            body += header + "\r\n"
        }
        body += "\r\n" + part.contents + "\r\n"
    }
    return body + "--XX--\r\n"
}

/// A text part's headers.
func fieldHeaders(_ name: String) -> [String] {
    [#"Content-Disposition: form-data; name="\#(name)""#]
}

/// A file part's headers.
func fileHeaders(_ name: String, filename: String, contentType: String = "text/plain") -> [String] {
    [#"Content-Disposition: form-data; name="\#(name)"; filename="\#(filename)""#, "Content-Type: \(contentType)"]
}

/// A body made of given buffers.
struct ChunkedBody: AsyncSequence, Sendable {
    let buffers: [ByteBuffer]

    init(_ buffers: [ByteBuffer]) {
        self.buffers = buffers
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        var remaining: ArraySlice<ByteBuffer>

        mutating func next() async throws -> ByteBuffer? {
            self.remaining.popFirst()
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(remaining: self.buffers[...])
    }
}
