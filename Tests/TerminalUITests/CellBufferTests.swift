import XCTest
@testable import TerminalUI

final class CellBufferTests: XCTestCase {
    func testNewBufferIsBlank() {
        let buffer = CellBuffer(width: 3, height: 2)
        XCTAssertEqual(buffer.rows(), ["   ", "   "])
        XCTAssertEqual(buffer[1, 1], Cell.blank)
    }

    func testWriteClipsToBufferAndToMaxWidth() {
        var buffer = CellBuffer(width: 6, height: 2)
        XCTAssertEqual(buffer.write("hello world", at: 2, 0), 11)
        XCTAssertEqual(buffer.write("abcdef", at: 1, 1, clippedTo: 3), 3)
        XCTAssertEqual(buffer.rows(), ["  hell", " abc  "])
    }

    func testWriteOutsideIsIgnored() {
        var buffer = CellBuffer(width: 3, height: 1)
        buffer.write("xyz", at: -2, 0)
        buffer.write("q", at: 0, 5)
        buffer[10, 10] = Cell("!")
        XCTAssertEqual(buffer.rows(), ["z  "])
        XCTAssertEqual(buffer[-1, 0], .blank)
    }

    func testControlCharactersBecomeSpaces() {
        var buffer = CellBuffer(width: 5, height: 1)
        buffer.write("a\tb\nc", at: 0, 0)
        XCTAssertEqual(buffer.rows(), ["a b c"])
    }

    func testStylesAreStoredPerCell() {
        var buffer = CellBuffer(width: 4, height: 1)
        buffer.write("ab", at: 1, 0, style: .warn)
        XCTAssertEqual(buffer.styles(row: 0), [.plain, .warn, .warn, .plain])
    }

    func testFillAndTrimmedRows() {
        var buffer = CellBuffer(width: 4, height: 3)
        buffer.fill(Rect(x: 1, y: 1, width: 10, height: 1), with: Cell("#"))
        XCTAssertEqual(buffer.trimmedRows(), ["", " ###", ""])
    }

    func testRectHelpers() {
        let r = Rect(x: 2, y: 3, width: 10, height: 5)
        XCTAssertEqual(r.inset(dx: 1, dy: 1), Rect(x: 3, y: 4, width: 8, height: 3))
        XCTAssertEqual(r.top(2), Rect(x: 2, y: 3, width: 10, height: 2))
        XCTAssertEqual(r.bottom(2), Rect(x: 2, y: 6, width: 10, height: 2))
        XCTAssertEqual(r.droppingTop(4), Rect(x: 2, y: 7, width: 10, height: 1))
        XCTAssertTrue(r.row(5).isEmpty)
        XCTAssertEqual(r.intersection(Rect(x: 0, y: 0, width: 4, height: 4)), Rect(x: 2, y: 3, width: 2, height: 1))
        XCTAssertTrue(r.intersection(Rect(x: 50, y: 0, width: 4, height: 4)).isEmpty)
        XCTAssertEqual(Rect(x: 0, y: 0, width: 1, height: 1).inset(dx: 1, dy: 1).width, 0)
    }
}

final class FormatAndGlyphTests: XCTestCase {
    func testDuration() {
        XCTAssertEqual(Format.duration(0), "00:00")
        XCTAssertEqual(Format.duration(83.9), "01:23")
        XCTAssertEqual(Format.duration(3725), "1:02:05")
        XCTAssertEqual(Format.duration(nil), "--:--")
        XCTAssertEqual(Format.duration(.nan), "--:--")
        XCTAssertEqual(Format.duration(-1), "--:--")
        XCTAssertEqual(Format.duration(.infinity), "--:--")
    }

    func testGroupedAndRate() {
        XCTAssertEqual(Format.grouped(0), "0")
        XCTAssertEqual(Format.grouped(999), "999")
        XCTAssertEqual(Format.grouped(1000), "1,000")
        XCTAssertEqual(Format.grouped(1_234_567), "1,234,567")
        XCTAssertEqual(Format.grouped(-12_345), "-12,345")
        XCTAssertEqual(Format.rate(12_345.4), "12,345")
        XCTAssertEqual(Format.rate(.nan), "-")
    }

    func testFixedPercentAndPadding() {
        XCTAssertEqual(Format.fixed(0.12344, digits: 4), "0.1234")
        XCTAssertEqual(Format.fixed(.nan, digits: 4), "nan")
        XCTAssertEqual(Format.percent(0.978), "97.8%")
        XCTAssertEqual(Format.percent(0.9712, digits: 2), "97.12%")
        XCTAssertEqual(Format.right("ab", 4), "  ab")
        XCTAssertEqual(Format.left("ab", 4), "ab  ")
        XCTAssertEqual(Format.truncate("abcdef", to: 4, ellipsis: "…"), "abc…")
        XCTAssertEqual(Format.truncate("abcdef", to: 5, ellipsis: "..."), "ab...")
        XCTAssertEqual(Format.truncate("abc", to: 3, ellipsis: "…"), "abc")
        XCTAssertEqual(Format.truncate("abc", to: 0, ellipsis: "…"), "")
    }

    func testPartsAreLeftOutWholeFromTheEnd() {
        let parts = ["train acc 99.4%", "◆ test 98.94%", "epoch 5"]
        XCTAssertEqual(Format.parts(parts, separator: " · ", fitting: 60), "train acc 99.4% · ◆ test 98.94% · epoch 5")
        XCTAssertEqual(Format.parts(parts, separator: " · ", fitting: 41), "train acc 99.4% · ◆ test 98.94% · epoch 5")
        XCTAssertEqual(Format.parts(parts, separator: " · ", fitting: 40), "train acc 99.4% · ◆ test 98.94%")
        XCTAssertEqual(Format.parts(parts, separator: " · ", fitting: 30), "train acc 99.4%")
        XCTAssertEqual(Format.parts(parts, separator: " · ", fitting: 14), "train acc", "the first part by whole words")
        XCTAssertEqual(Format.parts([], separator: " · ", fitting: 10), "")
    }

    func testFirstFittingCandidateOrWholeWordsOfTheLast() {
        let hints = ["empty pad: space puts the pen down, arrows draw", "space: pen down, arrows draw", "arrows draw"]
        XCTAssertEqual(Format.firstFitting(hints, width: 47), hints[0])
        XCTAssertEqual(Format.firstFitting(hints, width: 46), "space: pen down, arrows draw")
        XCTAssertEqual(Format.firstFitting(hints, width: 27), "arrows draw")
        XCTAssertEqual(Format.firstFitting(hints, width: 8), "arrows")
        XCTAssertEqual(Format.firstFitting([], width: 8), "")
    }

    func testWrapBreaksAtSpacesOnly() {
        XCTAssertEqual(Format.wrap("pen down / up (down inks the cells the cursor enters)", width: 20),
                       ["pen down / up (down", "inks the cells the", "cursor enters)"])
        XCTAssertEqual(Format.wrap("short", width: 20), ["short"])
        XCTAssertEqual(Format.wrap("abcdefgh ij", width: 3), ["abc", "def", "gh", "ij"])
        XCTAssertEqual(Format.wrap("", width: 5), [])
    }

    func testGlyphSetFromCodeset() {
        XCTAssertEqual(GlyphSet.forCodeset("UTF-8"), .unicode)
        XCTAssertEqual(GlyphSet.forCodeset("utf8"), .unicode)
        XCTAssertEqual(GlyphSet.forCodeset("ANSI_X3.4-1968"), .ascii)
        XCTAssertEqual(GlyphSet.forCodeset("ISO-8859-1"), .ascii)
        XCTAssertEqual(GlyphSet.forCodeset(""), .ascii)
    }

    func testAsciiTextSubstitutions() {
        XCTAssertEqual(GlyphSet.ascii.text("a · b — c… 60×16 4→9 ↑/↓ é"), "a - b - c... 60x16 4->9 ^/v ?")
        XCTAssertEqual(GlyphSet.ascii.text("learning rate ×2 / ÷2"), "learning rate x2 / /2")
        XCTAssertEqual(GlyphSet.unicode.text("a · b…"), "a · b…")
        XCTAssertTrue(GlyphSet.ascii.sparkLevels.allSatisfy(\.isASCII))
        XCTAssertEqual(GlyphSet.unicode.sparkLevels.count, GlyphSet.ascii.sparkLevels.count)
    }
}
