import Apus

/// Reads an integer path parameter with Pydantic's lax rules (`" 5"`, `"+5"`) and answers a bad one with FastAPI's
/// exact 422 body. A stop-gap until typed endpoints declare `itemID: Int` and get this from the models layer.
enum PathInteger {
    static func parse(_ request: Request, name: String) throws -> Int {
        let raw = request.pathParameters[name] ?? ""
        if let value = Int(raw.trimmingWhitespace()) {
            return value
        }
        throw HTTPError(
            .unprocessableContent,
            detail: [
                IntParsingError(
                    loc: ["path", name],
                    input: raw
                )
            ]
        )
    }
}

/// One item of FastAPI's 422 list for an integer that does not parse.
struct IntParsingError: Encodable, Sendable {
    let type = "int_parsing"
    let loc: [String]
    let msg = "Input should be a valid integer, unable to parse string as an integer"
    let input: String

    enum CodingKeys: String, CodingKey {
        case type, loc, msg, input
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}
