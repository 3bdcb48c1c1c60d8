import ApusModels

// Models of the reference app (`probes/app_wire.py.txt`) written by hand against the public protocol, without
// macros, to show that `SchemaModel` is implementable directly.

/// `class Address(BaseModel): street: str; zip: int`
struct Address: SchemaModel, Equatable {
    var street: String
    var zip: Int

    static let fieldTable = ModelFieldTable([.init(name: "street", isRequired: true), .init(name: "zip", isRequired: true)])

    static func decode(from decoder: inout ValidatingDecoder) throws(JSONSyntaxError) -> Address? {
        guard var state = try decoder.beginModel(fieldTable) else { return nil }
        var street: String?
        var zip: Int?
        while let field = try decoder.nextField(&state, fieldTable) {
            switch field {
            case 0: street = try decoder.decodeValue(String.self, spec: nil)
            default: zip = try decoder.decodeValue(Int.self, spec: nil)
            }
        }
        guard decoder.endModel(&state, fieldTable), let street, let zip else { return nil }
        return decoder.validateModel(Address(street: street, zip: zip), state)
    }

    func encode(to writer: inout JSONWriter) {
        var state = writer.beginModel()
        writer.writeField(&state, Self.fieldTable, 0, street)
        writer.writeField(&state, Self.fieldTable, 1, zip)
        writer.endModel(state)
    }

    static func modelSchema(in generator: inout JSONSchemaGenerator) -> JSONObject {
        var builder = ModelSchemaBuilder(table: fieldTable)
        builder.addField(0, String.self, spec: nil, in: &generator)
        builder.addField(1, Int.self, spec: nil, in: &generator)
        return builder.build(title: schemaName)
    }
}

/// `class User(BaseModel): name: str; age: int; address: Address`
struct User: SchemaModel, Equatable {
    var name: String
    var age: Int
    var address: Address

    static let fieldTable = ModelFieldTable([
        .init(name: "name", isRequired: true), .init(name: "age", isRequired: true), .init(name: "address", isRequired: true),
    ])

    static func decode(from decoder: inout ValidatingDecoder) throws(JSONSyntaxError) -> User? {
        guard var state = try decoder.beginModel(fieldTable) else { return nil }
        var name: String?
        var age: Int?
        var address: Address?
        while let field = try decoder.nextField(&state, fieldTable) {
            switch field {
            case 0: name = try decoder.decodeValue(String.self, spec: nil)
            case 1: age = try decoder.decodeValue(Int.self, spec: nil)
            default: address = try decoder.decodeValue(Address.self, spec: nil)
            }
        }
        guard decoder.endModel(&state, fieldTable), let name, let age, let address else { return nil }
        return decoder.validateModel(User(name: name, age: age, address: address), state)
    }

    func encode(to writer: inout JSONWriter) {
        var state = writer.beginModel()
        writer.writeField(&state, Self.fieldTable, 0, name)
        writer.writeField(&state, Self.fieldTable, 1, age)
        writer.writeField(&state, Self.fieldTable, 2, address)
        writer.endModel(state)
    }

    static func modelSchema(in generator: inout JSONSchemaGenerator) -> JSONObject {
        var builder = ModelSchemaBuilder(table: fieldTable)
        builder.addField(0, String.self, spec: nil, in: &generator)
        builder.addField(1, Int.self, spec: nil, in: &generator)
        builder.addField(2, Address.self, spec: nil, in: &generator)
        return builder.build(title: schemaName)
    }
}

/// `class Item(BaseModel): name: str = Field(min_length=3); price: float = Field(gt=0);
/// code: str = Field(default="AB1", pattern=r"^[A-Z]{2}\d$")`
struct WireItem: SchemaModel, Equatable {
    var name: String
    var price: Double
    var code: String = "AB1"

    static let schemaName = "Item"
    static let fieldTable = ModelFieldTable([
        .init(name: "name", isRequired: true), .init(name: "price", isRequired: true), .init(name: "code", isRequired: false),
    ])
    static let nameSpec = FieldSpec<String>(minLength: 3)
    static let priceSpec = FieldSpec<Double>(gt: 0)
    static let codeSpec = FieldSpec<String>(pattern: #"^[A-Z]{2}\d$"#)

    static func decode(from decoder: inout ValidatingDecoder) throws(JSONSyntaxError) -> WireItem? {
        guard var state = try decoder.beginModel(fieldTable) else { return nil }
        var name: String?
        var price: Double?
        var code: String?
        while let field = try decoder.nextField(&state, fieldTable) {
            switch field {
            case 0: name = try decoder.decodeValue(String.self, spec: nameSpec)
            case 1: price = try decoder.decodeValue(Double.self, spec: priceSpec)
            default: code = try decoder.decodeValue(String.self, spec: codeSpec)
            }
        }
        guard decoder.endModel(&state, fieldTable), let name, let price else { return nil }
        return decoder.validateModel(WireItem(name: name, price: price, code: code ?? "AB1"), state)
    }

    func encode(to writer: inout JSONWriter) {
        var state = writer.beginModel()
        writer.writeField(&state, Self.fieldTable, 0, name)
        writer.writeField(&state, Self.fieldTable, 1, price)
        writer.writeField(&state, Self.fieldTable, 2, code)
        writer.endModel(state)
    }

    static func modelSchema(in generator: inout JSONSchemaGenerator) -> JSONObject {
        var builder = ModelSchemaBuilder(table: fieldTable)
        builder.addField(0, String.self, spec: nameSpec, in: &generator)
        builder.addField(1, Double.self, spec: priceSpec, in: &generator)
        builder.addField(2, String.self, spec: codeSpec, defaultValue: "AB1", in: &generator)
        return builder.build(title: schemaName)
    }
}

/// `class Color(str, Enum): red = "red"; green = "green"`
enum Color: String, SchemaEnum, Equatable {
    case red, green
}
