import Foundation

/// The errors found by one ``CollectingDecoder`` tree (a class because `Decoder`s are passed by value).
final class CollectingDecoderState {
    var errors: [ValidationErrorItem] = []
    let location: [LocationElement]

    init(location: [LocationElement]) { self.location = location }
}

/// A `Decoder` over a ``JSONValue`` that records problems instead of throwing and carries on with placeholders,
/// so that a synthesised `init(from:)` reports every missing key and wrong leaf at once (see ``CodableModel``).
struct CollectingDecoder: Decoder {
    let state: CollectingDecoderState
    /// `nil` means placeholder mode: answer everything with empty values and record nothing.
    let value: JSONValue?
    let codingPath: [any CodingKey]
    let location: [LocationElement]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        var object = JSONObject()
        if let value {
            if case .object(let found) = value { object = found } else { record(.modelAttributesType, input: value) }
        }
        return KeyedDecodingContainer(
            CollectingKeyedContainer<Key>(decoder: self, object: object, isPlaceholder: value == nil || value?.objectValue == nil))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        var elements: [JSONValue] = []
        if let value {
            if case .array(let found) = value { elements = found } else { record(.listType, input: value) }
        }
        return CollectingUnkeyedContainer(decoder: self, elements: elements)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { CollectingSingleValueContainer(decoder: self) }

    func record(_ failure: ValidationFailure, input: JSONValue?) {
        guard value != nil else { return }
        state.errors.append(failure.item(at: location, input: input))
    }

    func child(_ value: JSONValue?, key: any CodingKey, element: LocationElement) -> CollectingDecoder {
        CollectingDecoder(state: state, value: value, codingPath: codingPath + [key], location: location + [element])
    }

    /// Decodes `T` from this decoder's value: ``SchemaValue`` leaves through their own validation, anything else
    /// through its `init(from:)`; a failed leaf becomes a placeholder.
    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        if let schemaType = T.self as? any SchemaValue.Type, let result = decodeLeaf(schemaType) as? T { return result }
        return try T(from: self)
    }

    /// A leaf through its own validation; after a failure (or in placeholder mode) the first canned value the
    /// type accepts, so the surrounding `init(from:)` can continue.
    private func decodeLeaf<S: SchemaValue>(_ type: S.Type) -> S? {
        if let value {
            var errors: [ValidationErrorItem] = []
            if let decoded = S.validate(jsonValue: value, at: location, errors: &errors) { return decoded }
            state.errors += errors
        }
        for candidate in Self.placeholderCandidates {
            var ignored: [ValidationErrorItem] = []
            if let placeholder = S.validate(jsonValue: candidate, errors: &ignored) { return placeholder }
        }
        return nil
    }

    static let placeholderCandidates: [JSONValue] = [
        .string(""), .int(0), .bool(false), .string("00000000-0000-0000-0000-000000000000"), .string("1970-01-01"),
        .string("http://placeholder.invalid"), .array([]), .object([:]),
    ]

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context), DecodingError.typeMismatch(_, let context),
            DecodingError.valueNotFound(_, let context), DecodingError.keyNotFound(_, let context):
            return context.debugDescription
        default:
            return String(describing: error)
        }
    }

    static func location(of error: any Error) -> [LocationElement] {
        let path: [any CodingKey]
        switch error {
        case DecodingError.dataCorrupted(let context), DecodingError.typeMismatch(_, let context),
            DecodingError.valueNotFound(_, let context), DecodingError.keyNotFound(_, let context):
            path = context.codingPath
        default:
            path = []
        }
        return path.map { key in key.intValue.map(LocationElement.index) ?? .key(key.stringValue) }
    }
}

struct CollectingKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: CollectingDecoder
    let object: JSONObject
    let isPlaceholder: Bool
    var codingPath: [any CodingKey] { decoder.codingPath }
    var allKeys: [Key] { object.keys.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { object[key.stringValue] != nil }

    func decodeNil(forKey key: Key) throws -> Bool { object[key.stringValue] == nil || object[key.stringValue] == .null }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let value = object[key.stringValue]
        let child = decoder.child(isPlaceholder ? nil : value, key: key, element: .key(key.stringValue))
        if value == nil, !isPlaceholder {
            decoder.state.errors.append(ValidationFailure.missing.item(at: child.location, input: .object(object)))
            return try CollectingDecoder(state: decoder.state, value: nil, codingPath: child.codingPath, location: child.location)
                .decodeValue(T.self)
        }
        return try child.decodeValue(T.self)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let value = object[key.stringValue], value != .null, !isPlaceholder else { return nil }
        return try decoder.child(value, key: key, element: .key(key.stringValue)).decodeValue(T.self)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try decoder.child(object[key.stringValue], key: key, element: .key(key.stringValue)).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try decoder.child(object[key.stringValue], key: key, element: .key(key.stringValue)).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { decoder }
    func superDecoder(forKey key: Key) throws -> any Decoder {
        decoder.child(object[key.stringValue], key: key, element: .key(key.stringValue))
    }
}

struct CollectingUnkeyedContainer: UnkeyedDecodingContainer {
    struct IndexKey: CodingKey {
        var stringValue: String { String(intValue ?? 0) }
        var intValue: Int?
        init(_ index: Int) { intValue = index }
        init?(stringValue: String) { nil }
        init?(intValue: Int) { self.intValue = intValue }
    }

    let decoder: CollectingDecoder
    let elements: [JSONValue]
    var currentIndex = 0
    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, elements[currentIndex] == .null else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let index = currentIndex
        currentIndex += 1
        let element = index < elements.count ? elements[index] : nil
        return try decoder.child(element, key: IndexKey(index), element: .index(index)).decodeValue(T.self)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let index = currentIndex
        currentIndex += 1
        return try decoder.child(index < elements.count ? elements[index] : nil, key: IndexKey(index), element: .index(index))
            .container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let index = currentIndex
        currentIndex += 1
        return try decoder.child(index < elements.count ? elements[index] : nil, key: IndexKey(index), element: .index(index))
            .unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder { decoder }
}

struct CollectingSingleValueContainer: SingleValueDecodingContainer {
    let decoder: CollectingDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool { decoder.value == nil || decoder.value == .null }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decodeValue(T.self) }
}
