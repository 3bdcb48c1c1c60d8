import ApusModels
import Foundation

// Measures, in one run: decode-and-validate (ApusModels, every constraint checked) against JSONDecoder decoding
// the same Codable types, and encoding against JSONEncoder, on a ~1 KB order and a ~100 KB array of orders.

let secondsPerMeasurement = CommandLine.arguments.count > 1 ? Double(CommandLine.arguments[1]) ?? 2 : 2

func makeOrder(_ index: Int) -> Order {
    Order(
        id: UUID(),
        customer: Customer(
            id: UUID(), name: "Customer Number \(index)", email: "customer\(index)@example.com",
            address: Address(street: "\(100 + index) Long Example Street", city: "Springfield", zip: "12345", country: "US")),
        items: (0..<4).map { item in
            LineItem(
                sku: "ABC-\(1000 + item)", name: "Product with a descriptive name \(item)", quantity: item + 1, unitPrice: 19.99 + Double(item),
                tags: ["tag-a", "tag-b", "seasonal"])
        },
        status: .paid, createdAt: Date(timeIntervalSince1970: 1_704_164_645), notes: "Leave the parcel at the back door, please.",
        total: 129.95, priority: 3, gift: index % 2 == 0, metadata: ["channel": "web", "campaign": "spring-sale"])
}

let foundationEncoder = JSONEncoder()
foundationEncoder.dateEncodingStrategy = .iso8601
let foundationDecoder = JSONDecoder()
foundationDecoder.dateDecodingStrategy = .iso8601

let order = makeOrder(1)
let orderBytes = try foundationEncoder.encode(order)
let orders = (0..<100).map(makeOrder)
let ordersBytes = try foundationEncoder.encode(orders)
let orderArray = [UInt8](orderBytes)
let ordersArray = [UInt8](ordersBytes)

// Both decoders must accept the payloads before they are timed.
var errors: [ValidationErrorItem] = []
let checkedOrder = try Order.validate(json: orderArray, errors: &errors)
let checkedOrders = try [Order].validate(json: ordersArray, errors: &errors)
precondition(checkedOrder != nil && checkedOrders?.count == orders.count && errors.isEmpty, "ApusModels rejected the payloads: \(errors)")

struct Measurement {
    var operationsPerSecond: Double
    var megabytesPerSecond: Double
}

/// Runs `body` repeatedly for about `secondsPerMeasurement` and reports the rate.
func measure(bytes: Int, _ body: () throws -> Void) rethrows -> Measurement {
    for _ in 0..<50 { try body() }  // warm-up
    var iterations = 0
    let clock = ContinuousClock()
    let start = clock.now
    var elapsed = Duration.zero
    while elapsed < .seconds(secondsPerMeasurement) {
        for _ in 0..<20 { try body() }
        iterations += 20
        elapsed = clock.now - start
    }
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let rate = Double(iterations) / seconds
    return Measurement(operationsPerSecond: rate, megabytesPerSecond: rate * Double(bytes) / 1_000_000)
}

@inline(never) func consume<T>(_ value: T) { withExtendedLifetime(value) {} }

func report(_ name: String, apus: Measurement, foundation: Measurement, target: Double) {
    let ratio = apus.operationsPerSecond / foundation.operationsPerSecond
    func row(_ label: String, _ m: Measurement) -> String {
        label.padding(toLength: 22, withPad: " ", startingAt: 0)
            + String(format: "%12.0f ops/s %9.1f MB/s", m.operationsPerSecond, m.megabytesPerSecond)
    }
    print(name)
    print("  " + row("ApusModels", apus))
    print("  " + row("Foundation", foundation))
    print(String(format: "  ratio %.2fx (target >= %.1fx) %@", ratio, target, ratio >= target ? "ok" : "BELOW TARGET"))
}

print("payloads: order \(orderArray.count) bytes, array of \(orders.count) orders \(ordersArray.count) bytes")

report(
    "decode+validate order (~1 KB)",
    apus: try measure(bytes: orderArray.count) { var e: [ValidationErrorItem] = []; consume(try Order.validate(json: orderArray, errors: &e)) },
    foundation: try measure(bytes: orderArray.count) { consume(try foundationDecoder.decode(Order.self, from: orderBytes)) }, target: 1.5)
report(
    "decode+validate array (~100 KB)",
    apus: try measure(bytes: ordersArray.count) { var e: [ValidationErrorItem] = []; consume(try [Order].validate(json: ordersArray, errors: &e)) },
    foundation: try measure(bytes: ordersArray.count) { consume(try foundationDecoder.decode([Order].self, from: ordersBytes)) }, target: 1.5)
report(
    "encode order (~1 KB)",
    apus: measure(bytes: orderArray.count) { consume(order.jsonBytes()) },
    foundation: try measure(bytes: orderArray.count) { consume(try foundationEncoder.encode(order)) }, target: 2)
report(
    "encode array (~100 KB)",
    apus: measure(bytes: ordersArray.count) {
        var writer = JSONWriter(capacity: ordersArray.count + 1024)
        orders.encode(to: &writer)
        consume(writer.bytes)
    },
    foundation: try measure(bytes: ordersArray.count) { consume(try foundationEncoder.encode(orders)) }, target: 2)
