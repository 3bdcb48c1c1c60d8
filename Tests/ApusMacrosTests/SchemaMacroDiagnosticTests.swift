import ApusMacros
import SwiftSyntaxMacroExpansion
import SwiftSyntaxMacrosGenericTestSupport
import SwiftSyntaxMacros
import SwiftSyntaxMacrosTestSupport
import XCTest

/// `@Schema`'s compile-time errors and their fix-its.
final class SchemaMacroDiagnosticTests: XCTestCase {
    let macros: [String: any Macro.Type] = ["Schema": SchemaMacro.self, "Field": FieldMacro.self]

    func testMissingTypeAnnotationIsAnErrorWithAFixIt() {
        assertMacroExpansion(
            """
            @Schema
            struct Counter {
                var count = 0
            }
            """,
            expandedSource: """
                struct Counter {
                    var count = 0
                }
                """,
            diagnostics: [
                DiagnosticSpec(
                    message: "@Schema needs an explicit type annotation on 'count' (macros see syntax, not inferred types)", line: 3,
                    column: 9, fixIts: [FixItSpec(message: "add type annotation ': Int'")])
            ],
            macros: macros, applyFixIts: ["add type annotation ': Int'"],
            fixedSource: """
                @Schema
                struct Counter {
                    var count: Int = 0
                }
                """)
    }

    func testMissingTypeOfANonLiteralHasNoFixIt() {
        assertMacroExpansion(
            """
            @Schema
            struct Stamp {
                var at = Date()
            }
            """,
            expandedSource: """
                struct Stamp {
                    var at = Date()
                }
                """,
            diagnostics: [
                DiagnosticSpec(
                    message: "@Schema needs an explicit type annotation on 'at' (macros see syntax, not inferred types)", line: 3, column: 9
                )
            ],
            macros: macros)
    }

    func testConstraintThatDoesNotFitTheTypeIsAnErrorWithARemovalFixIt() {
        assertMacroExpansion(
            """
            @Schema
            struct Person {
                @Field(minLength: 3, gt: 0)
                var age: Int
            }
            """,
            expandedSource: """
                struct Person {
                    var age: Int
                }
                """,
            diagnostics: [
                DiagnosticSpec(
                    message: "'minLength' does not apply to 'age' of type 'Int'; it constrains strings", line: 3, column: 12,
                    fixIts: [FixItSpec(message: "remove 'minLength:'")])
            ],
            macros: macros, applyFixIts: ["remove 'minLength:'"],
            fixedSource: """
                @Schema
                struct Person {
                    @Field(gt: 0)
                    var age: Int
                }
                """)
    }

    func testItemConstraintOnAStringIsAnError() {
        assertMacroExpansion(
            """
            @Schema
            struct Tagged {
                @Field(uniqueItems: true)
                var tag: String?
            }
            """,
            expandedSource: """
                struct Tagged {
                    var tag: String?
                }
                """,
            diagnostics: [
                DiagnosticSpec(
                    message: "'uniqueItems' does not apply to 'tag' of type 'String?'; it constrains arrays", line: 3, column: 12,
                    fixIts: [FixItSpec(message: "remove 'uniqueItems:'")])
            ],
            macros: macros)
    }

    func testLetWithDefaultIsAnErrorWithAFixIt() {
        assertMacroExpansion(
            """
            @Schema
            struct Versioned {
                let version: Int = 1
            }
            """,
            expandedSource: """
                struct Versioned {
                    let version: Int = 1
                }
                """,
            diagnostics: [
                DiagnosticSpec(
                    message: "@Schema cannot decode 'version': a 'let' with a default value cannot be set by an initializer", line: 3,
                    column: 5,
                    fixIts: [FixItSpec(message: "change 'let' to 'var'")])
            ],
            macros: macros, applyFixIts: ["change 'let' to 'var'"],
            fixedSource: """
                @Schema
                struct Versioned {
                    var version: Int = 1
                }
                """)
    }

    func testSchemaOnAClassIsAnError() {
        assertMacroExpansion(
            """
            @Schema
            class Box {
                var value: Int = 0
            }
            """,
            expandedSource: """
                class Box {
                    var value: Int = 0
                }
                """,
            diagnostics: [DiagnosticSpec(message: "@Schema can only be applied to a struct", line: 1, column: 1)],
            macros: macros)
    }
}
