import ApusModels

// The models the hostile bodies are validated as. As in ModelsBenchmark, the SchemaModel conformances are what
// `@Schema` expands to, written out so a release build needs no swift-syntax:
//
//   @Schema struct HostileItem {
//       var name: String
//       var description: String?
//       var scores: [String: Int] = [:]
//       var values: [Double] = []
//   }
//   @Schema(extraKeys: .forbid) struct HostileStrict {
//       var name: String
//   }

struct HostileItem: SchemaModel {
    var name: String
    var description: String?
    var scores: [String: Int] = [:]
    var values: [Double] = []

    static let fieldTable = ModelFieldTable([
        .init(name: "name", alias: nil, isRequired: true), .init(name: "description", alias: nil, isRequired: false),
        .init(name: "scores", alias: nil, isRequired: false), .init(name: "values", alias: nil, isRequired: false),
    ])

    static func decode(from decoder: inout ValidatingDecoder) throws(JSONSyntaxError) -> Self? {
        guard var state = try decoder.beginModel(fieldTable) else { return nil }
        var __apus_name: (String)? = nil
        var __apus_description: (String?)? = nil
        var __apus_scores: ([String: Int])? = nil
        var __apus_values: ([Double])? = nil
        while let field = try decoder.nextField(&state, fieldTable) {
            switch field {
            case 0: __apus_name = try decoder.decodeValue((String).self, spec: nil)
            case 1: __apus_description = try decoder.decodeValue((String?).self, spec: nil)
            case 2: __apus_scores = try decoder.decodeValue(([String: Int]).self, spec: nil)
            default: __apus_values = try decoder.decodeValue(([Double]).self, spec: nil)
            }
        }
        guard decoder.endModel(&state, fieldTable), let __apus_name else { return nil }
        return decoder.validateModel(
            Self(name: __apus_name, description: __apus_description ?? nil, scores: __apus_scores ?? [:], values: __apus_values ?? []), state)
    }

    func encode(to writer: inout JSONWriter) {
        var state = writer.beginModel()
        writer.writeField(&state, Self.fieldTable, 0, self.name)
        writer.writeField(&state, Self.fieldTable, 1, self.description)
        writer.writeField(&state, Self.fieldTable, 2, self.scores)
        writer.writeField(&state, Self.fieldTable, 3, self.values)
        writer.endModel(state)
    }

    static func modelSchema(in generator: inout JSONSchemaGenerator) -> JSONObject {
        var builder = ModelSchemaBuilder(table: fieldTable, description: nil)
        builder.addField(0, (String).self, spec: nil, in: &generator)
        builder.addField(1, (String?).self, spec: nil, in: &generator)
        builder.addField(2, ([String: Int]).self, spec: nil, defaultValue: (([:]) as [String: Int]).jsonValue, in: &generator)
        builder.addField(3, ([Double]).self, spec: nil, defaultValue: (([]) as [Double]).jsonValue, in: &generator)
        return builder.build(title: schemaName)
    }
}

struct HostileStrict: SchemaModel {
    var name: String

    static let fieldTable = ModelFieldTable([.init(name: "name", alias: nil, isRequired: true)], extraKeys: .forbid)

    static func decode(from decoder: inout ValidatingDecoder) throws(JSONSyntaxError) -> Self? {
        guard var state = try decoder.beginModel(fieldTable) else { return nil }
        var __apus_name: (String)? = nil
        while let _ = try decoder.nextField(&state, fieldTable) {
            __apus_name = try decoder.decodeValue((String).self, spec: nil)
        }
        guard decoder.endModel(&state, fieldTable), let __apus_name else { return nil }
        return decoder.validateModel(Self(name: __apus_name), state)
    }

    func encode(to writer: inout JSONWriter) {
        var state = writer.beginModel()
        writer.writeField(&state, Self.fieldTable, 0, self.name)
        writer.endModel(state)
    }

    static func modelSchema(in generator: inout JSONSchemaGenerator) -> JSONObject {
        var builder = ModelSchemaBuilder(table: fieldTable, description: nil)
        builder.addField(0, (String).self, spec: nil, in: &generator)
        return builder.build(title: schemaName)
    }
}
