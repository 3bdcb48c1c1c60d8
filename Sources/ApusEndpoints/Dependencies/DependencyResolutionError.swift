public import ApusModels

/// Why a dependency could not be resolved outside the normal request flow.
public enum DependencyResolutionError: Error, Sendable, CustomStringConvertible {
    /// An extractor needs the HTTP request, but the dependency is resolved without one (a script, a job, or an
    /// app-scoped dependency at startup).
    case requestUnavailable(String)
    /// The dependency's inputs did not validate (outside HTTP, where there is no 422 to answer).
    case invalidInputs(dependency: String, errors: [ValidationErrorItem])

    public var description: String {
        switch self {
        case .requestUnavailable(let what):
            "\(what) needs an HTTP request, but the dependency is resolved without one"
        case .invalidInputs(let dependency, let errors):
            "\(dependency): invalid inputs \(String(decoding: errors.validationErrorBody, as: UTF8.self))"
        }
    }
}
