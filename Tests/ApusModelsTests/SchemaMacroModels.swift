import Apus
import Foundation

// Models of the reference apps declared with `@Schema`, as users write them.

// `openapi_small_app.json`: `Item`.
@Schema
struct Item: Equatable {
    @Field(minLength: 1, maxLength: 50)
    var name: String
    @Field(gt: 0)
    var price: Double
    var tags: [String] = []
    var description: String?
}

// `openapi_features_app.json`: `Color` and `ItemIn`.
enum FeatureColor: String, SchemaEnum {
    case red, blue
    static let schemaName = "Color"
}

@Schema
struct ItemIn {
    @Field(description: "The name", examples: ["Foo"])
    var name: String
    @Field(gt: 0, le: 1000)
    var price: Double
    var color: FeatureColor = .red
}

// `pydantic_models.txt`: `Signup` with camelCase aliases, populate-by-name, a field validator, an e-mail
// format and a model validator.
@Schema(naming: .camelCase, acceptsPropertyNames: true)
struct Signup: Equatable {
    @Field(validator: Signup.rejectSpaces)
    var first_name: String
    @Field(format: .email)
    var email: String
    var password: String
    var password2: String

    static func rejectSpaces(_ name: String) throws -> String {
        if name.contains(" ") { throw ValueError("must not contain a space") }
        return name.prefix(1).uppercased() + name.dropFirst().lowercased()
    }

    func validateModel() throws {
        if password != password2 { throw ValueError("passwords do not match") }
    }
}

// `pydantic_models.txt`: `Strict` (`extra="forbid"`).
@Schema(extraKeys: .forbid)
struct Strict {
    var a: Int
}

// `pydantic_models.txt`: `FilterParams`, a query model.
enum OrderBy: String, SchemaEnum {
    case created_at, updated_at
}

@Schema(extraKeys: .forbid)
struct FilterParams: Equatable {
    @Field(gt: 0, le: 100)
    var limit: Int = 100
    @Field(ge: 0)
    var offset: Int = 0
    var order_by: OrderBy = .created_at
    var tags: [String] = []
}

// `pydantic_models.txt`: `FormData`.
@Schema
struct FormData {
    var username: String
    var password: String
}

// `json_encoding.txt`: the typed model.
@Schema
struct TypedOutput {
    var dtz: Date
    var dec: Decimal
    var f: Double
}

// fastapi.md §1.4: the exclude-options model.
@Schema
struct ExcludeOptions {
    var a: Int
    var b: String? = nil
    var c: [Int] = []
    @Field(alias: "aliasField")
    var alias_field: String = "x"
}

/// A model exercising every supported field type.
/// It has a second paragraph.
@Schema(naming: .snakeCase)
struct EveryType {
    var text: String
    var small: Int8
    var ratio: Float
    var flag: Bool
    var amount: Decimal
    var id: UUID
    var when: Date
    var link: URL
    var blob: Data
    var labels: Set<String>
    var scores: [String: Int]
    var address: Address?
    var items: [Item] = []
    /// How many there are.
    @Field(minItems: 1)
    var evenCounts: [Int] = [2]
}
