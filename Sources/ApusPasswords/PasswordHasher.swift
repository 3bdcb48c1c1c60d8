public import NIOPosix

/// Hashes passwords with scrypt and verifies them against the hashes teams bring from Python.
///
/// New hashes are scrypt (RFC 7914) in the PHC string format, `$scrypt$ln=17,r=8,p=1$<salt>$<hash>` with a
/// 16-byte salt from the system's CSPRNG and a 32-byte hash, both in unpadded standard base64: the same text
/// passlib's `scrypt` handler writes and reads. ``verify(_:against:)`` also reads Python's `bcrypt` (`$2a$`,
/// `$2b$`, `$2y$`) and passlib's `$pbkdf2-sha256$`, so users keep their logins after a move; after a successful
/// login, ``needsRehash(_:)`` says when to store a new hash.
///
/// ```swift
/// let hasher = try PasswordHasher()
/// let stored = try await hasher.hash("correct horse battery staple")
/// if try await hasher.verify(password, against: user.passwordHash) {
///     if hasher.needsRehash(user.passwordHash) {
///         user.passwordHash = try await hasher.hash(password)
///     }
/// }
/// ```
///
/// The hashing runs on a `NIOThreadPool`, never on an event loop or in the Swift concurrency pool: it is the
/// point of a password hash to be slow. The pool has a fixed number of threads (`NIOThreadPool.singleton` has
/// one per core), so a burst of 100 logins queues behind them instead of starting 100 threads, and memory is
/// bounded too: at most one scrypt table per thread. Pass a pool of your own to keep hashing apart from other
/// blocking work on the singleton (file I/O); its lifecycle is then yours.
///
/// Passwords are hashed as their UTF-8 bytes, without Unicode normalization (as passlib and `bcrypt` do), up to
/// ``Configuration/maximumPasswordByteCount``. bcrypt reads only the first 72 bytes of a password, as it always
/// has (Python's `bcrypt` truncated silently before 5.0 and refuses longer passwords since), so verification cuts
/// there too; a password containing a NUL byte never matches a bcrypt hash, since bcrypt's C implementation would
/// end it at the NUL. scrypt and pbkdf2-sha256 read every byte. Comparisons of hashes take the same time wherever
/// they differ.
///
/// Base64 in PHC strings: ``hash(_:)`` writes the standard alphabet (`+`, `/`) without padding, as the PHC format
/// and passlib's `scrypt` do; reading also accepts passlib's "ab64" (`.` for `+`), which its `$pbkdf2-sha256$`
/// uses.
public struct PasswordHasher: Sendable {
    /// How new hashes are made, and the bounds on what is verified.
    public struct Configuration: Sendable, Hashable {
        /// The scrypt cost of new hashes; stored hashes with any lower parameter need a rehash.
        public var scrypt: ScryptParameters
        /// The longest password, in UTF-8 bytes, that is hashed: ``PasswordHasher/hash(_:)`` throws for longer
        /// ones and ``PasswordHasher/verify(_:against:)`` returns `false` for them without hashing. 4096, as in
        /// passlib (`MAX_PASSWORD_SIZE`): long enough for any passphrase, short enough that nobody makes the
        /// server hash megabytes. (bcrypt reads only the first 72 bytes; see ``PasswordHasher``.)
        public var maximumPasswordByteCount: Int
        /// The most work a stored hash may ask for.
        public var limits: Limits

        /// A configuration; the defaults are OWASP's scrypt cost, 4096-byte passwords and the default limits.
        public init(scrypt: ScryptParameters = .default, maximumPasswordByteCount: Int = 4096, limits: Limits = Limits()) {
            self.scrypt = scrypt
            self.maximumPasswordByteCount = maximumPasswordByteCount
            self.limits = limits
        }
    }

    /// The bytes of salt in a new hash (passlib's default too).
    static let saltByteCount = 16
    /// The bytes of scrypt output in a new hash (passlib's default too).
    static let keyByteCount = 32

    /// How this hasher makes and bounds hashes.
    public let configuration: Configuration
    private let threadPool: NIOThreadPool

    /// A hasher that hashes on `threadPool`.
    ///
    /// - Throws: ``PasswordHashError/parameterOutOfRange(name:value:allowed:)`` if the configured scrypt
    ///   parameters lie outside the configured limits (this hasher could not verify its own hashes).
    public init(configuration: Configuration = Configuration(), threadPool: NIOThreadPool = .singleton) throws(PasswordHashError) {
        try configuration.limits.check(configuration.scrypt)
        self.configuration = configuration
        self.threadPool = threadPool
    }

    /// A new scrypt hash of `password` in the PHC string format, with a fresh random salt.
    ///
    /// - Throws: ``PasswordHashError/passwordTooLong(byteCount:maximum:)``; `CancellationError` if the task is
    ///   cancelled while waiting for a thread; `NIOThreadPoolError.ThreadPoolInactive` if the pool is shut down.
    public func hash(_ password: String) async throws -> String {
        let bytes = Array(password.utf8)
        let maximum = self.configuration.maximumPasswordByteCount
        guard bytes.count <= maximum else { throw PasswordHashError.passwordTooLong(byteCount: bytes.count, maximum: maximum) }
        // SystemRandomNumberGenerator is the platform CSPRNG (getrandom(2) on Linux, arc4random on Darwin).
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<Self.saltByteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let parameters = self.configuration.scrypt
        let key = try await self.threadPool.runIfActive {
            try ScryptHash.derive(from: bytes, salt: salt, parameters: parameters, byteCount: Self.keyByteCount)
        }
        return ScryptHash(parameters: parameters, salt: salt, key: key).text
    }

    /// Whether `password` is the one `storedHash` was made from. `storedHash` may be scrypt (PHC, as written by
    /// ``hash(_:)`` or passlib), bcrypt (`$2a$`, `$2b$`, `$2y$`) or passlib's `$pbkdf2-sha256$`.
    ///
    /// A wrong password, or one longer than ``Configuration/maximumPasswordByteCount``, returns `false`. A stored
    /// hash that cannot be run throws, quickly and before any hashing, because it is a fault of the database
    /// rather than of the user.
    ///
    /// - Throws: ``PasswordHashError/unsupportedAlgorithm``, ``PasswordHashError/malformedHash(reason:)`` and
    ///   ``PasswordHashError/parameterOutOfRange(name:value:allowed:)`` (see ``Limits``) for the stored hash;
    ///   `CancellationError` and `NIOThreadPoolError.ThreadPoolInactive` as ``hash(_:)``.
    public func verify(_ password: String, against storedHash: String) async throws -> Bool {
        let stored = try StoredPasswordHash(parsing: storedHash)
        try stored.check(self.configuration.limits)
        let bytes = Array(password.utf8)
        guard bytes.count <= self.configuration.maximumPasswordByteCount else { return false }
        return try await self.threadPool.runIfActive { try stored.matches(bytes) }
    }

    /// Whether `storedHash` should be replaced by a new ``hash(_:)`` of the password (after it verified): true
    /// when it is not scrypt, when any of its `ln`, `r`, `p` is lower than configured, when its salt or hash is
    /// shorter than this hasher writes, or when it cannot be read at all.
    public func needsRehash(_ storedHash: String) -> Bool {
        guard case .scrypt(let hash) = try? StoredPasswordHash(parsing: storedHash) else { return true }
        return hash.parameters.isWeaker(than: self.configuration.scrypt) || hash.salt.count < Self.saltByteCount
            || hash.key.count < Self.keyByteCount
    }
}
