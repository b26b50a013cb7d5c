import Foundation
import TestSupport
import Testing
@testable import LeNetFormats

@Suite struct AtomicFileTests {
    /// A fresh directory for each test (each test runs on its own instance of the suite), removed with it.
    private let dir: TemporaryDirectory
    private var directory: String { dir.url.path }

    init() throws {
        dir = try TemporaryDirectory()
    }

    private func contents(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    private func entries(_ path: String? = nil) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path ?? directory).sorted()
    }

    private func type(_ path: String) -> FileType? {
        var info = stat()
        return lstat(path, &info) == 0 ? FileType(mode: info.st_mode) : nil
    }

    @Test func replacesTheFileAndLeavesNoTemporaries() throws {
        let path = directory + "/ck.safetensors"
        try AtomicFile.write(Array("old".utf8), to: path)
        // A writer killed mid-write left its temporary file behind (pid 4194303 is not running).
        #expect(FileManager.default.createFile(atPath: directory + "/.ck.safetensors.4194303.tmp", contents: Data("partial".utf8)))
        try AtomicFile.write(Array("new".utf8), to: path)
        #expect(contents(path) == "new")
        #expect(try entries() == ["ck.safetensors"])
    }

    @Test func createsMissingDirectoriesAndKeepsPermissions() throws {
        let path = directory + "/a/b/c.txt"
        try AtomicFile.write(Array("x".utf8), to: path)
        #expect(contents(path) == "x")
        #expect(chmod(path, 0o600) == 0)
        try AtomicFile.write(Array("y".utf8), to: path)
        var info = stat()
        #expect(stat(path, &info) == 0)
        #expect(info.st_mode & 0o7777 == 0o600)
        #expect(contents(path) == "y")
    }

    @Test func aSymbolicLinkIsFollowedAndStaysALink() throws {
        // latest -> runs/run42 (relative), and a second hop: current -> latest.
        try dir.makeDirectory("runs")
        try AtomicFile.write(Array("epoch 1".utf8), to: directory + "/runs/run42")
        try Hostile.link(directory + "/latest", to: "runs/run42")
        try Hostile.link(directory + "/current", to: directory + "/latest")
        try AtomicFile.write(Array("epoch 2".utf8), to: directory + "/current")
        #expect(type(directory + "/latest") == .symbolicLink)
        #expect(type(directory + "/current") == .symbolicLink)
        #expect(type(directory + "/runs/run42") == .regular)
        #expect(contents(directory + "/runs/run42") == "epoch 2")
        #expect(try entries(directory + "/runs") == ["run42"])  // the temporary was in the target's directory
        #expect(try AtomicFile.finalTarget(of: directory + "/current") == directory + "/runs/run42")
        // A dangling link: its target is created.
        try Hostile.link(directory + "/next", to: "runs/run43")
        try AtomicFile.write(Array("new run".utf8), to: directory + "/next")
        #expect(type(directory + "/next") == .symbolicLink)
        #expect(contents(directory + "/runs/run43") == "new run")
    }

    @Test func aLinkLoopSaysSo() throws {
        try Hostile.link(directory + "/a", to: "b")
        try Hostile.link(directory + "/b", to: "a")
        #expect(errorText { try AtomicFile.write([1], to: directory + "/a") } == "\(self.directory)/a: cannot write: too many levels of symbolic links")
    }

    @Test func specialFilesAreNeverReplaced() throws {
        let fifo = directory + "/fifo"
        #expect(Hostile.makeFIFO(fifo))
        #expect(errorText { try AtomicFile.write([1], to: fifo) } == "\(fifo): cannot write: is a FIFO (named pipe), not a regular file; refusing to replace it")
        #expect(type(fifo) == .fifo)
        // Through a link: the message names where it leads.
        try Hostile.link(directory + "/to-fifo", to: "fifo")
        #expect(errorText { try AtomicFile.write([1], to: directory + "/to-fifo") } == "\(self.directory)/to-fifo: cannot write: leads to \(fifo), which is a FIFO (named pipe), not a regular file; refusing to replace it")
        try Hostile.link(directory + "/null", to: "/dev/null")
        #expect(errorText { try AtomicFile.write([1], to: directory + "/null") } == "\(self.directory)/null: cannot write: leads to /dev/null, which is a character device, not a regular file; refusing to replace it")
        #expect(type("/dev/null") == .characterDevice)
        #expect(try entries() == ["fifo", "null", "to-fifo"])
    }

    @Test func aDirectoryIsRefusedAndKept() throws {
        let path = directory + "/taken"
        try dir.makeDirectory("taken")
        #expect(FileManager.default.createFile(atPath: path + "/keep", contents: Data("x".utf8)))
        #expect(errorText { try AtomicFile.write(Array("new".utf8), to: path) } == "\(path): cannot write: is a directory")
        #expect(try entries() == ["taken"])
        #expect(contents(path + "/keep") == "x")
        #expect(errorText { try AtomicFile.write([1], to: path + "/keep/below") } == "\(path)/keep/below: cannot write: not a directory")
    }

    @Test func longNamesGetAShortTemporaryName() throws {
        let name = String(repeating: "n", count: 250)
        #expect(AtomicFile.temporaryStem(for: "ck.safetensors", nameMax: 255) == "ck.safetensors")
        let stem = AtomicFile.temporaryStem(for: name, nameMax: 255)
        #expect(("." + stem + ".4294967295.tmp").utf8.count == 255)
        #expect(stem.hasPrefix("nnnn") && stem.contains("~"))
        #expect(stem != AtomicFile.temporaryStem(for: name + "x", nameMax: 255))
        // Multi-byte characters are not cut in half.
        let wide = AtomicFile.temporaryStem(for: String(repeating: "é", count: 127), nameMax: 255)
        #expect(String(decoding: Array(wide.utf8), as: UTF8.self) == wide)

        let path = directory + "/" + name
        try AtomicFile.write(Array("a".utf8), to: path)
        #expect(FileManager.default.createFile(atPath: directory + "/." + stem + ".4194303.tmp", contents: nil))
        try AtomicFile.write(Array("b".utf8), to: path)
        #expect(contents(path) == "b")
        #expect(try entries() == [name])
        // A name the file system cannot hold is refused up front.
        let tooLong = String(repeating: "m", count: 256)
        #expect(errorText { try AtomicFile.write([1], to: directory + "/" + tooLong) } == "\(self.directory)/\(tooLong): cannot write: file name too long")
    }

    @Test func pathsAreEscapedInMessages() throws {
        try dir.makeDirectory("d\u{1B}[2J")
        #expect(errorText { try AtomicFile.write([1], to: directory + "/d\u{1B}[2J") } == "\(self.directory)/d\\u{1B}[2J: cannot write: is a directory")
    }
}
