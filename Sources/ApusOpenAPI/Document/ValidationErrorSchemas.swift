import ApusModels

/// The `HTTPValidationError` and `ValidationError` components FastAPI documents for its 422 answer, exactly as
/// FastAPI 0.163 writes them (`input` and `ctx` included, required `loc`, `msg`, `type`).
enum ValidationErrorSchemas {
    static let httpValidationErrorName = "HTTPValidationError"
    static let validationErrorName = "ValidationError"

    /// Registers both components and returns the reference to `HTTPValidationError`.
    static func reference(in generator: inout JSONSchemaGenerator) -> JSONObject {
        generator.reference(named: httpValidationErrorName) { generator in
            let item = generator.reference(named: validationErrorName) { _ in validationError }
            return [
                "properties": ["detail": ["items": .object(item), "type": "array", "title": "Detail"]],
                "type": "object",
                "title": .string(httpValidationErrorName),
            ]
        }
    }

    private static let validationError: JSONObject = [
        "properties": [
            "loc": [
                "items": ["anyOf": [["type": "string"], ["type": "integer"]]],
                "type": "array",
                "title": "Location",
            ],
            "msg": ["type": "string", "title": "Message"],
            "type": ["type": "string", "title": "Error Type"],
            "input": ["title": "Input"],
            "ctx": ["type": "object", "title": "Context"],
        ],
        "type": "object",
        "required": ["loc", "msg", "type"],
        "title": "ValidationError",
    ]
}
