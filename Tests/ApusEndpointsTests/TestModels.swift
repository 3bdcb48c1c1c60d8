import Apus

/// The reference app's `Item`: `name: str(min 3)`, `price: float(gt 0)`, `code: str = 'AB1'(pattern)`.
@Schema
struct WireItem {
    @Field(minLength: 3)
    var name: String
    @Field(gt: 0)
    var price: Double
    @Field(pattern: #"^[A-Z]{2}\d$"#)
    var code: String = "AB1"
}

/// The reference app's second body model, for multi-body routes.
@Schema
struct WireUser {
    var username: String
}

/// A model with a nullable field, for encoding options.
@Schema
struct Note {
    var title: String
    var body: String? = nil
}

/// A string enum for path and query parameters.
enum Color: String, SchemaEnum {
    case red, green
}

/// Bytes for a request body.
func bytes(_ text: String) -> ByteBuffer {
    ByteBuffer(string: text)
}

/// `content-type: application/json`.
let jsonHeaders: HTTPFields = [.contentType: "application/json"]
