import Foundation
import TestSupport
import Testing
@testable import LeNetFormats

/// Text-art and PGM sketch files: formats, grey levels, polarity and one-line errors naming the file.
@Suite struct SketchFileTests {
    func parse(_ text: String, path: String = "s.txt") throws -> SketchImage {
        try SketchFile.parse(Array(text.utf8), path: path)
    }

    @Test func textArtDotsHashesAndDigits() throws {
        let image = try parse("\n..#\r\n.9.\n0.4\n\n")
        #expect(image.width == 3)
        #expect(image.height == 3)
        #expect(image.values == [0, 0, 1, 0, 1, 0, 0, 0, Float(4) / 9])
        #expect(image.textArt == ["..#", ".#.", "..4"])
    }

    @Test func textArtErrorsNameTheFile() {
        if let error = #expect(throws: (any Error).self, performing: { try parse("..#\n.#\n", path: "ragged.txt") }) {
            #expect(error as? SketchError == .raggedTextArt(path: "ragged.txt", line: 2, length: 2, expected: 3))
            #expect("\(error)" == "ragged.txt: line 2: ragged text art: 2 columns, expected 3 like the first row")
        }
        #expect(errorText { try parse("..#\n.x.\n", path: "bad.txt") } == "bad.txt: line 2, column 2: unexpected character \"x\" in text art (use '.', '#' or 0-9)")
        #expect(errorText { try parse("", path: "empty.txt") } == "empty.txt: empty drawing (no ink to classify)")
        if let error = #expect(throws: (any Error).self, performing: { try parse("...\n...\n", path: "blank.txt") }) {
            #expect(error as? SketchError == .emptyDrawing(path: "blank.txt"))
        }
        if let error = #expect(throws: (any Error).self, performing: { try SketchFile.parse([0x89, 0x50, 0x4E, 0x47, 0x0D], path: "x.png") }) {
            #expect(error as? SketchError == .unknownFormat(path: "x.png"))
        }
        #expect(errorText { try SketchFile.read(path: "/nonexistent/s.txt") } == "/nonexistent/s.txt: cannot read: no such file")
    }

    @Test func plainPGMWithCommentsDarkOnLightIsInverted() throws {
        // White background (15), a black "ink" pixel: inverted to bright ink on black.
        let image = try parse("P2\n# a comment\n3 2\n15\n15 15 15\n15 0 15\n", path: "d.pgm")
        #expect(image.width == 3)
        #expect(image.values == [0, 0, 0, 0, 1, 0])
    }

    @Test func binaryPGMEightAndSixteenBit() throws {
        let eight = try SketchFile.parse(Array("P5 2 2 255\n".utf8) + [0, 255, 51, 0], path: "e.pgm")
        #expect(eight.values == [0, 1, 0.2, 0])
        let sixteen = try SketchFile.parse(Array("P5\n1 2\n65535\n".utf8) + [0, 0, 0xFF, 0xFF], path: "s.pgm")
        #expect(sixteen.values == [0, 1])
    }

    @Test func badPGMs() {
        #expect(errorText { try SketchFile.parse(Array("P5 4 4 255\n".utf8) + [1, 2, 3], path: "short.pgm") } == "short.pgm: unreadable PGM: pixel data has 3 bytes, expected 16")
        #expect(errorText { try parse("P2 2 2 255\n1 2 3", path: "p2.pgm") } == "p2.pgm: unreadable PGM: file ends before the pixel 4 of 4")
        #expect(errorText { try parse("P2 2 x", path: "h.pgm") } == "h.pgm: unreadable PGM: height is not a number")
        #expect(errorText { try parse("P2 1 1 9\n12\n", path: "m.pgm") } == "m.pgm: unreadable PGM: a pixel is above maxval 9")
    }

    @Test func committedSketchesParse() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("assets/sketches")
        let all = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        let files = all.filter { $0.hasSuffix(".txt") || $0.hasSuffix(".pgm") }
        #expect(all.filter { $0.hasSuffix(".txt") }.count >= 20)
        #expect(all.filter { $0.hasSuffix(".pgm") }.count >= 2)
        for file in files {
            let image = try SketchFile.read(path: directory.appendingPathComponent(file).path)
            #expect(image.hasInk, "\(file)")
        }
    }
}

/// Sketch files an attacker could hand `predict`: one error line each, quickly, in bounded memory.
@Suite struct SketchHostileFileTests {
    /// A fresh directory for each test, removed with it.
    private let dir: TemporaryDirectory

    init() throws { dir = try TemporaryDirectory() }

    private func readError(_ path: String) -> String? { errorText { try SketchFile.read(path: path) } }

    @Test func specialFilesAreNamedNotRead() throws {
        let fifo = dir.path("pipe.txt")
        #expect(Hostile.makeFIFO(fifo))
        #expect(readError(fifo) == "\(fifo): cannot read: is a FIFO (named pipe), not a regular file")
        #expect(readError("/dev/zero") == "/dev/zero: cannot read: is a character device, not a regular file")
        #expect(readError(dir.url.path) == "\(dir.url.path): cannot read: is a directory")
        try Hostile.link(dir.path("loop.txt"), to: "loop.txt")
        #expect(readError(dir.path("loop.txt")) == "\(dir.path("loop.txt")): cannot read: too many levels of symbolic links")
        let big = dir.path("big.pgm")
        #expect(FileManager.default.createFile(atPath: big, contents: nil))
        #expect(truncate(big, 1 << 33) == 0)
        #expect(readError(big) == "\(big): cannot read: is 8589934592 bytes, more than a sketch can be (at most 33554432 bytes)")
    }

    @Test func charactersAndPathsFromTheFileAreEscaped() throws {
        let path = try dir.write(Array("..#\n.\u{1B}]0;owned\u{7}\n".utf8), to: "t\u{9B}2J.txt").path
        #expect(readError(path) ==
                "\(dir.url.path)/t\\u{9B}2J.txt: line 2, column 2: unexpected character \"\\u{1B}\" in text art (use '.', '#' or 0-9)")
        // A non-ASCII character is shown whole; a byte that is not UTF-8 as U+FFFD.
        #expect(errorText { try SketchFile.parse(Array("#é#".utf8), path: "u.txt") } ==
                "u.txt: line 1, column 2: unexpected character \"é\" in text art (use '.', '#' or 0-9)")
        #expect(errorText { try SketchFile.parse([0x23, 0xff, 0x23], path: "b.txt") } ==
                "b.txt: line 1, column 2: unexpected character \"\u{FFFD}\" in text art (use '.', '#' or 0-9)")
    }

    @Test func hugeDeclaredSizesAreRefusedBeforeAllocating() {
        #expect(errorText { try SketchFile.parse(Array("P5 16777216 16777216 255\n".utf8), path: "h.pgm") } ==
                "h.pgm: 16777216x16777216 pixels is more than a sketch may have (at most 16777216)")
        #expect(errorText { try SketchFile.parse(Array("P2 4097 4096 255\n".utf8), path: "h.pgm") } ==
                "h.pgm: 4097x4096 pixels is more than a sketch may have (at most 16777216)")
        #expect(errorText { try SketchFile.parse(Array("P5 99999999 1 255\n".utf8), path: "h.pgm") } ==
                "h.pgm: unreadable PGM: width is too large")
        // The pixels must be in the file before memory is set aside for them.
        #expect(errorText { try SketchFile.parse(Array("P2 4096 4096 255 1".utf8), path: "p.pgm") } ==
                "p.pgm: unreadable PGM: 2 bytes left for 16777216 pixels")
        #expect(errorText { try SketchFile.parse(Array("P5 4096 4096 65535\n".utf8), path: "p.pgm") } ==
                "p.pgm: unreadable PGM: pixel data has 0 bytes, expected 33554432")
        // A pixel above maxval stops a plain PGM at once.
        #expect(errorText { try SketchFile.parse(Array("P2 2 1 9 70000000 0".utf8), path: "p.pgm") } ==
                "p.pgm: unreadable PGM: pixel 1 of 2 is too large")
    }

    @Test func largeTextFilesCostOnlyTheirBytes() throws {
        // 32 MiB of newlines: an empty drawing, without a list of 33 million lines.
        let before = Hostile.peakRSSBytes()
        let start = Date()
        #expect(errorText { try SketchFile.parse([UInt8](repeating: 0x0A, count: 32 << 20), path: "n.txt") } ==
                "n.txt: empty drawing (no ink to classify)")
        // A first row of 5,000 and then 5,000 rows: 25 million pixels, refused before any is kept.
        var rows = [UInt8](repeating: UInt8(ascii: "#"), count: 5000) + [0x0A]
        rows += [UInt8](repeating: 0x0A, count: 4998) + [UInt8(ascii: "#")]
        #expect(errorText { try SketchFile.parse(rows, path: "w.txt") } ==
                "w.txt: 5000x5000 pixels is more than a sketch may have (at most 16777216)")
        // A short first row and a very long second one: ragged, found before the long row is kept.
        let ragged = Array("##\n".utf8) + [UInt8](repeating: UInt8(ascii: "#"), count: 8 << 20)
        #expect(errorText { try SketchFile.parse(ragged, path: "r.txt") } ==
                "r.txt: line 2: ragged text art: 8388608 columns, expected 2 like the first row")
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(Hostile.peakRSSBytes() - before < 200 << 20)
    }
}
