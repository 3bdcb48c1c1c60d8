import SwiftDiagnostics

/// Errors and fix-its of `@Schema`.
struct SchemaDiagnostic: DiagnosticMessage, FixItMessage {
    let message: String
    let id: String
    let severity: DiagnosticSeverity

    var diagnosticID: MessageID { MessageID(domain: "ApusMacros", id: id) }
    var fixItID: MessageID { diagnosticID }

    static func error(_ id: String, _ message: String) -> SchemaDiagnostic {
        SchemaDiagnostic(message: message, id: id, severity: .error)
    }

    static func fixIt(_ message: String) -> SchemaDiagnostic {
        SchemaDiagnostic(message: message, id: "fixit", severity: .note)
    }
}
