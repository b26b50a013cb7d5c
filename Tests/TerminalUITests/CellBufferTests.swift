import Testing
@testable import TerminalUI

@Suite struct CellBufferTests {
    @Test func newBufferIsBlank() {
        let buffer = CellBuffer(width: 3, height: 2)
        #expect(buffer.rows() == ["   ", "   "])
        #expect(buffer[1, 1] == Cell.blank)
    }

    @Test func writeClipsToBufferAndToMaxWidth() {
        var buffer = CellBuffer(width: 6, height: 2)
        #expect(buffer.write("hello world", at: 2, 0) == 11)
        #expect(buffer.write("abcdef", at: 1, 1, clippedTo: 3) == 3)
        #expect(buffer.rows() == ["  hell", " abc  "])
    }

    @Test func writeOutsideIsIgnored() {
        var buffer = CellBuffer(width: 3, height: 1)
        buffer.write("xyz", at: -2, 0)
        buffer.write("q", at: 0, 5)
        buffer[10, 10] = Cell("!")
        #expect(buffer.rows() == ["z  "])
        #expect(buffer[-1, 0] == .blank)
    }

    @Test func controlCharactersBecomeSpaces() {
        var buffer = CellBuffer(width: 5, height: 1)
        buffer.write("a\tb\nc", at: 0, 0)
        #expect(buffer.rows() == ["a b c"])
    }

    @Test func stylesAreStoredPerCell() {
        var buffer = CellBuffer(width: 4, height: 1)
        buffer.write("ab", at: 1, 0, style: .warn)
        #expect(buffer.styles(row: 0) == [.plain, .warn, .warn, .plain])
    }

    @Test func fillAndTrimmedRows() {
        var buffer = CellBuffer(width: 4, height: 3)
        buffer.fill(Rect(x: 1, y: 1, width: 10, height: 1), with: Cell("#"))
        #expect(buffer.trimmedRows() == ["", " ###", ""])
    }

    @Test func rectHelpers() {
        let r = Rect(x: 2, y: 3, width: 10, height: 5)
        #expect(r.inset(dx: 1, dy: 1) == Rect(x: 3, y: 4, width: 8, height: 3))
        #expect(r.top(2) == Rect(x: 2, y: 3, width: 10, height: 2))
        #expect(r.bottom(2) == Rect(x: 2, y: 6, width: 10, height: 2))
        #expect(r.droppingTop(4) == Rect(x: 2, y: 7, width: 10, height: 1))
        #expect(r.row(5).isEmpty)
        #expect(r.intersection(Rect(x: 0, y: 0, width: 4, height: 4)) == Rect(x: 2, y: 3, width: 2, height: 1))
        #expect(r.intersection(Rect(x: 50, y: 0, width: 4, height: 4)).isEmpty)
        #expect(Rect(x: 0, y: 0, width: 1, height: 1).inset(dx: 1, dy: 1).width == 0)
        #expect(r.centred(width: 4, height: 2) == Rect(x: 5, y: 4, width: 4, height: 2))
        #expect(r.centred(width: 7, height: 9) == Rect(x: 3, y: 3, width: 7, height: 5))
    }
}

@Suite struct FormatAndGlyphTests {
    @Test func duration() {
        #expect(Format.duration(0) == "00:00")
        #expect(Format.duration(83.9) == "01:23")
        #expect(Format.duration(3725) == "1:02:05")
        #expect(Format.duration(nil) == "--:--")
        #expect(Format.duration(.nan) == "--:--")
        #expect(Format.duration(-1) == "--:--")
        #expect(Format.duration(.infinity) == "--:--")
    }

    @Test func groupedAndRate() {
        #expect(Format.grouped(0) == "0")
        #expect(Format.grouped(999) == "999")
        #expect(Format.grouped(1000) == "1,000")
        #expect(Format.grouped(1_234_567) == "1,234,567")
        #expect(Format.grouped(-12_345) == "-12,345")
        #expect(Format.rate(12_345.4) == "12,345")
        #expect(Format.rate(.nan) == "-")
    }

    @Test func fixedPercentAndPadding() {
        #expect(Format.fixed(0.12344, digits: 4) == "0.1234")
        #expect(Format.fixed(.nan, digits: 4) == "nan")
        #expect(Format.percent(0.978) == "97.8%")
        #expect(Format.percent(0.9712, digits: 2) == "97.12%")
        #expect(Format.right("ab", 4) == "  ab")
        #expect(Format.left("ab", 4) == "ab  ")
        #expect(Format.truncate("abcdef", to: 4, ellipsis: "…") == "abc…")
        #expect(Format.truncate("abcdef", to: 5, ellipsis: "...") == "ab...")
        #expect(Format.truncate("abc", to: 3, ellipsis: "…") == "abc")
        #expect(Format.truncate("abc", to: 0, ellipsis: "…") == "")
    }

    @Test func partsAreLeftOutWholeFromTheEnd() {
        let parts = ["train acc 99.4%", "◆ test 98.94%", "epoch 5"]
        #expect(Format.parts(parts, separator: " · ", fitting: 60) == "train acc 99.4% · ◆ test 98.94% · epoch 5")
        #expect(Format.parts(parts, separator: " · ", fitting: 41) == "train acc 99.4% · ◆ test 98.94% · epoch 5")
        #expect(Format.parts(parts, separator: " · ", fitting: 40) == "train acc 99.4% · ◆ test 98.94%")
        #expect(Format.parts(parts, separator: " · ", fitting: 30) == "train acc 99.4%")
        #expect(Format.parts(parts, separator: " · ", fitting: 14) == "train acc", "the first part by whole words")
        #expect(Format.parts([], separator: " · ", fitting: 10) == "")
    }

    @Test func firstFittingCandidateOrWholeWordsOfTheLast() {
        let hints = ["empty pad: space puts the pen down, arrows draw", "space: pen down, arrows draw", "arrows draw"]
        #expect(Format.firstFitting(hints, width: 47) == hints[0])
        #expect(Format.firstFitting(hints, width: 46) == "space: pen down, arrows draw")
        #expect(Format.firstFitting(hints, width: 27) == "arrows draw")
        #expect(Format.firstFitting(hints, width: 8) == "arrows")
        #expect(Format.firstFitting([], width: 8) == "")
    }

    @Test func wrapBreaksAtSpacesOnly() {
        #expect(Format.wrap("pen down / up (down inks the cells the cursor enters)", width: 20) ==
                ["pen down / up (down", "inks the cells the", "cursor enters)"])
        #expect(Format.wrap("short", width: 20) == ["short"])
        #expect(Format.wrap("abcdefgh ij", width: 3) == ["abc", "def", "gh", "ij"])
        #expect(Format.wrap("", width: 5) == [])
    }

    @Test func glyphSetFromCodeset() {
        #expect(GlyphSet.forCodeset("UTF-8") == .unicode)
        #expect(GlyphSet.forCodeset("utf8") == .unicode)
        #expect(GlyphSet.forCodeset("ANSI_X3.4-1968") == .ascii)
        #expect(GlyphSet.forCodeset("ISO-8859-1") == .ascii)
        #expect(GlyphSet.forCodeset("") == .ascii)
    }

    @Test func asciiTextSubstitutions() {
        #expect(GlyphSet.ascii.text("a · b — c… 60×16 4→9 ↑/↓ é") == "a - b - c... 60x16 4->9 ^/v ?")
        #expect(GlyphSet.ascii.text("learning rate ×2 / ÷2") == "learning rate x2 / /2")
        #expect(GlyphSet.unicode.text("a · b…") == "a · b…")
        #expect(GlyphSet.ascii.sparkLevels.allSatisfy { $0.isASCII })
        #expect(GlyphSet.unicode.sparkLevels.count == GlyphSet.ascii.sparkLevels.count)
    }
}
