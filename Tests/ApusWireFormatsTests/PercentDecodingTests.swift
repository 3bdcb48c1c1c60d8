import ApusWireFormats
import Testing

/// Python's `urllib.parse.unquote` / `unquote_plus`, on text and on raw bytes, with hostile inputs (STYLE §7:
/// untrusted input costs linear time; the million-byte cases check the result, a quadratic decoder would not
/// finish).
@Suite struct PercentDecodingTests {
    /// Both entry points, which must agree.
    static func decode(_ text: String, plusAsSpace: Bool = false) -> String {
        let fromText = PercentDecoding.decode(Substring(text), plusAsSpace: plusAsSpace)
        let fromBytes = PercentDecoding.decode(Array(text.utf8), plusAsSpace: plusAsSpace)
        #expect(fromText == fromBytes)
        return fromText
    }

    @Test(arguments: [
        ("a%20b", "a b"), ("%2F%2f", "//"), ("%41%42c", "ABc"), ("caf%C3%A9", "café"), ("%F0%9F%98%80", "😀"),
        ("plain", "plain"), ("", ""), ("a+b", "a+b"),
    ])
    func escapesDecode(input: String, expected: String) {
        #expect(Self.decode(input) == expected)
    }

    @Test func plusIsASpaceOnlyInFormMode() {
        #expect(Self.decode("a+b%2B", plusAsSpace: true) == "a b+")
        #expect(Self.decode("a+b%2B") == "a+b+")
        #expect(Self.decode("+++", plusAsSpace: true) == "   ")
    }

    @Test(arguments: [
        ("%", "%"), ("%4", "%4"), ("a%4", "a%4"), ("%zz", "%zz"), ("%4g", "%4g"), ("%g4", "%g4"), ("%%41", "%A"),
        ("%%", "%%"), ("100%", "100%"), ("%-1", "%-1"), ("% 4", "% 4"), ("%+4", "%+4"),
    ])
    func invalidAndTruncatedEscapesStayAsTheyAre(input: String, expected: String) {
        #expect(Self.decode(input) == expected)
    }

    @Test func invalidUTF8AfterDecodingBecomesReplacementCharacters() {
        #expect(Self.decode("%FF") == "\u{FFFD}")
        #expect(Self.decode("a%C3") == "a\u{FFFD}")  // a truncated two-byte sequence
        #expect(Self.decode("%C3%28") == "\u{FFFD}(")
        #expect(Self.decode("%ED%A0%80") == "\u{FFFD}\u{FFFD}\u{FFFD}")  // an encoded UTF-16 surrogate
        #expect(Self.decode("%C0%AF") == "\u{FFFD}\u{FFFD}")  // an overlong `/`
        #expect(Self.decode("%00") == "\u{0}")
    }

    @Test func rawInvalidUTF8BytesBecomeReplacementCharacters() {
        #expect(PercentDecoding.decode([0xFF, UInt8(ascii: "a")], plusAsSpace: true) == "\u{FFFD}a")
        #expect(PercentDecoding.decode([0xC3, UInt8(ascii: "%"), UInt8(ascii: "4"), UInt8(ascii: "1")]) == "\u{FFFD}A")
    }

    @Test func aMillionBytesOfEachHostileShape() {
        let count = 1_000_000
        #expect(Self.decode(String(repeating: "%", count: count)) == String(repeating: "%", count: count))
        #expect(Self.decode(String(repeating: "%4", count: count / 2)) == String(repeating: "%4", count: count / 2))
        #expect(Self.decode(String(repeating: "%41", count: count / 3)) == String(repeating: "A", count: count / 3))
        #expect(Self.decode(String(repeating: "+", count: count), plusAsSpace: true) == String(repeating: " ", count: count))
        #expect(Self.decode(String(repeating: "%FF", count: count / 3)) == String(repeating: "\u{FFFD}", count: count / 3))
        #expect(Self.decode(String(repeating: "a", count: count) + "%") == String(repeating: "a", count: count) + "%")
    }

    @Test func substringsDecodeOnlyTheirOwnBytes() {
        let text = "x=%41%42&y=%4"
        #expect(PercentDecoding.decode(text.dropFirst(2).prefix(6)) == "AB")
        #expect(PercentDecoding.decode(text.suffix(2)) == "%4")
    }
}
