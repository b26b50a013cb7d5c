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
