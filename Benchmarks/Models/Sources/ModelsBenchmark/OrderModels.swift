import ApusModels
import Foundation

// The benchmark's realistic model: an order of ~1 KB as JSON. Every type is `Codable` (for Foundation) and a
// `SchemaModel` (for ApusModels). The SchemaModel conformances are what `@Schema` expands to for these
// declarations (compare Tests/ApusMacrosTests/SchemaMacroExpansionTests.swift), written out so this package
// depends on ApusModels alone and a release build does not compile swift-syntax and SwiftNIO.
//
//   @Schema struct Address {
//       @Field(minLength: 1, maxLength: 100) var street: String
//       @Field(minLength: 1, maxLength: 60) var city: String
//       @Field(pattern: #"^\d{5}$"#) var zip: String
//       @Field(minLength: 2, maxLength: 2) var country: String
//   }
//   @Schema struct Customer {
//       var id: UUID
//       @Field(minLength: 1, maxLength: 100) var name: String
//       @Field(format: .email) var email: String
//       var address: Address
//   }
//   @Schema struct LineItem {
//       @Field(pattern: #"^[A-Z]{3}-\d{4}$"#) var sku: String
//       @Field(minLength: 1, maxLength: 200) var name: String
//       @Field(ge: 1, le: 1000) var quantity: Int
//       @Field(gt: 0) var unitPrice: Double
//       @Field(maxItems: 10) var tags: [String] = []
//   }
//   @Schema struct Order {
//       var id: UUID
//       var customer: Customer
//       @Field(minItems: 1) var items: [LineItem]
//       var status: OrderStatus
//       var createdAt: Date
//       @Field(maxLength: 500) var notes: String?
//       @Field(ge: 0) var total: Double
//       @Field(ge: 0, le: 10) var priority: Int
//       var gift: Bool
//       var metadata: [String: String] = [:]
//   }

enum OrderStatus: String, Codable, SchemaEnum {
    case pending, paid, shipped, cancelled
}

struct Address: Codable, SchemaModel {
    var street: String
    var city: String
    var zip: String
    var country: String

    static let fieldTable = ModelFieldTable([
        .init(name: "street", alias: nil, isRequired: true), .init(name: "city", alias: nil, isRequired: true),
        .init(name: "zip", alias: nil, isRequired: true), .init(name: "country", alias: nil, isRequired: true),
    ])
    static let __apus_spec_street: FieldSpec<String> = FieldSpec<String>(minLength: 1, maxLength: 100)
    static let __apus_spec_city: FieldSpec<String> = FieldSpec<String>(minLength: 1, maxLength: 60)
    static let __apus_spec_zip: FieldSpec<String> = FieldSpec<String>(pattern: #"^\d{5}$"#)
    static let __apus_spec_country: FieldSpec<String> = FieldSpec<String>(minLength: 2, maxLength: 2)

    static func decode(from decoder: inout ValidatingDecoder) throws(JSONSyntaxError) -> Self? {
        guard var state = try decoder.beginModel(fieldTable) else { return nil }
        var __apus_street: (String)? = nil
        var __apus_city: (String)? = nil
        var __apus_zip: (String)? = nil
        var __apus_country: (String)? = nil
        while let field = try decoder.nextField(&state, fieldTable) {
            switch field {
            case 0: __apus_street = try decoder.decodeValue((String).self, spec: __apus_spec_street)
            case 1: __apus_city = try decoder.decodeValue((String).self, spec: __apus_spec_city)
            case 2: __apus_zip = try decoder.decodeValue((String).self, spec: __apus_spec_zip)
            default: __apus_country = try decoder.decodeValue((String).self, spec: __apus_spec_country)
            }
        }
        guard decoder.endModel(&state, fieldTable), let __apus_street, let __apus_city, let __apus_zip, let __apus_country else { return nil }
        return decoder.validateModel(Self(street: __apus_street, city: __apus_city, zip: __apus_zip, country: __apus_country), state)
    }

    func encode(to writer: inout JSONWriter) {
        var state = writer.beginModel()
        writer.writeField(&state, Self.fieldTable, 0, self.street)
        writer.writeField(&state, Self.fieldTable, 1, self.city)
        writer.writeField(&state, Self.fieldTable, 2, self.zip)
        writer.writeField(&state, Self.fieldTable, 3, self.country)
        writer.endModel(state)
    }

    static func modelSchema(in generator: inout JSONSchemaGenerator) -> JSONObject {
        var builder = ModelSchemaBuilder(table: fieldTable, description: nil)
        builder.addField(0, (String).self, spec: __apus_spec_street, in: &generator)
        builder.addField(1, (String).self, spec: __apus_spec_city, in: &generator)
        builder.addField(2, (String).self, spec: __apus_spec_zip, in: &generator)
        builder.addField(3, (String).self, spec: __apus_spec_country, in: &generator)
        return builder.build(title: schemaName)
    }
}

struct Customer: Codable, SchemaModel {
    var id: UUID
    var name: String
    var email: String
    var address: Address

    static let fieldTable = ModelFieldTable([
        .init(name: "id", alias: nil, isRequired: true), .init(name: "name", alias: nil, isRequired: true),
        .init(name: "email", alias: nil, isRequired: true), .init(name: "address", alias: nil, isRequired: true),
    ])
    static let __apus_spec_name: FieldSpec<String> = FieldSpec<String>(minLength: 1, maxLength: 100)
    static let __apus_spec_email: FieldSpec<String> = FieldSpec<String>(format: .email)

    static func decode(from decoder: inout ValidatingDecoder) throws(JSONSyntaxError) -> Self? {
        guard var state = try decoder.beginModel(fieldTable) else { return nil }
        var __apus_id: (UUID)? = nil
        var __apus_name: (String)? = nil
        var __apus_email: (String)? = nil
        var __apus_address: (Address)? = nil
        while let field = try decoder.nextField(&state, fieldTable) {
            switch field {
            case 0: __apus_id = try decoder.decodeValue((UUID).self, spec: nil)
            case 1: __apus_name = try decoder.decodeValue((String).self, spec: __apus_spec_name)
            case 2: __apus_email = try decoder.decodeValue((String).self, spec: __apus_spec_email)
            default: __apus_address = try decoder.decodeValue((Address).self, spec: nil)
            }
        }
        guard decoder.endModel(&state, fieldTable), let __apus_id, let __apus_name, let __apus_email, let __apus_address else { return nil }
        return decoder.validateModel(Self(id: __apus_id, name: __apus_name, email: __apus_email, address: __apus_address), state)
    }

    func encode(to writer: inout JSONWriter) {
        var state = writer.beginModel()
        writer.writeField(&state, Self.fieldTable, 0, self.id)
        writer.writeField(&state, Self.fieldTable, 1, self.name)
        writer.writeField(&state, Self.fieldTable, 2, self.email)
        writer.writeField(&state, Self.fieldTable, 3, self.address)
        writer.endModel(state)
    }

    static func modelSchema(in generator: inout JSONSchemaGenerator) -> JSONObject {
        var builder = ModelSchemaBuilder(table: fieldTable, description: nil)
        builder.addField(0, (UUID).self, spec: nil, in: &generator)
        builder.addField(1, (String).self, spec: __apus_spec_name, in: &generator)
        builder.addField(2, (String).self, spec: __apus_spec_email, in: &generator)
        builder.addField(3, (Address).self, spec: nil, in: &generator)
        return builder.build(title: schemaName)
    }
}

struct LineItem: Codable, SchemaModel {
    var sku: String
    var name: String
    var quantity: Int
    var unitPrice: Double
    var tags: [String] = []

    static let fieldTable = ModelFieldTable([
        .init(name: "sku", alias: nil, isRequired: true), .init(name: "name", alias: nil, isRequired: true),
        .init(name: "quantity", alias: nil, isRequired: true), .init(name: "unitPrice", alias: nil, isRequired: true),
        .init(name: "tags", alias: nil, isRequired: false),
    ])
    static let __apus_spec_sku: FieldSpec<String> = FieldSpec<String>(pattern: #"^[A-Z]{3}-\d{4}$"#)
    static let __apus_spec_name: FieldSpec<String> = FieldSpec<String>(minLength: 1, maxLength: 200)
    static let __apus_spec_quantity: FieldSpec<Int> = FieldSpec<Int>(ge: 1, le: 1000)
    static let __apus_spec_unitPrice: FieldSpec<Double> = FieldSpec<Double>(gt: 0)
    static let __apus_spec_tags: FieldSpec<[String]> = FieldSpec<[String]>(maxItems: 10)

    static func decode(from decoder: inout ValidatingDecoder) throws(JSONSyntaxError) -> Self? {
        guard var state = try decoder.beginModel(fieldTable) else { return nil }
        var __apus_sku: (String)? = nil
        var __apus_name: (String)? = nil
        var __apus_quantity: (Int)? = nil
        var __apus_unitPrice: (Double)? = nil
        var __apus_tags: ([String])? = nil
        while let field = try decoder.nextField(&state, fieldTable) {
            switch field {
            case 0: __apus_sku = try decoder.decodeValue((String).self, spec: __apus_spec_sku)
            case 1: __apus_name = try decoder.decodeValue((String).self, spec: __apus_spec_name)
            case 2: __apus_quantity = try decoder.decodeValue((Int).self, spec: __apus_spec_quantity)
            case 3: __apus_unitPrice = try decoder.decodeValue((Double).self, spec: __apus_spec_unitPrice)
            default: __apus_tags = try decoder.decodeValue(([String]).self, spec: __apus_spec_tags)
            }
        }
        guard decoder.endModel(&state, fieldTable), let __apus_sku, let __apus_name, let __apus_quantity, let __apus_unitPrice else {
            return nil
        }
        return decoder.validateModel(
            Self(sku: __apus_sku, name: __apus_name, quantity: __apus_quantity, unitPrice: __apus_unitPrice, tags: __apus_tags ?? ([])), state)
    }

    func encode(to writer: inout JSONWriter) {
        var state = writer.beginModel()
        writer.writeField(&state, Self.fieldTable, 0, self.sku)
        writer.writeField(&state, Self.fieldTable, 1, self.name)
        writer.writeField(&state, Self.fieldTable, 2, self.quantity)
        writer.writeField(&state, Self.fieldTable, 3, self.unitPrice)
        writer.writeField(&state, Self.fieldTable, 4, self.tags)
        writer.endModel(state)
    }

    static func modelSchema(in generator: inout JSONSchemaGenerator) -> JSONObject {
        var builder = ModelSchemaBuilder(table: fieldTable, description: nil)
        builder.addField(0, (String).self, spec: __apus_spec_sku, in: &generator)
        builder.addField(1, (String).self, spec: __apus_spec_name, in: &generator)
        builder.addField(2, (Int).self, spec: __apus_spec_quantity, in: &generator)
        builder.addField(3, (Double).self, spec: __apus_spec_unitPrice, in: &generator)
        builder.addField(4, ([String]).self, spec: __apus_spec_tags, defaultValue: (([]) as [String]).jsonValue, in: &generator)
        return builder.build(title: schemaName)
    }
}

struct Order: Codable, SchemaModel {
    var id: UUID
    var customer: Customer
    var items: [LineItem]
    var status: OrderStatus
    var createdAt: Date
    var notes: String?
    var total: Double
    var priority: Int
    var gift: Bool
    var metadata: [String: String] = [:]

    static let fieldTable = ModelFieldTable([
        .init(name: "id", alias: nil, isRequired: true), .init(name: "customer", alias: nil, isRequired: true),
        .init(name: "items", alias: nil, isRequired: true), .init(name: "status", alias: nil, isRequired: true),
        .init(name: "createdAt", alias: nil, isRequired: true), .init(name: "notes", alias: nil, isRequired: false),
        .init(name: "total", alias: nil, isRequired: true), .init(name: "priority", alias: nil, isRequired: true),
        .init(name: "gift", alias: nil, isRequired: true), .init(name: "metadata", alias: nil, isRequired: false),
    ])
    static let __apus_spec_items: FieldSpec<[LineItem]> = FieldSpec<[LineItem]>(minItems: 1)
    static let __apus_spec_notes: FieldSpec<String?> = FieldSpec<String?>(maxLength: 500)
    static let __apus_spec_total: FieldSpec<Double> = FieldSpec<Double>(ge: 0)
    static let __apus_spec_priority: FieldSpec<Int> = FieldSpec<Int>(ge: 0, le: 10)

    static func decode(from decoder: inout ValidatingDecoder) throws(JSONSyntaxError) -> Self? {
        guard var state = try decoder.beginModel(fieldTable) else { return nil }
        var __apus_id: (UUID)? = nil
        var __apus_customer: (Customer)? = nil
        var __apus_items: ([LineItem])? = nil
        var __apus_status: (OrderStatus)? = nil
        var __apus_createdAt: (Date)? = nil
        var __apus_notes: (String?)? = nil
        var __apus_total: (Double)? = nil
        var __apus_priority: (Int)? = nil
        var __apus_gift: (Bool)? = nil
        var __apus_metadata: ([String: String])? = nil
        while let field = try decoder.nextField(&state, fieldTable) {
            switch field {
            case 0: __apus_id = try decoder.decodeValue((UUID).self, spec: nil)
            case 1: __apus_customer = try decoder.decodeValue((Customer).self, spec: nil)
            case 2: __apus_items = try decoder.decodeValue(([LineItem]).self, spec: __apus_spec_items)
            case 3: __apus_status = try decoder.decodeValue((OrderStatus).self, spec: nil)
            case 4: __apus_createdAt = try decoder.decodeValue((Date).self, spec: nil)
            case 5: __apus_notes = try decoder.decodeValue((String?).self, spec: __apus_spec_notes)
            case 6: __apus_total = try decoder.decodeValue((Double).self, spec: __apus_spec_total)
            case 7: __apus_priority = try decoder.decodeValue((Int).self, spec: __apus_spec_priority)
            case 8: __apus_gift = try decoder.decodeValue((Bool).self, spec: nil)
            default: __apus_metadata = try decoder.decodeValue(([String: String]).self, spec: nil)
            }
        }
        guard decoder.endModel(&state, fieldTable), let __apus_id, let __apus_customer, let __apus_items, let __apus_status,
            let __apus_createdAt, let __apus_total, let __apus_priority, let __apus_gift
        else { return nil }
        return decoder.validateModel(
            Self(
                id: __apus_id, customer: __apus_customer, items: __apus_items, status: __apus_status, createdAt: __apus_createdAt,
                notes: __apus_notes ?? nil, total: __apus_total, priority: __apus_priority, gift: __apus_gift,
                metadata: __apus_metadata ?? ([:])), state)
    }

    func encode(to writer: inout JSONWriter) {
        var state = writer.beginModel()
        writer.writeField(&state, Self.fieldTable, 0, self.id)
        writer.writeField(&state, Self.fieldTable, 1, self.customer)
        writer.writeField(&state, Self.fieldTable, 2, self.items)
        writer.writeField(&state, Self.fieldTable, 3, self.status)
        writer.writeField(&state, Self.fieldTable, 4, self.createdAt)
        writer.writeField(&state, Self.fieldTable, 5, self.notes)
        writer.writeField(&state, Self.fieldTable, 6, self.total)
        writer.writeField(&state, Self.fieldTable, 7, self.priority)
        writer.writeField(&state, Self.fieldTable, 8, self.gift)
        writer.writeField(&state, Self.fieldTable, 9, self.metadata)
        writer.endModel(state)
    }

    static func modelSchema(in generator: inout JSONSchemaGenerator) -> JSONObject {
        var builder = ModelSchemaBuilder(table: fieldTable, description: nil)
        builder.addField(0, (UUID).self, spec: nil, in: &generator)
        builder.addField(1, (Customer).self, spec: nil, in: &generator)
        builder.addField(2, ([LineItem]).self, spec: __apus_spec_items, in: &generator)
        builder.addField(3, (OrderStatus).self, spec: nil, in: &generator)
        builder.addField(4, (Date).self, spec: nil, in: &generator)
        builder.addField(5, (String?).self, spec: __apus_spec_notes, in: &generator)
        builder.addField(6, (Double).self, spec: __apus_spec_total, in: &generator)
        builder.addField(7, (Int).self, spec: __apus_spec_priority, in: &generator)
        builder.addField(8, (Bool).self, spec: nil, in: &generator)
        builder.addField(9, ([String: String]).self, spec: nil, defaultValue: (([:]) as [String: String]).jsonValue, in: &generator)
        return builder.build(title: schemaName)
    }
}
