/// The cost of a scrypt hash (RFC 7914): `N = 2^logN` rounds of `blockSize` (`r`) 128-byte blocks, `parallelism`
/// (`p`) times. Memory is `128 · r · N` bytes, time grows with `N · r · p`.
///
/// The default, `ln=17, r=8, p=1` (128 MiB), is OWASP's recommendation for scrypt. Lower it only for tests.
public struct ScryptParameters: Sendable, Hashable {
    /// log2 of the CPU/memory cost `N` (the PHC string's `ln`).
    public var logN: Int
    /// The block size `r`.
    public var blockSize: Int
    /// The parallelism `p`.
    public var parallelism: Int

    /// Parameters as the PHC string writes them: `ln`, `r`, `p`.
    public init(logN: Int, blockSize: Int, parallelism: Int) {
        self.logN = logN
        self.blockSize = blockSize
        self.parallelism = parallelism
    }

    /// `ln=17, r=8, p=1`: OWASP's recommendation.
    public static let `default` = ScryptParameters(logN: 17, blockSize: 8, parallelism: 1)

    /// Whether any of the three parameters is lower than in `other`.
    func isWeaker(than other: ScryptParameters) -> Bool {
        self.logN < other.logN || self.blockSize < other.blockSize || self.parallelism < other.parallelism
    }
}
