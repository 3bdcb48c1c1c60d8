import ApusMacros
import SwiftSyntaxMacroExpansion
import SwiftSyntaxMacrosGenericTestSupport
import SwiftSyntaxMacros
import SwiftSyntaxMacrosTestSupport
import XCTest

/// What `@Schema` generates for a small struct.
final class SchemaMacroExpansionTests: XCTestCase {
    func testExpansionOfARequiredAnOptionalAndADefaultedField() {
        assertMacroExpansion(
            """
            /// A pet.
            @Schema(naming: .snakeCase)
            public struct Pet {
                /// Its name.
                @Field(minLength: 1)
                public var petName: String
                public var age: Int?
                public var tags: [String] = []
                public var computed: Int { 1 }
                static let shared = 0
            }
            """,
            expandedSource: #"""
                /// A pet.
                public struct Pet {
                    /// Its name.
                    public var petName: String
                    public var age: Int?
                    public var tags: [String] = []
                    public var computed: Int { 1 }
                    static let shared = 0
                }

                extension Pet: ApusModels.SchemaModel {
                    public static let fieldTable = ApusModels.ModelFieldTable([
                        .init(name: "petName", alias: nil, isRequired: true),
                        .init(name: "age", alias: nil, isRequired: false),
                        .init(name: "tags", alias: nil, isRequired: false),
                        ], naming: .snakeCase)

                    static let __apus_spec_petName: ApusModels.FieldSpec<String> = ApusModels.FieldSpec<String>(description: "Its name.", minLength: 1)

                    init(__apusDecoded petName: String, age: Int?, tags: [String]) {
                        self.petName = petName
                        self.age = age
                        self.tags = tags
                    }

                    public static func decode(from decoder: inout ApusModels.ValidatingDecoder) throws(ApusModels.JSONSyntaxError) -> Self? {
                        guard var state = try decoder.beginModel(fieldTable) else {
                            return nil
                        }
                        var __apus_petName: (String)? = nil
                        var __apus_age: (Int?)? = nil
                        var __apus_tags: ([String])? = nil
                        while let field = try decoder.nextField(&state, fieldTable) {
                            switch field {
                            case 0:
                                __apus_petName = try decoder.decodeValue((String).self, spec: __apus_spec_petName)
                            case 1:
                                __apus_age = try decoder.decodeValue((Int?).self, spec: nil)
                            default:
                                __apus_tags = try decoder.decodeValue(([String]).self, spec: nil)
                            }
                        }
                        guard decoder.endModel(&state, fieldTable), let __apus_petName else {
                            return nil
                        }
                        return decoder.validateModel(Self(__apusDecoded: __apus_petName, age: __apus_age ?? nil, tags: __apus_tags ?? ([])), state)
                    }

                    public func encode(to writer: inout ApusModels.JSONWriter) {
                        var state = writer.beginModel()
                        writer.writeField(&state, Self.fieldTable, 0, self.petName)
                        writer.writeField(&state, Self.fieldTable, 1, self.age)
                        writer.writeField(&state, Self.fieldTable, 2, self.tags)
                        writer.endModel(state)
                    }

                    public static func modelSchema(in generator: inout ApusModels.JSONSchemaGenerator) -> ApusModels.JSONObject {
                        var builder = ApusModels.ModelSchemaBuilder(table: fieldTable, description: "A pet.")
                        builder.addField(0, (String).self, spec: __apus_spec_petName, in: &generator)
                        builder.addField(1, (Int?).self, spec: nil, in: &generator)
                        builder.addField(2, ([String]).self, spec: nil, defaultValue: (([]) as [String]).jsonValue, in: &generator)
                        return builder.build(title: schemaName)
                    }
                }
                """#,
            macros: ["Schema": SchemaMacro.self, "Field": FieldMacro.self])
    }
}
