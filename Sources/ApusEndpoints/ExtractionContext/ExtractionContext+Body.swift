import Synchronization
import ApusCore
import ApusForms
import ApusModels

extension ExtractionContext {
    /// Reads the body once and parses it by FastAPI's rules, before any extractor runs: invalid JSON is a 422
    /// with only `json_invalid`; bytes that are not text, nesting past ``JSONLimits/maximumDepth`` and integers
    /// past ``JSONLimits/maximumIntegerDigits`` are a 400 (Python raises something other than
    /// `JSONDecodeError`); all before dependencies run.
    mutating func prepareBody(loneBodyDecoder: LoneBodyDecoder?) async throws {
        let request = try self.requiredRequest(for: "the body")
        if self.bodyMode == .form {
            try await self.prepareForm(request)
            return
        }
        let buffer = try await request.collectBody()
        let bytes = Array(buffer.readableBytesView)
        guard !bytes.isEmpty else {
            self.body = .missing
            return
        }
        let parsesJSON =
            request.headers[.contentType].map(JSONContentType.matches)
            ?? !self.environment.settings.withLock { $0.strictContentType }
        guard parsesJSON else {
            self.body = .text(String(decoding: bytes, as: UTF8.self))
            return
        }
        if self.bodyMode == .lone, let decoder = loneBodyDecoder {
            var errors: [ValidationErrorItem] = []
            let value: (any Sendable)?
            do {
                value = try decoder.decode(bytes, &errors)
            } catch {
                throw Self.undecodableBody
            }
            if errors.contains(where: { $0.type == "json_invalid" }) {
                throw RequestValidationError(errors)
            }
            self.body = .lone(value: value, errors: errors)
            return
        }
        do {
            self.body = .json(try JSONValue(parsing: bytes))
        } catch {
            guard let item = error.validationError(at: ["body"]) else { throw Self.undecodableBody }
            throw RequestValidationError([item])
        }
    }

    /// Parses a form body with Starlette's limits; the uploads are closed (temporary files removed) when the
    /// request is done, with the request-scoped cleanups.
    private mutating func prepareForm(_ request: Request) async throws {
        let form: FormData
        do {
            form = try await FormParser().parse(request.body, contentType: request.headers[.contentType])
        } catch let error as FormParsingError {
            throw HTTPError(HTTPResponse.Status(code: error.status), detail: error.detail)
        }
        self.body = .form(form)
        if form.fileCount > 0 {
            self.dependencies.cleanups.append(DependencyCleanup(scope: .request, name: "form uploads") { await form.close() })
        }
    }

    /// FastAPI's answer to a body it cannot decode as text.
    static var undecodableBody: HTTPError {
        HTTPError(.badRequest, detail: "There was an error parsing the body")
    }
}
