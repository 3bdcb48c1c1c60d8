import ApusModels

/// Markers that say where a route parameter comes from, overriding what its type and the path template imply
/// (FastAPI's `Query()`, `Header()`, `Cookie()`, `Body()`, `Form()`, `File()`, `Path()`), with the parameter's constraints and
/// documentation: the arguments after the first are those of ``FieldSpec/init(alias:title:description:examples:deprecated:gt:ge:lt:le:multipleOf:minLength:maxLength:pattern:format:minItems:maxItems:uniqueItems:validator:)``,
/// in the same order, checked by the compiler against the parameter's type.
///
/// ```swift
/// @GET("/items/{item_id}")
/// func readItem(
///     @From.Path(ge: 1) itemId: Int,
///     @From.Query(alias: "item-query", maxLength: 50) q: String? = nil,
///     @From.Header xToken: String,                      // header "x-token"
///     @From.Cookie sessionID: String? = nil,
///     @From.Query(ge: 1, le: 100) limit: Int = 10
/// ) -> Item
/// ```
///
/// Swift allows attached macros on declarations only, not on function parameters; property wrappers are the one
/// custom attribute a parameter may carry. These are property wrappers that do nothing (the parameter is the
/// wrapped value): the route macros read them as syntax and generate the matching extractor, with a
/// ``FieldSpec`` built once at registration. Their arguments are plain values, cheap to pass on each call (an
/// `@autoclosure` would avoid even that, but crashes Swift 6.3.1's SILGen in a parameter wrapper). They are
/// namespaced under `From` because `Path`, `Query`, `Header` and `Body` are the extractor types of the
/// macro-free API.
public enum From {
    /// A path parameter with constraints: `@From.Path(ge: 1) itemId: Int`.
    @propertyWrapper
    public struct Path<Value: SchemaValue> {
        /// The parameter's value.
        public var wrappedValue: Value

        /// Marks a path parameter.
        public init(
            wrappedValue: Value,
            title: String? = nil, description: String? = nil, examples: [JSONValue]? = nil, deprecated: Bool = false,
            gt: Value.NumericConstraint? = nil, ge: Value.NumericConstraint? = nil, lt: Value.NumericConstraint? = nil,
            le: Value.NumericConstraint? = nil, multipleOf: Value.NumericConstraint? = nil,
            minLength: Value.LengthConstraint? = nil, maxLength: Value.LengthConstraint? = nil,
            pattern: Value.PatternConstraint? = nil, format: Value.FormatConstraint? = nil,
            minItems: Value.ItemCountConstraint? = nil, maxItems: Value.ItemCountConstraint? = nil,
            uniqueItems: Value.UniqueItemsConstraint? = nil, validator: (@Sendable (Value) throws -> Value)? = nil
        ) {
            self.wrappedValue = wrappedValue
        }
    }

    /// A query parameter; `alias` is its wire name.
    @propertyWrapper
    public struct Query<Value: SchemaValue> {
        /// The parameter's value.
        public var wrappedValue: Value

        /// Marks a query parameter.
        public init(
            wrappedValue: Value, alias: String? = nil,
            title: String? = nil, description: String? = nil, examples: [JSONValue]? = nil, deprecated: Bool = false,
            gt: Value.NumericConstraint? = nil, ge: Value.NumericConstraint? = nil, lt: Value.NumericConstraint? = nil,
            le: Value.NumericConstraint? = nil, multipleOf: Value.NumericConstraint? = nil,
            minLength: Value.LengthConstraint? = nil, maxLength: Value.LengthConstraint? = nil,
            pattern: Value.PatternConstraint? = nil, format: Value.FormatConstraint? = nil,
            minItems: Value.ItemCountConstraint? = nil, maxItems: Value.ItemCountConstraint? = nil,
            uniqueItems: Value.UniqueItemsConstraint? = nil, validator: (@Sendable (Value) throws -> Value)? = nil
        ) {
            self.wrappedValue = wrappedValue
        }
    }

    /// A header field: `xToken` reads `x-token` (camel case and underscores become hyphens, as FastAPI's
    /// `convert_underscores`) unless `alias` names it.
    @propertyWrapper
    public struct Header<Value: SchemaValue> {
        /// The parameter's value.
        public var wrappedValue: Value

        /// Marks a header parameter.
        public init(
            wrappedValue: Value, alias: String? = nil,
            title: String? = nil, description: String? = nil, examples: [JSONValue]? = nil, deprecated: Bool = false,
            gt: Value.NumericConstraint? = nil, ge: Value.NumericConstraint? = nil, lt: Value.NumericConstraint? = nil,
            le: Value.NumericConstraint? = nil, multipleOf: Value.NumericConstraint? = nil,
            minLength: Value.LengthConstraint? = nil, maxLength: Value.LengthConstraint? = nil,
            pattern: Value.PatternConstraint? = nil, format: Value.FormatConstraint? = nil,
            minItems: Value.ItemCountConstraint? = nil, maxItems: Value.ItemCountConstraint? = nil,
            uniqueItems: Value.UniqueItemsConstraint? = nil, validator: (@Sendable (Value) throws -> Value)? = nil
        ) {
            self.wrappedValue = wrappedValue
        }
    }

    /// A cookie, named as the parameter unless `alias` names it.
    @propertyWrapper
    public struct Cookie<Value: SchemaValue> {
        /// The parameter's value.
        public var wrappedValue: Value

        /// Marks a cookie parameter.
        public init(
            wrappedValue: Value, alias: String? = nil,
            title: String? = nil, description: String? = nil, examples: [JSONValue]? = nil, deprecated: Bool = false,
            gt: Value.NumericConstraint? = nil, ge: Value.NumericConstraint? = nil, lt: Value.NumericConstraint? = nil,
            le: Value.NumericConstraint? = nil, multipleOf: Value.NumericConstraint? = nil,
            minLength: Value.LengthConstraint? = nil, maxLength: Value.LengthConstraint? = nil,
            pattern: Value.PatternConstraint? = nil, format: Value.FormatConstraint? = nil,
            minItems: Value.ItemCountConstraint? = nil, maxItems: Value.ItemCountConstraint? = nil,
            uniqueItems: Value.UniqueItemsConstraint? = nil, validator: (@Sendable (Value) throws -> Value)? = nil
        ) {
            self.wrappedValue = wrappedValue
        }
    }

    /// A form field (`application/x-www-form-urlencoded` or `multipart/form-data`), named as the parameter unless
    /// `alias` names it: FastAPI's `Form()`.
    @propertyWrapper
    public struct Form<Value: SchemaValue> {
        /// The parameter's value.
        public var wrappedValue: Value

        /// Marks a form field.
        public init(
            wrappedValue: Value, alias: String? = nil,
            title: String? = nil, description: String? = nil, examples: [JSONValue]? = nil, deprecated: Bool = false,
            gt: Value.NumericConstraint? = nil, ge: Value.NumericConstraint? = nil, lt: Value.NumericConstraint? = nil,
            le: Value.NumericConstraint? = nil, multipleOf: Value.NumericConstraint? = nil,
            minLength: Value.LengthConstraint? = nil, maxLength: Value.LengthConstraint? = nil,
            pattern: Value.PatternConstraint? = nil, format: Value.FormatConstraint? = nil,
            minItems: Value.ItemCountConstraint? = nil, maxItems: Value.ItemCountConstraint? = nil,
            uniqueItems: Value.UniqueItemsConstraint? = nil, validator: (@Sendable (Value) throws -> Value)? = nil
        ) {
            self.wrappedValue = wrappedValue
        }
    }

    /// An uploaded file field (multipart), named as the parameter unless `alias` names it: FastAPI's `File()`.
    /// An ``UploadedFile`` parameter is a file without the marker too.
    @propertyWrapper
    public struct File<Value: UploadedFileValue> {
        /// The parameter's value.
        public var wrappedValue: Value

        /// Marks a file field.
        public init(wrappedValue: Value, alias: String? = nil, description: String? = nil) {
            self.wrappedValue = wrappedValue
        }
    }

    /// A JSON body field: a scalar in the body, or a model under its name with `embed: true`
    /// (`{"item": {...}}`), as FastAPI's `Body(embed=True)`.
    @propertyWrapper
    public struct Body<Value: Sendable> {
        /// The parameter's value.
        public var wrappedValue: Value

        /// Marks a body field of a ``SchemaValue`` type.
        public init(
            wrappedValue: Value, embed: Bool = false,
            title: String? = nil, description: String? = nil, examples: [JSONValue]? = nil, deprecated: Bool = false,
            gt: Value.NumericConstraint? = nil, ge: Value.NumericConstraint? = nil, lt: Value.NumericConstraint? = nil,
            le: Value.NumericConstraint? = nil, multipleOf: Value.NumericConstraint? = nil,
            minLength: Value.LengthConstraint? = nil, maxLength: Value.LengthConstraint? = nil,
            pattern: Value.PatternConstraint? = nil, format: Value.FormatConstraint? = nil,
            minItems: Value.ItemCountConstraint? = nil, maxItems: Value.ItemCountConstraint? = nil,
            uniqueItems: Value.UniqueItemsConstraint? = nil, validator: (@Sendable (Value) throws -> Value)? = nil
        ) where Value: SchemaValue {
            self.wrappedValue = wrappedValue
        }

        /// Marks a body field of a plain `Codable` type.
        @_disfavoredOverload
        public init(wrappedValue: Value, embed: Bool = false) where Value: Codable {
            self.wrappedValue = wrappedValue
        }
    }
}
