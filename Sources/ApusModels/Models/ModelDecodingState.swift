/// The progress of decoding one model object: which fields were seen and which errors belong to which field.
///
/// Errors must come out in field order (Pydantic validates field by field) even though keys arrive in
/// document order; each field's errors are remembered as a segment and the segments are put in field order
/// at the end. Segments are only stored once an error occurs, so a valid object allocates nothing here.
///
/// A key that comes again replaces the earlier value, as in the `dict` `json.loads` builds: the earlier
/// occurrence's errors are dropped, and a repeated forbidden extra key is reported once, at its first position,
/// with its last value. Both are found through hash maps, so 10^5 repeated keys cost linear time.
public struct ModelDecodingState {
    struct Segment {
        var field: Int
        var range: Range<Int>
        /// Where the segment sorts among those of the same field: its own index, or for a repeated extra key
        /// the first occurrence's.
        var order: Int
        var isDiscarded = false
    }

    let objectStart: Int
    let errorStart: Int
    var seenLow: UInt64 = 0
    var seenHigh: UInt64 = 0
    var currentField = -1
    var segmentStart = 0
    var segments: [Segment] = []
    var hasMoreMembers: Bool
    var valuePending = false
    var locationPushed = false
    /// The latest segment of each field that had errors, by field index.
    var latestSegment: [Int: Int] = [:]
    /// The segment of each forbidden extra key seen, by key.
    var extraSegments: [String: Int] = [:]
    var hasDiscardedSegments = false

    init(objectStart: Int, errorStart: Int, hasMoreMembers: Bool) {
        self.objectStart = objectStart
        self.errorStart = errorStart
        self.hasMoreMembers = hasMoreMembers
    }

    func wasSeen(_ index: Int) -> Bool {
        index < 64 ? seenLow & (1 << UInt64(index)) != 0 : seenHigh & (1 << UInt64(index - 64)) != 0
    }

    mutating func markSeen(_ index: Int) {
        if index < 64 { seenLow |= 1 << UInt64(index) } else { seenHigh |= 1 << UInt64(index - 64) }
    }

    /// Drops the errors of an earlier occurrence of a key that came again.
    mutating func discard(segment index: Int) {
        segments[index].isDiscarded = true
        hasDiscardedSegments = true
    }
}

extension ValidatingDecoder {
    /// Starts decoding a model: consumes `{`, or records `model_attributes_type` (skipping the value) and
    /// returns `nil` when the next value is not an object.
    public mutating func beginModel(_ table: ModelFieldTable) throws(JSONSyntaxError) -> ModelDecodingState? {
        switch reader.peek() {
        case .object:
            let start = reader.position
            let isEmpty = try reader.beginObject()
            return ModelDecodingState(objectStart: start, errorStart: errors.count, hasMoreMembers: !isEmpty)
        case .invalid: throw JSONSyntaxError()
        default:
            try rejectValue(.modelAttributesType)
            return nil
        }
    }

    /// Moves to the next key that names a field and returns the field's index, with the reader at its value
    /// and the location extended by the key; the caller must then decode the value. Unknown keys are skipped,
    /// or reported as `extra_forbidden`. Returns `nil` at the end of the object.
    public mutating func nextField(_ state: inout ModelDecodingState, _ table: ModelFieldTable) throws(JSONSyntaxError) -> Int? {
        closeFieldSegment(&state, table)
        while state.hasMoreMembers {
            if state.valuePending {
                state.hasMoreMembers = try reader.nextMember(closing: UInt8(ascii: "}"))
                state.valuePending = false
                continue
            }
            reader.skipWhitespace()
            let keyToken = try reader.readKeyToken()
            state.valuePending = true
            let fieldIndex: Int?
            if keyToken.hasEscapes {
                guard let key = keyToken.decode(in: reader.bytes) else { throw JSONSyntaxError() }
                var keyBytes = Array(key.utf8)
                fieldIndex = keyBytes.withUnsafeMutableBufferPointer {
                    table.index(ofKey: UnsafeBufferPointer($0), hint: state.currentField + 1)
                }
            } else {
                let key = UnsafeBufferPointer(rebasing: reader.bytes[keyToken.contentStart..<(keyToken.end - 1)])
                fieldIndex = table.index(ofKey: key, hint: state.currentField + 1)
            }
            if let fieldIndex {
                if state.wasSeen(fieldIndex), let earlier = state.latestSegment.removeValue(forKey: fieldIndex) {
                    state.discard(segment: earlier)
                }
                state.markSeen(fieldIndex)
                state.currentField = fieldIndex
                state.segmentStart = errors.count
                let field = table.fields[fieldIndex]
                let usedAlternate =
                    field.alternateName != nil
                    && !(keyToken.end - keyToken.contentStart - 1 == field.wireKey.count
                        && ModelFieldTable.equal(
                            field.wireKey, UnsafeBufferPointer(rebasing: reader.bytes[keyToken.contentStart..<(keyToken.end - 1)])))
                location.append(.key(usedAlternate ? field.alternateName ?? field.wireName : field.wireName))
                state.locationPushed = true
                return fieldIndex
            }
            if table.extraKeys == .forbid {
                let key = keyToken.decode(in: reader.bytes) ?? ""
                let segmentStart = errors.count
                var order = state.segments.count
                if let earlier = state.extraSegments[key] {
                    order = state.segments[earlier].order
                    state.discard(segment: earlier)
                }
                location.append(.key(key))
                try rejectValue(.extraForbidden)
                location.removeLast()
                state.extraSegments[key] = state.segments.count
                state.segments.append(.init(field: table.fields.count, range: segmentStart..<errors.count, order: order))
            } else {
                try reader.skipValue()
            }
        }
        return nil
    }

    mutating func closeFieldSegment(_ state: inout ModelDecodingState, _ table: ModelFieldTable) {
        guard state.locationPushed else { return }
        location.removeLast()
        state.locationPushed = false
        if errors.count > state.segmentStart {
            state.latestSegment[state.currentField] = state.segments.count
            state.segments.append(.init(field: state.currentField, range: state.segmentStart..<errors.count, order: state.segments.count))
        }
    }

    /// Finishes a model: records `missing` for required fields that never appeared (with the whole object as
    /// input, as Pydantic), puts this object's errors in field order, and returns whether it had none.
    public mutating func endModel(_ state: inout ModelDecodingState, _ table: ModelFieldTable) -> Bool {
        closeFieldSegment(&state, table)
        var objectValue: JSONValue?
        for (index, field) in table.fields.enumerated() where field.isRequired && !state.wasSeen(index) {
            let input = objectValue ?? reader.value(at: state.objectStart)
            objectValue = input
            let start = errors.count
            location.append(.key(field.wireName))
            record(.missing, input: input)
            location.removeLast()
            state.segments.append(.init(field: index, range: start..<errors.count, order: state.segments.count))
        }
        guard errors.count > state.errorStart else { return true }
        let isOrdered = !state.hasDiscardedSegments && zip(state.segments, state.segments.dropFirst()).allSatisfy { $0.field <= $1.field }
        if !isOrdered {
            let ordered = state.segments.filter { !$0.isDiscarded }.sorted { lhs, rhs in
                lhs.field != rhs.field ? lhs.field < rhs.field : lhs.order < rhs.order
            }
            var reordered: [ValidationErrorItem] = []
            reordered.reserveCapacity(errors.count - state.errorStart)
            for segment in ordered { reordered.append(contentsOf: errors[segment.range]) }
            errors.replaceSubrange(state.errorStart..<errors.count, with: reordered)
        }
        // Every error may have belonged to occurrences that later ones replaced.
        return errors.count == state.errorStart
    }

    /// Runs the model's own validator after its fields passed; a thrown error becomes `value_error` at the
    /// model's location with the whole object as input.
    public mutating func validateModel<Model: SchemaModel>(_ model: Model, _ state: ModelDecodingState) -> Model? {
        do {
            try model.validateModel()
            return model
        } catch {
            record(.valueError(ValueError.message(of: error)), inputAt: state.objectStart)
            return nil
        }
    }
}
