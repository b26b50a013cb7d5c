import Foundation
import XCTest
@testable import LeNetFormats

final class AtomicFileTests: XCTestCase {
    private var directory: String!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("lenet-atomic-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func testReplacesTheFileAndLeavesNoTemporaries() throws {
        let path = directory + "/ck.safetensors"
        try AtomicFile.write(Array("old".utf8), to: path)
        // A writer killed mid-write left its temporary file behind (pid 4194303 is not running).
        FileManager.default.createFile(atPath: directory + "/.ck.safetensors.4194303.tmp", contents: Data("partial".utf8))
        try AtomicFile.write(Array("new".utf8), to: path)
        XCTAssertEqual(FileManager.default.contents(atPath: path), Data("new".utf8))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory), ["ck.safetensors"])
    }

    func testAFailedWriteKeepsWhatWasThereAndSaysWhy() throws {
        // The target is a non-empty directory: rename(2) fails, nothing is half-written.
        let path = directory + "/taken"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: path + "/keep", contents: Data("x".utf8))
        XCTAssertThrowsError(try AtomicFile.write(Array("new".utf8), to: path)) { error in
            XCTAssertTrue("\(error)".hasPrefix("\(path): cannot write: "), "\(error)")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory), ["taken"])
        XCTAssertEqual(FileManager.default.contents(atPath: path + "/keep"), Data("x".utf8))
    }
}
