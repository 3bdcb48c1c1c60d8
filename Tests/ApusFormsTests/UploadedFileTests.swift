import ApusForms
import Foundation
import NIOCore
import Testing

@Suite struct UploadedFileTests {
    let directory: TemporaryDirectory

    init() throws {
        self.directory = try TemporaryDirectory()
    }

    /// Parses one file part holding `contents`, spooled past `threshold` bytes.
    func upload(_ contents: String, threshold: Int = 1024 * 1024) async throws -> UploadedFile {
        let limits = FormLimits(spoolThreshold: threshold, temporaryDirectory: self.directory.path)
        let form = try await parseForm(
            multipartBody([(fileHeaders("f", filename: "a.txt"), contents)]), contentType: multipartXX, limits: limits)
        return try #require(form.file(named: "f"))
    }

    @Test func keepsASmallUploadInMemory() async throws {
        let file = try await upload("hello")
        #expect(!file.isOnDisk)
        #expect(file.temporaryFilePath == nil)
        #expect(try directory.contents() == [])
    }

    @Test func keepsAnUploadOfExactlyTheThresholdInMemory() async throws {
        let file = try await upload(String(repeating: "x", count: 1024 * 1024))
        #expect(!file.isOnDisk)
    }

    @Test func spoolsAnUploadPastTheThresholdToATemporaryFile() async throws {
        let file = try await upload(String(repeating: "x", count: 1024 * 1024 + 1))
        let path = try #require(file.temporaryFilePath)
        #expect(path.hasPrefix(directory.path + "/apus-upload-"))
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int == 1024 * 1024 + 1)
        await file.close()
    }

    @Test func removesTheTemporaryFileOnClose() async throws {
        let file = try await upload("0123456789", threshold: 4)
        let path = try #require(file.temporaryFilePath)
        #expect(FileManager.default.fileExists(atPath: path))
        await file.close()
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(await file.isClosed)
    }

    @Test func removesTheTemporaryFileWhenTheFormIsClosed() async throws {
        let limits = FormLimits(spoolThreshold: 4, temporaryDirectory: directory.path)
        let parts = [(fileHeaders("f", filename: "a"), "0123456789"), (fileHeaders("g", filename: "b"), "abcdefghij")]
        let form = try await parseForm(multipartBody(parts), contentType: multipartXX, limits: limits)
        #expect(try directory.contents().count == 2)
        await form.close()
        #expect(try directory.contents() == [])
    }

    @Test func removesTheTemporaryFileWhenTheLastReferenceGoesAway() async throws {
        var file: UploadedFile? = try await upload("0123456789", threshold: 4)
        let path = try #require(file?.temporaryFilePath)
        file = nil
        // The removal runs on NIO's thread pool, which the suites beside this one keep busy (password hashes run
        // there): wait up to 10 s, polling.
        for _ in 0..<1000 where FileManager.default.fileExists(atPath: path) {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func closingTwiceIsHarmless() async throws {
        let file = try await upload("0123456789", threshold: 4)
        await file.close()
        await file.close()
        #expect(await file.isClosed)
    }

    @Test func readingAfterCloseThrows() async throws {
        for threshold in [4, 1024] {
            let file = try await upload("0123456789", threshold: threshold)
            await file.close()
            await #expect(throws: UploadedFileError.closed) { try await file.read() }
            await #expect(throws: UploadedFileError.closed) { try await file.seek(to: 0) }
        }
    }

    @Test func readsInChunksFromMemoryAndDisk() async throws {
        for threshold in [4, 1024] {
            let file = try await upload("0123456789", threshold: threshold)
            #expect(try await file.read(upTo: 4) == ByteBuffer(string: "0123"))
            #expect(try await file.read(upTo: 4) == ByteBuffer(string: "4567"))
            #expect(try await file.read(upTo: 4) == ByteBuffer(string: "89"))
            #expect(try await file.read(upTo: 4) == ByteBuffer())
            await file.close()
        }
    }

    @Test func readReturnsTheRestFromThePosition() async throws {
        for threshold in [4, 1024] {
            let file = try await upload("0123456789", threshold: threshold)
            _ = try await file.read(upTo: 3)
            #expect(try await file.read() == ByteBuffer(string: "3456789"))
            #expect(try await file.read() == ByteBuffer())
            await file.close()
        }
    }

    @Test func seekRewindsAndClampsToTheFile() async throws {
        for threshold in [4, 1024] {
            let file = try await upload("0123456789", threshold: threshold)
            _ = try await file.read()
            try await file.seek(to: 0)
            #expect(try await file.read(upTo: 2) == ByteBuffer(string: "01"))
            try await file.seek(to: 8)
            #expect(await file.currentPosition == 8)
            #expect(try await file.read() == ByteBuffer(string: "89"))
            try await file.seek(to: 99)
            #expect(await file.currentPosition == 10)
            try await file.seek(to: -5)
            #expect(await file.currentPosition == 0)
            await file.close()
        }
    }

    @Test func chunksYieldTheWholeFileFromTheStart() async throws {
        for threshold in [4, 1024] {
            let file = try await upload("0123456789", threshold: threshold)
            _ = try await file.read(upTo: 5)
            var chunks: [String] = []
            for try await chunk in file.chunks(ofSize: 4) {
                chunks.append(String(buffer: chunk))
            }
            #expect(chunks == ["0123", "4567", "89"])
            await file.close()
        }
    }

    @Test func canBeMadeInMemoryByHand() async throws {
        let file = UploadedFile(fieldName: "f", filename: "a.txt", contentType: "text/plain", contents: ByteBuffer(string: "hi"))
        #expect(file.size == 2)
        #expect(try await file.read() == ByteBuffer(string: "hi"))
    }
}
