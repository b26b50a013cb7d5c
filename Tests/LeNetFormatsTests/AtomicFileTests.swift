import Foundation
import TestSupport
import XCTest
@testable import LeNetFormats

final class AtomicFileTests: XCTestCase {
    private var dir: TemporaryDirectory!
    private var directory: String { dir.url.path }

    override func setUpWithError() throws {
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

    func testReplacesTheFileAndLeavesNoTemporaries() throws {
        let path = directory + "/ck.safetensors"
        try AtomicFile.write(Array("old".utf8), to: path)
        // A writer killed mid-write left its temporary file behind (pid 4194303 is not running).
        XCTAssertTrue(FileManager.default.createFile(atPath: directory + "/.ck.safetensors.4194303.tmp", contents: Data("partial".utf8)))
        try AtomicFile.write(Array("new".utf8), to: path)
        XCTAssertEqual(contents(path), "new")
        XCTAssertEqual(try entries(), ["ck.safetensors"])
    }

    func testCreatesMissingDirectoriesAndKeepsPermissions() throws {
        let path = directory + "/a/b/c.txt"
        try AtomicFile.write(Array("x".utf8), to: path)
        XCTAssertEqual(contents(path), "x")
        XCTAssertEqual(chmod(path, 0o600), 0)
        try AtomicFile.write(Array("y".utf8), to: path)
        var info = stat()
        XCTAssertEqual(stat(path, &info), 0)
        XCTAssertEqual(info.st_mode & 0o7777, 0o600)
        XCTAssertEqual(contents(path), "y")
    }

    func testASymbolicLinkIsFollowedAndStaysALink() throws {
        // latest -> runs/run42 (relative), and a second hop: current -> latest.
        try dir.makeDirectory("runs")
        try AtomicFile.write(Array("epoch 1".utf8), to: directory + "/runs/run42")
        try Hostile.link(directory + "/latest", to: "runs/run42")
        try Hostile.link(directory + "/current", to: directory + "/latest")
        try AtomicFile.write(Array("epoch 2".utf8), to: directory + "/current")
        XCTAssertEqual(type(directory + "/latest"), .symbolicLink)
        XCTAssertEqual(type(directory + "/current"), .symbolicLink)
        XCTAssertEqual(type(directory + "/runs/run42"), .regular)
        XCTAssertEqual(contents(directory + "/runs/run42"), "epoch 2")
        XCTAssertEqual(try entries(directory + "/runs"), ["run42"])  // the temporary was in the target's directory
        XCTAssertEqual(try AtomicFile.finalTarget(of: directory + "/current"), directory + "/runs/run42")
        // A dangling link: its target is created.
        try Hostile.link(directory + "/next", to: "runs/run43")
        try AtomicFile.write(Array("new run".utf8), to: directory + "/next")
        XCTAssertEqual(type(directory + "/next"), .symbolicLink)
        XCTAssertEqual(contents(directory + "/runs/run43"), "new run")
    }

    func testALinkLoopSaysSo() throws {
        try Hostile.link(directory + "/a", to: "b")
        try Hostile.link(directory + "/b", to: "a")
        XCTAssertThrowsError(try AtomicFile.write([1], to: directory + "/a")) {
            XCTAssertEqual("\($0)", "\(self.directory)/a: cannot write: too many levels of symbolic links")
        }
    }

    func testSpecialFilesAreNeverReplaced() throws {
        let fifo = directory + "/fifo"
        XCTAssertTrue(Hostile.makeFIFO(fifo))
        XCTAssertThrowsError(try AtomicFile.write([1], to: fifo)) {
            XCTAssertEqual("\($0)", "\(fifo): cannot write: is a FIFO (named pipe), not a regular file; refusing to replace it")
        }
        XCTAssertEqual(type(fifo), .fifo)
        // Through a link: the message names where it leads.
        try Hostile.link(directory + "/to-fifo", to: "fifo")
        XCTAssertThrowsError(try AtomicFile.write([1], to: directory + "/to-fifo")) {
            XCTAssertEqual("\($0)", "\(self.directory)/to-fifo: cannot write: leads to \(fifo), which is a FIFO (named pipe), not a regular file; refusing to replace it")
        }
        try Hostile.link(directory + "/null", to: "/dev/null")
        XCTAssertThrowsError(try AtomicFile.write([1], to: directory + "/null")) {
            XCTAssertEqual("\($0)", "\(self.directory)/null: cannot write: leads to /dev/null, which is a character device, not a regular file; refusing to replace it")
        }
        XCTAssertEqual(type("/dev/null"), .characterDevice)
        XCTAssertEqual(try entries(), ["fifo", "null", "to-fifo"])
    }

    func testADirectoryIsRefusedAndKept() throws {
        let path = directory + "/taken"
        try dir.makeDirectory("taken")
        XCTAssertTrue(FileManager.default.createFile(atPath: path + "/keep", contents: Data("x".utf8)))
        XCTAssertThrowsError(try AtomicFile.write(Array("new".utf8), to: path)) { error in
            XCTAssertEqual("\(error)", "\(path): cannot write: is a directory")
        }
        XCTAssertEqual(try entries(), ["taken"])
        XCTAssertEqual(contents(path + "/keep"), "x")
        XCTAssertThrowsError(try AtomicFile.write([1], to: path + "/keep/below")) { error in
            XCTAssertEqual("\(error)", "\(path)/keep/below: cannot write: not a directory")
        }
    }

    func testLongNamesGetAShortTemporaryName() throws {
        let name = String(repeating: "n", count: 250)
        XCTAssertEqual(AtomicFile.temporaryStem(for: "ck.safetensors", nameMax: 255), "ck.safetensors")
        let stem = AtomicFile.temporaryStem(for: name, nameMax: 255)
        XCTAssertEqual(("." + stem + ".4294967295.tmp").utf8.count, 255)
        XCTAssertTrue(stem.hasPrefix("nnnn") && stem.contains("~"))
        XCTAssertNotEqual(stem, AtomicFile.temporaryStem(for: name + "x", nameMax: 255))
        // Multi-byte characters are not cut in half.
        let wide = AtomicFile.temporaryStem(for: String(repeating: "é", count: 127), nameMax: 255)
        XCTAssertEqual(String(decoding: Array(wide.utf8), as: UTF8.self), wide)

        let path = directory + "/" + name
        try AtomicFile.write(Array("a".utf8), to: path)
        XCTAssertTrue(FileManager.default.createFile(atPath: directory + "/." + stem + ".4194303.tmp", contents: nil))
        try AtomicFile.write(Array("b".utf8), to: path)
        XCTAssertEqual(contents(path), "b")
        XCTAssertEqual(try entries(), [name])
        // A name the file system cannot hold is refused up front.
        let tooLong = String(repeating: "m", count: 256)
        XCTAssertThrowsError(try AtomicFile.write([1], to: directory + "/" + tooLong)) {
            XCTAssertEqual("\($0)", "\(self.directory)/\(tooLong): cannot write: file name too long")
        }
    }

    func testPathsAreEscapedInMessages() throws {
        try dir.makeDirectory("d\u{1B}[2J")
        XCTAssertThrowsError(try AtomicFile.write([1], to: directory + "/d\u{1B}[2J")) {
            XCTAssertEqual("\($0)", "\(self.directory)/d\\u{1B}[2J: cannot write: is a directory")
        }
    }
}
