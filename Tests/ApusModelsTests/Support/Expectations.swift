import ApusModels
import Testing

/// Decodes `body` as `T` at `["body"]` and returns the value and the 422 body FastAPI would send.
func validateBody<T: SchemaValue>(_ type: T.Type, _ body: String) throws -> (value: T?, detail: String) {
    var errors: [ValidationErrorItem] = []
    let value = try T.validate(json: Array(body.utf8), at: ["body"], errors: &errors)
    return (value, String(decoding: errors.validationErrorBody, as: UTF8.self))
}

/// Validates one query/path string and returns the 422 body for its errors.
func validateParameter<T: SchemaValue>(
    _ type: T.Type, _ text: String, at location: [LocationElement], spec: FieldSpec<T>? = nil
) -> (value: T?, detail: String) {
    var errors: [ValidationErrorItem] = []
    let value = T.validate(parameter: text, at: location, spec: spec, errors: &errors)
    return (value, String(decoding: errors.validationErrorBody, as: UTF8.self))
}

/// The compact JSON of a schema.
func compact(_ object: JSONObject) -> String { JSONValue.object(object).jsonString }

/// Re-serialises pretty-printed reference JSON compactly, keeping its key order.
func compactReference(_ text: String) throws -> String { try JSONValue(parsing: text).jsonString }
