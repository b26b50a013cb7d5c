import Foundation
import TestSupport
import Testing
@testable import LeNetFormats

/// `InputFile.read`: only regular files, never blocking, never more than the limit.
@Suite struct InputFileTests {
    @Test func readsARegularFileAndALinkToOne() throws {
        let dir = try TemporaryDirectory()
        try dir.write([1, 2, 3], to: "a.bin")
        try Hostile.link(dir.path("link.bin"), to: "a.bin")
        #expect(try InputFile.read(dir.path("a.bin"), limit: 3, what: "a test file") == [1, 2, 3])
        #expect(try InputFile.read(dir.path("link.bin"), limit: 3, what: "a test file") == [1, 2, 3])
        try dir.write([], to: "empty.bin")
        #expect(try InputFile.read(dir.path("empty.bin"), limit: 0, what: "a test file") == [])
    }

    @Test func refusesAFileLargerThanTheLimitBeforeReadingIt() throws {
        let dir = try TemporaryDirectory()
        try dir.write([UInt8](repeating: 9, count: 11), to: "big.bin")
        #expect(errorText { try InputFile.read(dir.path("big.bin"), limit: 10, what: "a test file") }
            == "\(dir.path("big.bin")): is 11 bytes, more than a test file can be (at most 10 bytes)")
        // A sparse file of 1 TiB: refused from its size, nothing is read.
        let sparse = dir.path("sparse.bin")
        #expect(FileManager.default.createFile(atPath: sparse, contents: nil))
        #expect(truncate(sparse, 1 << 40) == 0)
        #expect(errorText { try InputFile.read(sparse, limit: 4 << 20, what: "a checkpoint") }
            == "\(sparse): is 1099511627776 bytes, more than a checkpoint can be (at most 4194304 bytes)")
    }

    @Test func aFIFOIsAnErrorAtOnceNotAHang() throws {
        let dir = try TemporaryDirectory()
        let fifo = dir.path("pipe")
        #expect(Hostile.makeFIFO(fifo))
        let start = Date()
        #expect(errorText { try InputFile.read(fifo, limit: 100, what: "a test file") }
            == "\(fifo): is a FIFO (named pipe), not a regular file")
        // Through a symbolic link too.
        try Hostile.link(dir.path("via-link"), to: "pipe")
        #expect(errorText { try InputFile.read(dir.path("via-link"), limit: 100, what: "a test file") }
            == "\(dir.path("via-link")): is a FIFO (named pipe), not a regular file")
        #expect(Date().timeIntervalSince(start) < 5)
    }

    @Test func devicesAndDirectoriesAreNamed() throws {
        #expect(errorText { try InputFile.read("/dev/zero", limit: 100, what: "a test file") }
            == "/dev/zero: is a character device, not a regular file")
        #expect(errorText { try InputFile.read("/dev/null", limit: 100, what: "a test file") }
            == "/dev/null: is a character device, not a regular file")
        let dir = try TemporaryDirectory()
        #expect(throws: InputFileError(path: dir.url.path, kind: .directory, what: "a test file")) {
            try InputFile.read(dir.url.path, limit: 100, what: "a test file")
        }
    }

    @Test func systemErrorsSayWhatHappened() throws {
        let dir = try TemporaryDirectory()
        try Hostile.link(dir.path("loop-a"), to: "loop-b")
        try Hostile.link(dir.path("loop-b"), to: "loop-a")
        #expect(errorText { try InputFile.read(dir.path("loop-a"), limit: 100, what: "a test file") }
            == "\(dir.path("loop-a")): too many levels of symbolic links")
        #expect(errorText { try InputFile.read(dir.path("none"), limit: 100, what: "a test file") }
            == "\(dir.path("none")): no such file")
        try dir.write([1], to: "file")
        #expect(errorText { try InputFile.read(dir.path("file") + "/below", limit: 100, what: "a test file") }
            == "\(dir.path("file"))/below: not a directory")
        let long = String(repeating: "n", count: 300)
        #expect(errorText { try InputFile.read(dir.path(long), limit: 100, what: "a test file") }
            == "\(dir.path(long)): file name too long")
    }

    @Test func theFileNameIsEscapedInMessages() throws {
        let dir = try TemporaryDirectory()
        let name = "evil\u{1B}]0;pwned\u{07}"
        #expect(errorText { try InputFile.read(dir.path(name), limit: 100, what: "a test file") }
            == "\(dir.url.path)/evil\\u{1B}]0;pwned\\u{7}: no such file")
    }
}
