import Foundation
import Synchronization

/// A Python interpreter for tests that check Apus against Python's own libraries (hashes made by `bcrypt` and
/// `passlib`, tokens made by PyJWT), so that `swift test` alone runs them on a fresh machine.
///
/// The interpreter is `APUS_TEST_PYTHON` when set (CI's prepared venv); otherwise a virtual environment under
/// the temporary directory, made once per set of requirements with `python3 -m venv` and `pip install` (from
/// PyPI) and reused by later runs. A missing `python3` or a failed install throws with pip's output: such a test
/// fails, it never passes silently.
///
/// ```swift
/// let output = try TestPython.run("import bcrypt; print(bcrypt.hashpw(b'pw', bcrypt.gensalt()).decode())",
///                                 requirements: ["bcrypt==5.0.0"])
/// ```
public enum TestPython {
    /// Why Python could not run a script.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The interpreter for scripts that import `requirements` (pip requirement lines, pinned). Making the venv
    /// blocks for a while, on a thread of its own, not on the concurrency pool.
    public static func interpreter(requirements: [String]) async throws -> String {
        try await Self.offThePool { try Self.blockingInterpreter(requirements: requirements) }
    }

    private static func blockingInterpreter(requirements: [String]) throws -> String {
        if let configured = ProcessInfo.processInfo.environment["APUS_TEST_PYTHON"], !configured.isEmpty {
            return configured
        }
        let lines = requirements.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }.sorted()
        let key = String(Self.stableHash(lines.joined(separator: "\n")), radix: 16)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("apus-test-python-\(key)").path
        let python = directory + "/bin/python"
        // One creation at a time in this process (test suites run in parallel); a finished venv has its marker.
        try creation.withLock { _ in
            let marker = directory + "/.apus-ready"
            guard !FileManager.default.fileExists(atPath: marker) else { return }
            try? FileManager.default.removeItem(atPath: directory)
            _ = try Self.execute(["python3", "-m", "venv", directory], what: "python3 -m venv")
            _ = try Self.execute([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"] + lines, what: "pip install")
            guard FileManager.default.createFile(atPath: marker, contents: Data()) else {
                throw Failure(description: "could not write \(marker)")
            }
        }
        return python
    }

    /// The requirement lines of a `requirements.txt` file.
    public static func requirements(inFile path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    /// Runs `script` (with `arguments` as its `sys.argv[1:]`) and returns its standard output; throws with its
    /// standard error when it exits non-zero.
    public static func run(_ script: String, arguments: [String] = [], requirements: [String]) async throws -> String {
        try await Self.offThePool {
            let python = try Self.blockingInterpreter(requirements: requirements)
            return try Self.execute([python, "-c", script] + arguments, what: python)
        }
    }

    /// Runs blocking `work` on a new thread and waits for it without holding a thread of the concurrency pool.
    private static func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }

    private static let creation = Mutex(())

    /// FNV-1a: the same key for the same requirements in every run (`hashValue` is seeded per process).
    private static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    private static func execute(_ command: [String], what: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        let output = Pipe()
        // Standard error goes to a file, so a long one cannot fill a pipe nobody reads while stdout is read.
        let errorPath = FileManager.default.temporaryDirectory.appendingPathComponent("apus-test-python-\(UUID().uuidString).err")
        guard FileManager.default.createFile(atPath: errorPath.path, contents: Data()) else {
            throw Failure(description: "could not write \(errorPath.path)")
        }
        defer { try? FileManager.default.removeItem(at: errorPath) }
        let errors = try FileHandle(forWritingTo: errorPath)
        defer { try? errors.close() }
        // Nothing goes to its standard input: writing to a pipe whose reader has exited would raise SIGPIPE.
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw Failure(description: "could not start \(what): \(error)")
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = ((try? String(contentsOf: errorPath, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            throw Failure(description: "\(what) exited with \(process.terminationStatus): \(message)")
        }
        return String(decoding: outputData, as: UTF8.self)
    }
}
