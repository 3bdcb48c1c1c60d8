public import ApusModels

extension RouteParameterInference {
    /// `@From.Query` on a model: its fields are query parameters (``QueryModel``). More specific than the scalar
    /// overload, so a model never becomes one query parameter.
    public static func query<T: SchemaModel>(
        for type: T.Type, name: String, default: T?, description: String?, spec: FieldSpec<T>? = nil
    ) -> QueryModel<T> {
        QueryModel()
    }

    /// `@From.Header` on a model: its fields are header fields (``HeaderModel``).
    public static func header<T: SchemaModel>(
        for type: T.Type, name: String, default: T?, description: String?, spec: FieldSpec<T>? = nil
    ) -> HeaderModel<T> {
        HeaderModel()
    }

    /// `@From.Cookie` on a model: its fields are cookies (``CookieModel``).
    public static func cookie<T: SchemaModel>(
        for type: T.Type, name: String, default: T?, description: String?, spec: FieldSpec<T>? = nil
    ) -> CookieModel<T> {
        CookieModel()
    }
}
