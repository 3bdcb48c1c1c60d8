import ApusCore
public import ApusModels

/// A model whose fields are query parameters (FastAPI's `Annotated[FilterParams, Query()]`, 0.115+): each field
/// is read, validated and documented as its own parameter, and the model's rules apply to the whole (unknown keys
/// are `extra_forbidden` when the model forbids extra keys, a model validator sees every field).
///
/// ```swift
/// @Schema(extraKeys: .forbid)
/// struct FilterParams {
///     @Field(gt: 0, le: 100) var limit: Int = 100
///     var tags: [String] = []
/// }
/// app.get("/items", QueryModel<FilterParams>()) { filter in ... }     // ?limit=5&tags=a&tags=b
/// ```
///
/// Array fields collect repeated keys; other fields take the last value. Errors are at `["query", field]`.
public typealias QueryModel<Model: SchemaModel> = ParameterModel<ParameterModelSources.Query, Model>

/// A model whose fields are header fields (FastAPI's `Annotated[CommonHeaders, Header()]`): a field `x_token`
/// reads `x-token` (underscores become hyphens, as FastAPI's `convert_underscores`), array fields collect every
/// field of that name, others take the first. Errors are at `["header", "x-token"]`.
public typealias HeaderModel<Model: SchemaModel> = ParameterModel<ParameterModelSources.Header, Model>

/// A model whose fields are cookies (FastAPI's `Annotated[Cookies, Cookie()]`). Errors are at
/// `["cookie", field]`.
public typealias CookieModel<Model: SchemaModel> = ParameterModel<ParameterModelSources.Cookie, Model>

/// Reads a model from the string parameters of one source: ``QueryModel``, ``HeaderModel``, ``CookieModel``.
public struct ParameterModel<Source: ParameterModelSource, Model: SchemaModel>: Extractor {
    public typealias Value = Model
    let rule = ParameterModelRule<Model>(source: Source.source)

    /// Reads `Model` from the source's parameters.
    public init() {}

    public func register(in plan: inout EndpointPlan) {
        self.rule.register(in: &plan)
    }

    public func extract(from context: inout ExtractionContext) async throws -> Model? {
        self.rule.validate(try Source.parameters(in: &context, for: "\(Source.source.locationName) model \(Model.self)"), in: &context)
    }
}

/// Where a ``ParameterModel`` reads its name, value pairs (in wire order).
public protocol ParameterModelSource: Sendable {
    /// The source's location name in errors and OpenAPI.
    static var source: ParameterSource { get }
    /// The request's parameters from this source.
    static func parameters(in context: inout ExtractionContext, for what: String) throws -> [(name: String, value: String)]
}

/// The sources of ``ParameterModel``.
public enum ParameterModelSources {
    /// The query string.
    public enum Query: ParameterModelSource {
        public static var source: ParameterSource { .query }
        public static func parameters(in context: inout ExtractionContext, for what: String) throws -> [(name: String, value: String)] {
            try context.requiredRequest(for: what).query.parameters.map { ($0.name, $0.value) }
        }
    }

    /// The header fields, by lowercase name.
    public enum Header: ParameterModelSource {
        public static var source: ParameterSource { .header }
        public static func parameters(in context: inout ExtractionContext, for what: String) throws -> [(name: String, value: String)] {
            try context.requiredRequest(for: what).headers.map { ($0.name.canonicalName, $0.value) }
        }
    }

    /// The cookies, by name (the `Cookie` header is parsed into a dictionary, so in name order).
    public enum Cookie: ParameterModelSource {
        public static var source: ParameterSource { .cookie }
        public static func parameters(in context: inout ExtractionContext, for what: String) throws -> [(name: String, value: String)] {
            try context.allCookies(for: what).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        }
    }
}

/// How a model's fields are read from string parameters of one source: each field's parameter name and whether
/// it collects repeated values (an array field), computed once from the model's field table and schema.
struct ParameterModelRule<Model: SchemaModel>: Sendable {
    struct Field: Sendable {
        /// The key in the model's input (its wire name).
        let wireName: String
        /// The parameter's name on the wire (a header field's is hyphenated and lowercase).
        let parameterName: String
        let isRequired: Bool
        let collectsRepeatedValues: Bool
    }

    let source: ParameterSource
    let fields: [Field]
    /// The field index of each parameter name.
    private let fieldIndex: [String: Int]
    private let wireNames: Set<String>

    init(source: ParameterSource) {
        var generator = JSONSchemaGenerator()
        let properties = Model.modelSchema(in: &generator)["properties"]?.objectValue
        self.source = source
        self.fields = Model.fieldTable.fields.map { field in
            Field(
                wireName: field.wireName,
                parameterName: source == .header ? field.wireName.replacing("_", with: "-").lowercased() : field.wireName,
                isRequired: field.isRequired,
                collectsRepeatedValues: Self.isArraySchema(properties?[field.wireName])
            )
        }
        var fieldIndex: [String: Int] = [:]
        for (index, field) in self.fields.enumerated() where fieldIndex[field.parameterName] == nil {
            fieldIndex[field.parameterName] = index
        }
        self.fieldIndex = fieldIndex
        self.wireNames = Set(self.fields.map(\.wireName))
    }

    /// Whether a property's schema is an array, or an array or `null`.
    private static func isArraySchema(_ schema: JSONValue?) -> Bool {
        guard let schema = schema?.objectValue else { return false }
        if schema["type"] == .string("array") { return true }
        return schema["anyOf"]?.arrayValue?.contains { $0.objectValue?["type"] == .string("array") } ?? false
    }

    /// One OpenAPI parameter per field, with the field's schema from the model's (FastAPI flattens the model).
    func register(in plan: inout EndpointPlan) {
        var generator = JSONSchemaGenerator()
        let properties = Model.modelSchema(in: &generator)["properties"]?.objectValue
        for field in self.fields {
            let property = properties?[field.wireName]?.objectValue
            let description: String? =
                if case .string(let text) = property?["description"] { text } else { nil }
            let wireName = field.wireName
            plan.addParameter(
                ParameterDocumentation(
                    name: field.parameterName, source: self.source, isRequired: field.isRequired, description: description,
                    defaultValue: property?["default"],
                    schema: DocumentedSchema { generator in
                        Model.modelSchema(in: &generator)["properties"]?.objectValue?[wireName]?.objectValue ?? [:]
                    }
                )
            )
        }
    }

    /// Validates the model from `parameters` (name, value pairs in wire order), recording errors in `context`.
    ///
    /// The model's input is built as FastAPI builds it: each field's value (every value for an array field) under
    /// its wire name, and the other parameters under their own names, so a model that forbids extra keys reports
    /// them and a missing field's `input` is the whole input.
    func validate(_ parameters: [(name: String, value: String)], in context: inout ExtractionContext) -> Model? {
        // Keys in order of first appearance; an array field's values are gathered before its member is made.
        var keys: [String] = []
        var scalars: [String: String] = [:]
        var arrays: [String: [JSONValue]] = [:]
        for (name, value) in parameters {
            let field = self.fieldIndex[name].map { self.fields[$0] }
            // A header named like a model field (`x_token`) is not that field (`x-token`); FastAPI drops it too.
            guard field != nil || !self.wireNames.contains(name) else { continue }
            let key = field?.wireName ?? name
            if field?.collectsRepeatedValues == true {
                if arrays[key] == nil { keys.append(key) }
                arrays[key, default: []].append(.string(value))
            } else if scalars[key] == nil {
                keys.append(key)
                scalars[key] = value
            } else if self.source == .query {
                // A repeated query key keeps its last value; a repeated header or cookie its first.
                scalars[key] = value
            }
        }
        var input = JSONObject()
        input.reserveCapacity(keys.count)
        for key in keys {
            input.appendUnchecked(key, arrays[key].map(JSONValue.array) ?? .string(scalars[key] ?? ""))
        }
        var errors: [ValidationErrorItem] = []
        let model = Model.validate(jsonValue: .object(input), at: [.key(self.source.locationName)], errors: &errors)
        if self.source == .header {
            errors = errors.map(self.hyphenatingFieldName)
        }
        context.record(errors, from: self.source)
        return model
    }

    /// A header model's error, located at the header field's name rather than the model field's.
    private func hyphenatingFieldName(_ error: ValidationErrorItem) -> ValidationErrorItem {
        guard error.location.count > 1, case .key(let wireName) = error.location[1],
            let field = self.fields.first(where: { $0.wireName == wireName })
        else { return error }
        var error = error
        error.location[1] = .key(field.parameterName)
        return error
    }
}
