extension PasswordHasher {
    /// The most work a stored hash may ask for. A hash beyond them is refused with
    /// ``PasswordHashError/parameterOutOfRange(name:value:allowed:)`` before anything runs, so that a corrupt or
    /// planted row (`ln=60`, `rounds=10^12`) cannot pin a thread for hours or allocate gigabytes. The configured
    /// scrypt parameters must lie within them too, so every hash this hasher writes it can also verify.
    ///
    /// The defaults allow the parameter sets in common use with room to spare, at a few seconds per hash at most:
    /// scrypt up to 256 MiB (`ln=18, r=8, p=1`, twice OWASP's cost; passlib writes `ln=16`), bcrypt cost 15
    /// (Python's `bcrypt` writes 12), and pbkdf2-sha256 up to 2 000 000 rounds (passlib writes 29 000, OWASP asks
    /// for 600 000). Raise them for hashes you know to be heavier.
    public struct Limits: Sendable, Hashable {
        /// The largest scrypt `ln`; 32 at most (BoringSSL's bound on `N`).
        public var maximumScryptLogN: Int
        /// The largest scrypt `r`. swift-crypto 4.5.2 sizes its memory limit so that `r > 16` with `p = 1` fails,
        /// so 16 is also the most that works.
        public var maximumScryptBlockSize: Int
        /// The largest scrypt `p`.
        public var maximumScryptParallelism: Int
        /// The largest `128 · r · N · p`: the bytes of scrypt's table times the passes over it, which bounds its
        /// memory (`p = 1`: 256 MiB by default) and its time.
        public var maximumScryptWorkByteCount: Int
        /// The largest bcrypt cost (log2 of its rounds).
        public var maximumBcryptCost: Int
        /// The largest pbkdf2-sha256 iteration count.
        public var maximumPBKDF2Rounds: Int

        /// Limits with the given bounds; the defaults are described on the type.
        public init(
            maximumScryptLogN: Int = 20,
            maximumScryptBlockSize: Int = 16,
            maximumScryptParallelism: Int = 16,
            maximumScryptWorkByteCount: Int = 1 << 28,
            maximumBcryptCost: Int = 15,
            maximumPBKDF2Rounds: Int = 2_000_000
        ) {
            self.maximumScryptLogN = maximumScryptLogN
            self.maximumScryptBlockSize = maximumScryptBlockSize
            self.maximumScryptParallelism = maximumScryptParallelism
            self.maximumScryptWorkByteCount = maximumScryptWorkByteCount
            self.maximumBcryptCost = maximumBcryptCost
            self.maximumPBKDF2Rounds = maximumPBKDF2Rounds
        }

        func check(_ parameters: ScryptParameters) throws(PasswordHashError) {
            try Self.check("ln", parameters.logN, 1, min(self.maximumScryptLogN, 32))
            try Self.check("r", parameters.blockSize, 1, self.maximumScryptBlockSize)
            try Self.check("p", parameters.parallelism, 1, self.maximumScryptParallelism)
            // Each factor is now bounded, but by limits the caller may have raised: multiply with overflow checks.
            var work = 1 << parameters.logN
            var overflow = false
            for factor in [128, parameters.blockSize, parameters.parallelism] where !overflow {
                (work, overflow) = work.multipliedReportingOverflow(by: factor)
            }
            try Self.check("128·r·N·p", overflow ? .max : work, 0, self.maximumScryptWorkByteCount)
        }

        func checkBcrypt(cost: Int) throws(PasswordHashError) {
            // 4 is bcrypt's own minimum and 31 its maximum; the C implementation rejects anything else.
            try Self.check("cost", cost, 4, min(self.maximumBcryptCost, 31))
        }

        func checkPBKDF2(rounds: Int) throws(PasswordHashError) {
            try Self.check("rounds", rounds, 1, self.maximumPBKDF2Rounds)
        }

        /// A limit set below the algorithm's minimum allows the minimum only (a `ClosedRange` cannot be empty).
        private static func check(_ name: String, _ value: Int, _ lowest: Int, _ highest: Int) throws(PasswordHashError) {
            let allowed = lowest...max(lowest, highest)
            guard allowed.contains(value) else { throw .parameterOutOfRange(name: name, value: value, allowed: allowed) }
        }
    }
}
