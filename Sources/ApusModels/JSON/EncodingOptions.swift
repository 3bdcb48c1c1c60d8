/// What to leave out when encoding a model: FastAPI's `response_model_exclude_none`, `..._include` and
/// `..._exclude`.
public struct EncodingOptions: Sendable, Hashable {
    /// Leave out fields whose value is `nil`, at every depth (Pydantic's `exclude_none`).
    public var dropNilFields: Bool
    /// When set, write only these fields of the top-level model (Swift property names, as Pydantic uses
    /// field names rather than aliases).
    public var includedFields: Set<String>?
    /// Fields of the top-level model to leave out (Swift property names).
    public var excludedFields: Set<String>

    /// Options; the defaults write every field.
    public init(dropNilFields: Bool = false, includedFields: Set<String>? = nil, excludedFields: Set<String> = []) {
        self.dropNilFields = dropNilFields
        self.includedFields = includedFields
        self.excludedFields = excludedFields
    }

    /// Whether any top-level field filter is set, so the common case skips the set lookups.
    public var filtersFields: Bool { includedFields != nil || !excludedFields.isEmpty }
}
