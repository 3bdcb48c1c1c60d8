/// One compiled constraint of a field: returns the failure for a value that breaks it, or `nil`.
public typealias ConstraintCheck<Value> = @Sendable (Value) -> ValidationFailure?

/// The type of a constraint argument that does not apply to the field's type.
///
/// ``FieldSpec``'s constraint parameters are typed by the field's type (`gt:` takes the field's own number
/// type, `minLength:` an `Int` only for strings), so `@Field(minLength: 3) var count: Int` does not compile:
/// "cannot convert value of type 'Int' to expected argument type 'ConstraintDoesNotApplyToThisType?'".
public enum ConstraintDoesNotApplyToThisType: Sendable, Hashable {}
