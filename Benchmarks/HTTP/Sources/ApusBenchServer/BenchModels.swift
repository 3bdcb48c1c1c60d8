import ApusModels

// The benchmark's models. The SchemaModel conformances are what `@Schema` expands to for these declarations
// (compare Tests/ApusMacrosTests/SchemaMacroExpansionTests.swift), written out so that this package depends on
// ApusCore, ApusEndpoints and ApusModels only and a release build does not compile swift-syntax:
//
//   /// The seed's item: every constraint is checked on every request.
//   @Schema struct Item {
//       @Field(minLength: 1) var name: String
//       @Field(gt: 0) var price: Double
//       var tags: [String] = []
//       var description: String? = nil
//   }
//   @Schema(naming: .snakeCase) struct ItemLookup {
//       var itemId: Int
//       var q: String? = nil
//   }

struct Item: SchemaModel {
    var name: String
    var price: Double
    var tags: [String] = []
    var description: String? = nil

    static let fieldTable = ModelFieldTable([
        .init(name: "name", alias: nil, isRequired: true), .init(name: "price", alias: nil, isRequired: true),
        .init(name: "tags", alias: nil, isRequired: false), .init(name: "description", alias: nil, isRequired: false),
    ])
    static let __apus_spec_name: FieldSpec<String> = FieldSpec<String>(minLength: 1)
    static let __apus_spec_price: FieldSpec<Double> = FieldSpec<Double>(gt: 0)

    static func decode(from decoder: inout ValidatingDecoder) throws(JSONSyntaxError) -> Self? {
        guard var state = try decoder.beginModel(fieldTable) else { return nil }
        var __apus_name: (String)? = nil
        var __apus_price: (Double)? = nil
        var __apus_tags: ([String])? = nil
        var __apus_description: (String?)? = nil
        while let field = try decoder.nextField(&state, fieldTable) {
            switch field {
            case 0: __apus_name = try decoder.decodeValue((String).self, spec: __apus_spec_name)
            case 1: __apus_price = try decoder.decodeValue((Double).self, spec: __apus_spec_price)
            case 2: __apus_tags = try decoder.decodeValue(([String]).self, spec: nil)
            default: __apus_description = try decoder.decodeValue((String?).self, spec: nil)
            }
        }
        guard decoder.endModel(&state, fieldTable), let __apus_name, let __apus_price else { return nil }
        return decoder.validateModel(
            Self(name: __apus_name, price: __apus_price, tags: __apus_tags ?? [], description: __apus_description ?? nil), state)
    }

    func encode(to writer: inout JSONWriter) {
        var state = writer.beginModel()
        writer.writeField(&state, Self.fieldTable, 0, self.name)
        writer.writeField(&state, Self.fieldTable, 1, self.price)
        writer.writeField(&state, Self.fieldTable, 2, self.tags)
        writer.writeField(&state, Self.fieldTable, 3, self.description)
        writer.endModel(state)
    }

    static func modelSchema(in generator: inout JSONSchemaGenerator) -> JSONObject {
        var builder = ModelSchemaBuilder(table: fieldTable, description: nil)
        builder.addField(0, (String).self, spec: __apus_spec_name, in: &generator)
        builder.addField(1, (Double).self, spec: __apus_spec_price, in: &generator)
        builder.addField(2, ([String]).self, spec: nil, in: &generator)
        builder.addField(3, (String?).self, spec: nil, in: &generator)
        return builder.build(title: schemaName)
    }
}

struct ItemLookup: SchemaModel {
    var itemId: Int
    var q: String? = nil

    static let fieldTable = ModelFieldTable([
        .init(name: "item_id", alias: nil, isRequired: true), .init(name: "q", alias: nil, isRequired: false),
    ])

    static func decode(from decoder: inout ValidatingDecoder) throws(JSONSyntaxError) -> Self? {
        guard var state = try decoder.beginModel(fieldTable) else { return nil }
        var __apus_itemId: (Int)? = nil
        var __apus_q: (String?)? = nil
        while let field = try decoder.nextField(&state, fieldTable) {
            switch field {
            case 0: __apus_itemId = try decoder.decodeValue((Int).self, spec: nil)
            default: __apus_q = try decoder.decodeValue((String?).self, spec: nil)
            }
        }
        guard decoder.endModel(&state, fieldTable), let __apus_itemId else { return nil }
        return decoder.validateModel(Self(itemId: __apus_itemId, q: __apus_q ?? nil), state)
    }

    func encode(to writer: inout JSONWriter) {
        var state = writer.beginModel()
        writer.writeField(&state, Self.fieldTable, 0, self.itemId)
        writer.writeField(&state, Self.fieldTable, 1, self.q)
        writer.endModel(state)
    }

    static func modelSchema(in generator: inout JSONSchemaGenerator) -> JSONObject {
        var builder = ModelSchemaBuilder(table: fieldTable, description: nil)
        builder.addField(0, (Int).self, spec: nil, in: &generator)
        builder.addField(1, (String?).self, spec: nil, in: &generator)
        return builder.build(title: schemaName)
    }
}
