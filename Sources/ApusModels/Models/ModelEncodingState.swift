/// The progress of writing one model object.
public struct ModelEncodingState {
    @usableFromInline var isFirst = true
    @usableFromInline let filtersFields: Bool

    @usableFromInline
    init(filtersFields: Bool) { self.filtersFields = filtersFields }
}

extension JSONWriter {
    /// Writes `{` and starts a model.
    @inlinable
    public mutating func beginModel() -> ModelEncodingState {
        writeByte(UInt8(ascii: "{"))
        objectDepth += 1
        return ModelEncodingState(filtersFields: objectDepth == 1 && options.filtersFields)
    }

    /// Writes `}`.
    @inlinable
    public mutating func endModel(_ state: ModelEncodingState) {
        objectDepth -= 1
        writeByte(UInt8(ascii: "}"))
    }

    /// Writes one field (`,"key":value`) unless the options leave it out.
    @inlinable
    public mutating func writeField<Value: SchemaValue>(
        _ state: inout ModelEncodingState, _ table: ModelFieldTable, _ index: Int, _ value: Value
    ) {
        let field = table.fields[index]
        if state.filtersFields {
            if let included = options.includedFields, !included.contains(field.name) { return }
            if options.excludedFields.contains(field.name) { return }
        }
        if options.dropNilFields, value.isNil { return }
        if !state.isFirst { writeByte(UInt8(ascii: ",")) }
        state.isFirst = false
        writeRaw(field.encodedKey)
        value.encode(to: &self)
    }
}
