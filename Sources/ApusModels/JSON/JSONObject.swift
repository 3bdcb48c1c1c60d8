/// The members of a JSON object in insertion order.
///
/// Assigning to an existing key replaces its value in place, as assigning to a Python `dict` does, so a
/// parsed object with duplicate keys keeps the first key's position and the last key's value (as `json.loads`).
/// Keys are told apart as Swift `String`s are (`==`, canonical equivalence).
///
/// Members live in one array, in order. An object of more than ``linearLimit`` members also keeps a hash index
/// over it, so building an object from 10^6 keys off the wire costs linear time (a scan of the array per key
/// made it quadratic). The index is an open-addressing table of 64-bit slots, each holding 32 bits of the
/// key's hash and the member's position: a probe reads one slot and compares a key only when its hash bits
/// match, and growing rehashes from the slots without touching or hashing a key again. With swift-collections'
/// `OrderedDictionary`, whose table holds only positions, every probe compared the key stored at that position
/// — a cache miss in a keys array of 16 MB — and every growth hashed all keys again: parsing 16 MiB of
/// distinct keys (~900k) took 1,260 ms against 30 ms for 1 MiB (ratio 41.5), 55% of it in its probing and
/// rehashing; this layout takes it to 171-174 ms against 5.2-5.5 ms (load ~5).
///
/// Equality and hashing compare the members in order, never the index.
public struct JSONObject: Sendable, Hashable, ExpressibleByDictionaryLiteral, RandomAccessCollection {
    /// One member of an object.
    public struct Member: Sendable, Hashable {
        /// The member's key.
        public var key: String
        /// The member's value.
        public var value: JSONValue

        /// Creates a member.
        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// The members in order.
    public private(set) var members: [Member]

    /// The hash index over `members`: empty while the object has at most ``linearLimit`` members (a scan of a
    /// few keys is cheaper than hashing one), otherwise a power-of-two number of slots at most half full.
    /// A slot is `0` when free, else the low 32 bits of the key's `hashValue` in its high half and the member's
    /// position plus one in its low half; the hash bits pick the slot (linear probing) and filter candidates.
    private var slots: [UInt64]

    /// Up to this many members an object has no index and finds keys by scanning.
    static let linearLimit = 16

    /// An empty object.
    public init() {
        members = []
        slots = []
    }

    /// An object with these members in this order; later duplicates replace earlier values.
    public init(_ pairs: [(String, JSONValue)]) {
        self.init(mergingDuplicates: pairs.map { Member(key: $0.0, value: $0.1) })
    }

    /// An object of `members` in order, where a key that comes again replaces the earlier value in place (the
    /// first position, the last value, as `json.loads`). The parser appends a whole object's members to an
    /// array and builds the object here when it closes: the index is then built in one tight pass, sized once,
    /// whose independent probes overlap their cache misses, where inserting member by member while parsing
    /// missed once per key with the parsing in between (16 MiB of distinct keys, load ~5: 194-248 → 171-174 ms).
    init(mergingDuplicates members: [Member]) {
        self.members = members
        slots = []
        let count = members.count
        guard count > Self.linearLimit else {
            mergeDuplicatesByScanning()
            return
        }
        var table = [UInt64](repeating: 0, count: Self.slotCount(for: count))
        let mask = table.count - 1
        // Kept members are compacted towards the front as they are indexed: `kept` is where the next one goes,
        // and everything before it is final.
        var kept = 0
        table.withUnsafeMutableBufferPointer { table in
            nextMember: for position in 0..<count {
                let hash = Self.hashBits(self.members[position].key)
                var index = Int(hash) & mask
                while table[index] != 0 {
                    let slot = table[index]
                    if UInt32(truncatingIfNeeded: slot >> 32) == hash {
                        let earlier = Int(truncatingIfNeeded: slot & 0xFFFF_FFFF) - 1
                        if self.members[earlier].key == self.members[position].key {
                            self.members[earlier].value = self.members[position].value
                            continue nextMember
                        }
                    }
                    index = (index + 1) & mask
                }
                table[index] = Self.slot(hash: hash, position: kept)
                if kept != position { self.members.swapAt(kept, position) }
                kept += 1
            }
        }
        self.members.removeLast(count - kept)
        if kept > Self.linearLimit { slots = table } else { rebuildIndex(capacityFor: kept) }
    }

    /// Folds repeated keys of a small object (at most ``linearLimit`` members, so at most 120 comparisons).
    private mutating func mergeDuplicatesByScanning() {
        var kept = 0
        nextMember: for position in members.indices {
            for earlier in 0..<kept where members[earlier].key == members[position].key {
                members[earlier].value = members[position].value
                continue nextMember
            }
            if kept != position { members.swapAt(kept, position) }
            kept += 1
        }
        members.removeLast(members.count - kept)
    }

    /// An object from a literal, in the literal's order.
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self.init(elements) }

    /// The value for `key`, or `nil`; setting `nil` removes the member.
    public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { members[$0].value } }
        set {
            if let newValue {
                updateValue(newValue, forKey: key)
            } else if let position = position(of: key) {
                // Removal shifts the later members, so their positions in the index change: rebuild it. Only
                // objects built in code remove members; nothing parsed from the wire does.
                members.remove(at: position)
                rebuildIndex(capacityFor: members.count)
            }
        }
    }

    /// Appends a member; the caller knows `key` is new. A key that is not new replaces the value in place,
    /// as the subscript does, so the object never holds a key twice.
    public mutating func appendUnchecked(_ key: String, _ value: JSONValue) {
        updateValue(value, forKey: key)
    }

    /// Reserves room for `count` members.
    public mutating func reserveCapacity(_ count: Int) {
        members.reserveCapacity(count)
        if count > Self.linearLimit, Self.slotCount(for: count) > slots.count { rebuildIndex(capacityFor: count) }
    }

    /// The keys in order.
    public var keys: [String] { members.map(\.key) }

    /// The first index.
    public var startIndex: Int { 0 }
    /// The end index.
    public var endIndex: Int { members.count }
    /// The member at `position`.
    public subscript(position: Int) -> Member { members[position] }

    /// Members in the same order with equal keys and values.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool { lhs.members == rhs.members }

    /// Hashes the members in order.
    public func hash(into hasher: inout Hasher) { hasher.combine(members) }

    // MARK: The index

    /// The 32 hash bits a slot keeps for `key`. `hashValue` is seeded per process, so clients cannot choose
    /// keys that collide.
    private static func hashBits(_ key: String) -> UInt32 { UInt32(truncatingIfNeeded: key.hashValue) }

    /// The number of slots for `count` members: a power of two at least twice `count`, so probe runs stay short.
    private static func slotCount(for count: Int) -> Int {
        var slots = 64
        while slots < 2 * count { slots *= 2 }
        return slots
    }

    private static func slot(hash: UInt32, position: Int) -> UInt64 {
        UInt64(hash) << 32 | UInt64(position + 1)
    }

    /// Where `key` is in `members`, or `nil`.
    private func position(of key: String) -> Int? {
        if slots.isEmpty { return members.firstIndex { $0.key == key } }
        return probe(for: key, hash: Self.hashBits(key)).position
    }

    /// The member holding `key`, or else the free slot where it would go.
    private func probe(for key: String, hash: UInt32) -> (position: Int?, freeSlot: Int) {
        let mask = slots.count - 1
        var index = Int(hash) & mask
        while true {
            let slot = slots[index]
            if slot == 0 { return (nil, index) }
            if UInt32(truncatingIfNeeded: slot >> 32) == hash {
                let position = Int(truncatingIfNeeded: slot & 0xFFFF_FFFF) - 1
                if members[position].key == key { return (position, index) }
            }
            index = (index + 1) & mask
        }
    }

    /// Replaces the value of `key` where it is, or appends the member.
    private mutating func updateValue(_ value: JSONValue, forKey key: String) {
        if slots.isEmpty {
            if let position = members.firstIndex(where: { $0.key == key }) {
                members[position].value = value
                return
            }
            members.append(Member(key: key, value: value))
            if members.count > Self.linearLimit { rebuildIndex(capacityFor: members.count) }
            return
        }
        let hash = Self.hashBits(key)
        let (position, freeSlot) = probe(for: key, hash: hash)
        if let position {
            members[position].value = value
            return
        }
        // A slot keeps a position in 32 bits: 2^32 members would be over 20 GiB of JSON text and hundreds of
        // GiB in memory, far past any body limit, so this holds for every object that can exist.
        precondition(members.count < Int(UInt32.max), "JSONObject holds at most 2^32 - 2 members")
        slots[freeSlot] = Self.slot(hash: hash, position: members.count)
        members.append(Member(key: key, value: value))
        if 2 * members.count > slots.count { growIndex() }
    }

    /// Doubles the table, placing each slot by the hash bits it already keeps: no key is hashed or read.
    private mutating func growIndex() {
        var grown = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = grown.count - 1
        grown.withUnsafeMutableBufferPointer { table in
            for slot in slots where slot != 0 {
                var index = Int(truncatingIfNeeded: slot >> 32) & mask
                while table[index] != 0 { index = (index + 1) & mask }
                table[index] = slot
            }
        }
        slots = grown
    }

    /// Builds the index over the current members with room for `count`, or drops it when `count` is small.
    private mutating func rebuildIndex(capacityFor count: Int) {
        guard count > Self.linearLimit else {
            slots = []
            return
        }
        var table = [UInt64](repeating: 0, count: Self.slotCount(for: Swift.max(count, members.count)))
        let mask = table.count - 1
        table.withUnsafeMutableBufferPointer { table in
            for (position, member) in members.enumerated() {
                let hash = Self.hashBits(member.key)
                var index = Int(hash) & mask
                while table[index] != 0 { index = (index + 1) & mask }
                table[index] = Self.slot(hash: hash, position: position)
            }
        }
        slots = table
    }
}
