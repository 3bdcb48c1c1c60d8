/// Whether `lhs` and `rhs` hold the same bytes, in time that depends on their length only, not on where they first
/// differ: a hash compared with `==` would tell an attacker, by its timing, how much of a guess was right.
/// The lengths themselves are not secret (they are written in the stored hash).
func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
    guard lhs.count == rhs.count else { return false }
    var difference: UInt8 = 0
    for index in lhs.indices {
        difference |= lhs[index] ^ rhs[index]
    }
    return difference == 0
}
