import ApusCore
import ApusStaticFiles
import ApusTesting
import Foundation
import Testing

/// A large (sparse) file served over a real socket, its bytes counted as they arrive and never held: the server
/// must stream it from disk, so the process's peak RSS hardly moves.
///
/// The suite serves 16 MiB and checks the bytes; `APUS_STATIC_BIG_FILE_PROOF=1` (its own step in .ci/run, since
/// the suites beside it move the peak by tens of MiB) serves 1 GiB and requires the peak to grow by less than
/// 64 MiB.
@Suite struct LargeFileTests {
    static let isProof = ProcessInfo.processInfo.environment["APUS_STATIC_BIG_FILE_PROOF"] == "1"
    static let fileSize: Int64 = isProof ? 1 << 30 : 16 << 20

    @Test func aLargeFileIsStreamedWithFlatMemory() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("apus-static-big-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/big.bin"
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: UInt64(Self.fileSize))
        try handle.close()

        let app = App()
        app.mount("/files", try StaticFiles(directory: directory))
        try await app.test(.live) { client async throws in
            let port = try #require(client.port)
            let baseline = PeakMemory.resetAndRead()
            let clock = ContinuousClock()
            let start = clock.now
            let whole = try await RawHTTPClient.countBody(port: port, target: "/files/big.bin")
            let elapsed = clock.now - start
            let peak = PeakMemory.read()
            #expect(whole.status == 200)
            #expect(whole.contentLength == Int(Self.fileSize))
            #expect(whole.bodyBytes == Int(Self.fileSize))

            let tail = try await RawHTTPClient.send(
                port: port, method: "GET", target: Array("/files/big.bin".utf8), headers: [("Range", "bytes=-10")])
            #expect(tail.status == 206)
            #expect(tail.header("content-range") == "bytes \(Self.fileSize - 10)-\(Self.fileSize - 1)/\(Self.fileSize)")
            #expect(tail.body == [UInt8](repeating: 0, count: 10))

            let growth = peak - baseline
            print(
                "static file of \(Self.fileSize >> 20) MiB: sent in \(elapsed), VmHWM baseline \(baseline / 1024) MiB, growth \(growth / 1024) MiB"
            )
            if Self.isProof {
                #expect(growth < 64 * 1024, "peak RSS grew by \(growth) KiB")
            }
        }
    }
}
