/// A decimal parameter of a stored hash: digits only, at most 18 of them (so it fits `Int` and a range check,
/// not this parser, says that `rounds=1000000000000` is too much).
func decimal(_ text: Substring, name: String) throws(PasswordHashError) -> Int {
    let digits = text.utf8
    guard !digits.isEmpty, digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
        throw .malformedHash(reason: "\(name) is not a decimal number")
    }
    guard digits.count <= 18 else { throw .malformedHash(reason: "\(name) has more than 18 digits") }
    return digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
}

/// The bytes of a salt or key field, whose decoded length must lie in `byteCounts`.
func decodedBase64(_ text: Substring, name: String, byteCounts: ClosedRange<Int>) throws(PasswordHashError) -> [UInt8] {
    guard let bytes = HashBase64.decode(text) else { throw .malformedHash(reason: "\(name) is not unpadded base64") }
    guard byteCounts.contains(bytes.count) else {
        throw .malformedHash(reason: "\(name) is \(bytes.count) bytes, not \(byteCounts.lowerBound)...\(byteCounts.upperBound)")
    }
    return bytes
}

/// The three fields after a hash's `$identifier$`: parameters, salt and hash. `layout` is the format, for the error.
func threeFields(_ fields: ArraySlice<Substring>, layout: String) throws(PasswordHashError) -> (Substring, Substring, Substring) {
    guard fields.count == 3 else { throw .malformedHash(reason: "expected \(layout)") }
    let start = fields.startIndex
    return (fields[start], fields[start + 1], fields[start + 2])
}
