import Foundation
import TestSupport
import XCTest
@testable import LeNetFormats

/// Text-art and PGM sketch files: formats, grey levels, polarity and one-line errors naming the file.
final class SketchFileTests: XCTestCase {
    func parse(_ text: String, path: String = "s.txt") throws -> SketchImage {
        try SketchFile.parse(Array(text.utf8), path: path)
    }

    func testTextArtDotsHashesAndDigits() throws {
        let image = try parse("\n..#\r\n.9.\n0.4\n\n")
        XCTAssertEqual(image.width, 3)
        XCTAssertEqual(image.height, 3)
        XCTAssertEqual(image.values, [0, 0, 1, 0, 1, 0, 0, 0, Float(4) / 9])
        XCTAssertEqual(image.textArt, ["..#", ".#.", "..4"])
    }

    func testTextArtErrorsNameTheFile() {
        XCTAssertThrowsError(try parse("..#\n.#\n", path: "ragged.txt")) { error in
            XCTAssertEqual(error as? SketchError, .raggedTextArt(path: "ragged.txt", line: 2, length: 2, expected: 3))
            XCTAssertEqual("\(error)", "ragged.txt: line 2: ragged text art: 2 columns, expected 3 like the first row")
        }
        XCTAssertThrowsError(try parse("..#\n.x.\n", path: "bad.txt")) { error in
            XCTAssertEqual("\(error)", "bad.txt: line 2, column 2: unexpected character \"x\" in text art (use '.', '#' or 0-9)")
        }
        XCTAssertThrowsError(try parse("", path: "empty.txt")) { error in
            XCTAssertEqual("\(error)", "empty.txt: empty drawing (no ink to classify)")
        }
        XCTAssertThrowsError(try parse("...\n...\n", path: "blank.txt")) { error in
            XCTAssertEqual(error as? SketchError, .emptyDrawing(path: "blank.txt"))
        }
        XCTAssertThrowsError(try SketchFile.parse([0x89, 0x50, 0x4E, 0x47, 0x0D], path: "x.png")) { error in
            XCTAssertEqual(error as? SketchError, .unknownFormat(path: "x.png"))
        }
        XCTAssertThrowsError(try SketchFile.read(path: "/nonexistent/s.txt")) { error in
            XCTAssertEqual("\(error)", "/nonexistent/s.txt: cannot read: no such file")
        }
    }

    func testPlainPGMWithCommentsDarkOnLightIsInverted() throws {
        // White background (15), a black "ink" pixel: inverted to bright ink on black.
        let image = try parse("P2\n# a comment\n3 2\n15\n15 15 15\n15 0 15\n", path: "d.pgm")
        XCTAssertEqual(image.width, 3)
        XCTAssertEqual(image.values, [0, 0, 0, 0, 1, 0])
    }

    func testBinaryPGMEightAndSixteenBit() throws {
        let eight = try SketchFile.parse(Array("P5 2 2 255\n".utf8) + [0, 255, 51, 0], path: "e.pgm")
        XCTAssertEqual(eight.values, [0, 1, 0.2, 0])
        let sixteen = try SketchFile.parse(Array("P5\n1 2\n65535\n".utf8) + [0, 0, 0xFF, 0xFF], path: "s.pgm")
        XCTAssertEqual(sixteen.values, [0, 1])
    }

    func testBadPGMs() {
        XCTAssertThrowsError(try SketchFile.parse(Array("P5 4 4 255\n".utf8) + [1, 2, 3], path: "short.pgm")) { error in
            XCTAssertEqual("\(error)", "short.pgm: unreadable PGM: pixel data has 3 bytes, expected 16")
        }
        XCTAssertThrowsError(try parse("P2 2 2 255\n1 2 3", path: "p2.pgm")) { error in
            XCTAssertEqual("\(error)", "p2.pgm: unreadable PGM: file ends before the pixel 4 of 4")
        }
        XCTAssertThrowsError(try parse("P2 2 x", path: "h.pgm")) { error in
            XCTAssertEqual("\(error)", "h.pgm: unreadable PGM: height is not a number")
        }
        XCTAssertThrowsError(try parse("P2 1 1 9\n12\n", path: "m.pgm")) { error in
            XCTAssertEqual("\(error)", "m.pgm: unreadable PGM: a pixel is above maxval 9")
        }
    }

    func testCommittedSketchesParse() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("assets/sketches")
        let all = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        let files = all.filter { $0.hasSuffix(".txt") || $0.hasSuffix(".pgm") }
        XCTAssertGreaterThanOrEqual(all.filter { $0.hasSuffix(".txt") }.count, 20)
        XCTAssertGreaterThanOrEqual(all.filter { $0.hasSuffix(".pgm") }.count, 2)
        for file in files {
            let image = try SketchFile.read(path: directory.appendingPathComponent(file).path)
            XCTAssertTrue(image.hasInk, file)
        }
    }
}

/// Sketch files an attacker could hand `predict`: one error line each, quickly, in bounded memory.
final class SketchHostileFileTests: XCTestCase {
    private var dir: TemporaryDirectory!

    override func setUpWithError() throws { dir = try TemporaryDirectory() }

    private func readError(_ path: String) -> String? { errorText { try SketchFile.read(path: path) } }

    func testSpecialFilesAreNamedNotRead() throws {
        let fifo = dir.path("pipe.txt")
        XCTAssertTrue(Hostile.makeFIFO(fifo))
        XCTAssertEqual(readError(fifo), "\(fifo): cannot read: is a FIFO (named pipe), not a regular file")
        XCTAssertEqual(readError("/dev/zero"), "/dev/zero: cannot read: is a character device, not a regular file")
        XCTAssertEqual(readError(dir.url.path), "\(dir.url.path): cannot read: is a directory")
        try Hostile.link(dir.path("loop.txt"), to: "loop.txt")
        XCTAssertEqual(readError(dir.path("loop.txt")), "\(dir.path("loop.txt")): cannot read: too many levels of symbolic links")
        let big = dir.path("big.pgm")
        XCTAssertTrue(FileManager.default.createFile(atPath: big, contents: nil))
        XCTAssertEqual(truncate(big, 1 << 33), 0)
        XCTAssertEqual(readError(big), "\(big): cannot read: is 8589934592 bytes, more than a sketch can be (at most 33554432 bytes)")
    }

    func testCharactersAndPathsFromTheFileAreEscaped() throws {
        let path = try dir.write(Array("..#\n.\u{1B}]0;owned\u{7}\n".utf8), to: "t\u{9B}2J.txt").path
        XCTAssertEqual(readError(path),
                       "\(dir.url.path)/t\\u{9B}2J.txt: line 2, column 2: unexpected character \"\\u{1B}\" in text art (use '.', '#' or 0-9)")
        // A non-ASCII character is shown whole; a byte that is not UTF-8 as U+FFFD.
        XCTAssertEqual(errorText { try SketchFile.parse(Array("#é#".utf8), path: "u.txt") },
                       "u.txt: line 1, column 2: unexpected character \"é\" in text art (use '.', '#' or 0-9)")
        XCTAssertEqual(errorText { try SketchFile.parse([0x23, 0xff, 0x23], path: "b.txt") },
                       "b.txt: line 1, column 2: unexpected character \"\u{FFFD}\" in text art (use '.', '#' or 0-9)")
    }

    func testHugeDeclaredSizesAreRefusedBeforeAllocating() {
        XCTAssertEqual(errorText { try SketchFile.parse(Array("P5 16777216 16777216 255\n".utf8), path: "h.pgm") },
                       "h.pgm: 16777216x16777216 pixels is more than a sketch may have (at most 16777216)")
        XCTAssertEqual(errorText { try SketchFile.parse(Array("P2 4097 4096 255\n".utf8), path: "h.pgm") },
                       "h.pgm: 4097x4096 pixels is more than a sketch may have (at most 16777216)")
        XCTAssertEqual(errorText { try SketchFile.parse(Array("P5 99999999 1 255\n".utf8), path: "h.pgm") },
                       "h.pgm: unreadable PGM: width is too large")
        // The pixels must be in the file before memory is set aside for them.
        XCTAssertEqual(errorText { try SketchFile.parse(Array("P2 4096 4096 255 1".utf8), path: "p.pgm") },
                       "p.pgm: unreadable PGM: 2 bytes left for 16777216 pixels")
        XCTAssertEqual(errorText { try SketchFile.parse(Array("P5 4096 4096 65535\n".utf8), path: "p.pgm") },
                       "p.pgm: unreadable PGM: pixel data has 0 bytes, expected 33554432")
        // A pixel above maxval stops a plain PGM at once.
        XCTAssertEqual(errorText { try SketchFile.parse(Array("P2 2 1 9 70000000 0".utf8), path: "p.pgm") },
                       "p.pgm: unreadable PGM: pixel 1 of 2 is too large")
    }

    func testLargeTextFilesCostOnlyTheirBytes() throws {
        // 32 MiB of newlines: an empty drawing, without a list of 33 million lines.
        let before = Hostile.peakRSSBytes()
        let start = Date()
        XCTAssertEqual(errorText { try SketchFile.parse([UInt8](repeating: 0x0A, count: 32 << 20), path: "n.txt") },
                       "n.txt: empty drawing (no ink to classify)")
        // A first row of 5,000 and then 5,000 rows: 25 million pixels, refused before any is kept.
        var rows = [UInt8](repeating: UInt8(ascii: "#"), count: 5000) + [0x0A]
        rows += [UInt8](repeating: 0x0A, count: 4998) + [UInt8(ascii: "#")]
        XCTAssertEqual(errorText { try SketchFile.parse(rows, path: "w.txt") },
                       "w.txt: 5000x5000 pixels is more than a sketch may have (at most 16777216)")
        // A short first row and a very long second one: ragged, found before the long row is kept.
        let ragged = Array("##\n".utf8) + [UInt8](repeating: UInt8(ascii: "#"), count: 8 << 20)
        XCTAssertEqual(errorText { try SketchFile.parse(ragged, path: "r.txt") },
                       "r.txt: line 2: ragged text art: 8388608 columns, expected 2 like the first row")
        XCTAssertLessThan(Date().timeIntervalSince(start), 10)
        XCTAssertLessThan(Hostile.peakRSSBytes() - before, 200 << 20)
    }
}
