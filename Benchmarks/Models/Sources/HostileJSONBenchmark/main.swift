import ApusModels
import Foundation

// Times each hostile JSON shape of issue 8 §1 at 1, 4 and 16 MiB through the model validation path (and, for
// the shapes an embedded body takes, through the tree parser), including building the 422 body when there are
// errors. Checks what the issue asks: the 16-to-1 MiB time ratio at most 20 (linear is 16) and every 16 MiB
// shape handled in under a second. Exits 1 if either fails.

let mebibyte = 1 << 20
let sizes = [1, 4, 16]

/// Repeats `unit` (after `head`, before `tail`, joined by `separator`) until the text reaches `bytes`.
func fill(_ bytes: Int, head: String, unit: (Int) -> String, separator: String = ",", tail: String) -> [UInt8] {
    var out = Array(head.utf8)
    out.reserveCapacity(bytes + 64)
    var index = 0
    while out.count + tail.utf8.count < bytes {
        if index > 0 { out.append(contentsOf: separator.utf8) }
        out.append(contentsOf: unit(index).utf8)
        index += 1
    }
    out.append(contentsOf: tail.utf8)
    return out
}

/// `depth` openers and as many closers, `bytes` long in all.
func deep(_ bytes: Int, head: String = "", open: String, close: String, tail: String = "") -> [UInt8] {
    let depth = (bytes - head.utf8.count - tail.utf8.count) / (open.utf8.count + close.utf8.count)
    var out = Array(head.utf8)
    out.reserveCapacity(bytes)
    for _ in 0..<depth { out.append(contentsOf: open.utf8) }
    for _ in 0..<depth { out.append(contentsOf: close.utf8) }
    out.append(contentsOf: tail.utf8)
    return out
}

func keys(_ bytes: Int, head: String = "", tail: String = "", closing: String = "}") -> [UInt8] {
    fill(bytes, head: head + "{", unit: { "\"key\($0)\":\($0)" }, tail: closing + tail)
}

enum Outcome: CustomStringConvertible {
    case valid, errors(Int, bytes: Int), rejected(JSONParseError), parsed
    var description: String {
        switch self {
        case .valid: "valid"
        case .errors(let count, let bytes): "422, \(count) errors, \(bytes / 1024) KiB body"
        case .rejected(let error): "400 (\(error))"
        case .parsed: "parsed"
        }
    }
}

/// Validates as `T` and writes the 422 body, as an endpoint would.
func validated<T: SchemaValue>(_ type: T.Type) -> ([UInt8]) -> Outcome {
    { bytes in
        var errors: [ValidationErrorItem] = []
        do throws(JSONParseError) {
            let value = try T.validate(json: bytes, at: ["body"], errors: &errors)
            if errors.isEmpty { return value == nil ? .errors(0, bytes: 0) : .valid }
            return .errors(errors.count, bytes: errors.validationErrorBody.count)
        } catch {
            return .rejected(error)
        }
    }
}

/// Parses into a `JSONValue` tree, as an embedded body is.
func parsedTree(_ bytes: [UInt8]) -> Outcome {
    do throws(JSONParseError) {
        let tree = try JSONValue(parsing: bytes)
        _ = tree
        return .parsed
    } catch {
        return .rejected(error)
    }
}

struct Shape {
    var name: String
    var make: (Int) -> [UInt8]
    var run: ([UInt8]) -> Outcome
    /// Shapes beyond the issue's list, whose cost is the size of their answer (one error per key or element,
    /// a 422 body several times the request) rather than parsing: timed and shown, not held to the bounds.
    var isExtra = false
}

let shapes: [Shape] = [
    Shape(name: "deep arrays (whole body)", make: { deep($0, open: "[", close: "]") }, run: validated(HostileItem.self)),
    Shape(name: "deep objects (whole body)", make: { deep($0, open: #"{"a":"#, close: "}") }, run: validated(HostileItem.self)),
    Shape(name: "deep arrays in ignored extra", make: { deep($0, head: #"{"name":"a","x":"#, open: "[", close: "]", tail: "}") }, run: validated(HostileItem.self)),
    Shape(name: "deep objects in ignored extra", make: { deep($0, head: #"{"name":"a","x":"#, open: #"{"a":"#, close: "}", tail: "}") }, run: validated(HostileItem.self)),
    Shape(name: "deep arrays, tree parser", make: { deep($0, open: "[", close: "]") }, run: parsedTree),
    Shape(name: "keys: whole body (name missing, echoed)", make: { keys($0) }, run: validated(HostileItem.self)),
    Shape(name: "keys: whole body, extra=forbid", make: { keys($0, head: "") }, run: validated(HostileStrict.self), isExtra: true),
    Shape(name: "keys: field value (string_type, echoed)", make: { keys($0, head: #"{"name":"a","description":"#, tail: "}") }, run: validated(HostileItem.self)),
    Shape(name: "keys: dictionary field", make: { keys($0, head: #"{"name":"a","scores":"#, tail: "}") }, run: validated(HostileItem.self)),
    Shape(name: "keys: ignored extra field", make: { keys($0, head: #"{"name":"a","x":"#, tail: "}") }, run: validated(HostileItem.self)),
    Shape(name: "keys: tree parser", make: { keys($0) }, run: parsedTree),
    Shape(name: "keys + trailing comma", make: { keys($0, closing: ",}") }, run: validated(HostileItem.self)),
    Shape(name: "array of numbers", make: { fill($0, head: #"{"name":"a","values":["#, unit: { "\($0).25" }, tail: "]}") }, run: validated(HostileItem.self)),
    Shape(name: "long string", make: { fill($0, head: #"{"name":"a","description":""#, unit: { _ in "abcdefghij" }, separator: "", tail: "\"}") }, run: validated(HostileItem.self)),
    Shape(name: "long string, escapes + UTF-8", make: { fill($0, head: #"{"name":"a","description":""#, unit: { _ in #"é\n\u00e9\""# }, separator: "", tail: "\"}") }, run: validated(HostileItem.self)),
    Shape(name: "duplicate keys: model field", make: { fill($0, head: "{", unit: { _ in #""name":"a""# }, tail: "}") }, run: validated(HostileItem.self)),
    Shape(name: "duplicate keys: dictionary field", make: { fill($0, head: #"{"name":"a","scores":{"#, unit: { "\"k\":\($0)" }, tail: "}}") }, run: validated(HostileItem.self)),
    Shape(name: "duplicate keys: tree parser", make: { fill($0, head: "{", unit: { "\"k\":\($0)" }, tail: "}") }, run: parsedTree),
    Shape(name: "list of {} (one missing error each)", make: { fill($0, head: "[", unit: { _ in "{}" }, tail: "]") }, run: validated([HostileItem].self), isExtra: true),
]

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// The fastest of a few runs (the machine is shared, so the minimum is the least noisy figure).
func time(_ shape: Shape, _ bytes: [UInt8]) -> (Double, Outcome) {
    let clock = ContinuousClock()
    var best = Double.infinity
    var outcome = Outcome.valid
    for _ in 0..<3 {
        let start = clock.now
        outcome = shape.run(bytes)
        best = min(best, seconds(clock.now - start))
    }
    return (best, outcome)
}

/// `HostileJSONBenchmark [name-filter]`: only the shapes whose name contains the filter (for profiling one).
let filter = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : ""
var failures: [String] = []
print("shape".padding(toLength: 42, withPad: " ", startingAt: 0) + "    1 MiB     4 MiB    16 MiB  16/1   outcome at 16 MiB")
for shape in shapes where filter.isEmpty || shape.name.contains(filter) {
    var times: [Double] = []
    var last = Outcome.valid
    for size in sizes {
        let bytes = shape.make(size * mebibyte)
        let (elapsed, outcome) = time(shape, bytes)
        times.append(elapsed)
        last = outcome
    }
    let ratio = times[2] / max(times[0], 1e-6)
    // The ratio only means something when the work is well above timer and cache noise: a document rejected at
    // depth 1001 costs microseconds at 1 MiB, where it still fits in the cache, and milliseconds at 16 MiB, where
    // reading it once does not. Under 50 ms at 16 MiB a shape passes on the absolute bound alone.
    let linear = ratio <= 20 || times[2] < 0.05 || shape.isExtra
    let fast = times[2] < 1 || shape.isExtra
    if !linear { failures.append("\(shape.name): 16/1 MiB ratio \(String(format: "%.1f", ratio)) > 20") }
    if !fast { failures.append("\(shape.name): 16 MiB took \(String(format: "%.3f", times[2])) s") }
    let row = shape.name.padding(toLength: 42, withPad: " ", startingAt: 0)
        + times.map { String(format: "%7.1fms", $0 * 1000) }.joined(separator: " ")
        + String(format: " %5.1f", ratio) + "   \(last)" + (linear && fast ? "" : "   FAIL") + (shape.isExtra ? "   (extra, not held to the bounds)" : "")
    print(row)
}
if failures.isEmpty {
    print("all shapes linear (16/1 MiB <= 20) and under 1 s at 16 MiB")
} else {
    print("FAILED:\n  " + failures.joined(separator: "\n  "))
    exit(1)
}
