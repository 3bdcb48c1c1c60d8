/// Base64 decoding as Python's `base64.b64decode(s)` does it without `validate=True` (CPython's `a2b_base64` in
/// non-strict mode), so HTTP Basic credentials that FastAPI accepts decode the same here and those it refuses
/// are refused: characters outside the alphabet are skipped, decoding stops once padding completes a quantum,
/// and a final incomplete quantum is an error. One pass, no recursion.
enum PythonBase64 {
    static func decode(_ text: some Sequence<UInt8>) -> [UInt8]? {
        var output: [UInt8] = []
        var leftover: UInt8 = 0
        var quadPosition = 0
        var pads = 0
        for byte in text {
            if byte == UInt8(ascii: "=") {
                // As CPython: padding counts only once two characters of the quantum are in.
                if quadPosition >= 2 {
                    pads += 1
                    if quadPosition + pads >= 4 { return output }
                }
                continue
            }
            guard let sextet = Self.value(of: byte) else { continue }
            pads = 0
            switch quadPosition {
            case 0:
                leftover = sextet
                quadPosition = 1
            case 1:
                output.append(leftover << 2 | sextet >> 4)
                leftover = sextet & 0x0F
                quadPosition = 2
            case 2:
                output.append(leftover << 4 | sextet >> 2)
                leftover = sextet & 0x03
                quadPosition = 3
            default:
                output.append(leftover << 6 | sextet)
                leftover = 0
                quadPosition = 0
            }
        }
        return quadPosition == 0 ? output : nil
    }

    private static func value(of byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"): 62
        case UInt8(ascii: "/"): 63
        default: nil
        }
    }
}
