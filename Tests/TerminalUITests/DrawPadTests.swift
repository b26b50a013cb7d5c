import XCTest
@testable import TerminalUI

/// The draw pad as a reducer: key sequences -> pixels, cursor, pen (the contract in DrawPad's docs).
final class DrawPadTests: XCTestCase {
    func keys(_ keys: [Key], on pad: DrawPad = DrawPad()) -> DrawPad {
        var pad = pad
        for key in keys {
            guard let command = DrawPad.command(for: key) else { XCTFail("\(key) is not a pad key"); continue }
            pad.perform(command)
        }
        return pad
    }

    /// Rows `top..<top+count` of the pad, columns `left..<left+width`.
    func window(_ pad: DrawPad, left: Int = 12, top: Int = 12, width: Int = 8, height: Int = 6) -> [String] {
        pad.textArt[top..<top + height].map { String(Array($0)[left..<left + width]) }
    }

    func testStartsInTheMiddleWithThePenUp() {
        let pad = DrawPad()
        XCTAssertEqual(pad.cursorX, 14)
        XCTAssertEqual(pad.cursorY, 14)
        XCTAssertFalse(pad.penDown)
        XCTAssertFalse(pad.eraser)
        XCTAssertEqual(pad.brush, 2)
        XCTAssertTrue(pad.isEmpty)
        XCTAssertEqual(keys([.right, .right, .down]).isEmpty, true)  // pen up: moving draws nothing
    }

    func testPenDownInksTheBrushAndEveryCellEntered() {
        let pad = keys([.character(" "), .right, .right])
        XCTAssertTrue(pad.penDown)
        XCTAssertEqual(pad.cursorX, 16)
        XCTAssertEqual(window(pad), [
            "........",
            "........",
            "..####..",
            "..####..",
            "........",
            "........",
        ])
    }

    func testArrowsAndVimKeysMoveOneCell() {
        XCTAssertEqual(keys([.left]).cursorX, 13)
        XCTAssertEqual(keys([.character("h")]).cursorX, 13)
        XCTAssertEqual(keys([.character("l")]).cursorX, 15)
        XCTAssertEqual(keys([.up]).cursorY, 13)
        XCTAssertEqual(keys([.character("k")]).cursorY, 13)
        XCTAssertEqual(keys([.character("j")]).cursorY, 15)
        XCTAssertEqual(keys([.down]).cursorY, 15)
    }

    func testTheCursorStopsAtTheEdges() {
        let pad = keys(Array(repeating: .left, count: 40) + Array(repeating: .up, count: 40))
        XCTAssertEqual(pad.cursorX, 0)
        XCTAssertEqual(pad.cursorY, 0)
        let corner = keys([.character(" ")] + Array(repeating: .right, count: 40) + Array(repeating: .down, count: 40))
        XCTAssertEqual(corner.cursorX, 27)
        XCTAssertEqual(corner.cursorY, 27)
        XCTAssertTrue(corner.isInked(x: 27, y: 27))
    }

    func testBrushWidths() {
        let thin = keys([.character("["), .character("["), .character(" "), .down])
        XCTAssertEqual(thin.brush, 1)
        XCTAssertEqual(window(thin), ["........", "........", "..#.....", "..#.....", "........", "........"])
        let thick = keys([.character("]"), .character("]"), .character(" ")])
        XCTAssertEqual(thick.brush, 3)
        XCTAssertEqual(window(thick), ["........", "........", "..###...", "..###...", "..###...", "........"])
    }

    func testEraser() {
        var pad = keys([.character(" "), .right, .right, .right, .character(" ")])  // a 5x2 bar, pen up
        pad = keys([.left, .character("x"), .character("["), .character(" ")], on: pad)
        XCTAssertTrue(pad.eraser)
        XCTAssertEqual(window(pad), ["........", "........", "..##.##.", "..#####.", "........", "........"])
        pad = keys([.character("x"), .down, .down], on: pad)  // eraser off again: the pen draws
        XCTAssertFalse(pad.eraser)
        XCTAssertTrue(pad.isInked(x: 16, y: 16))
        XCTAssertFalse(pad.isInked(x: 16, y: 17))
    }

    func testClearPutsEverythingBackButTheBrush() {
        let pad = keys([.character("]"), .character(" "), .right, .character("x"), .character("c")])
        XCTAssertTrue(pad.isEmpty)
        XCTAssertEqual(pad.cursorX, 14)
        XCTAssertEqual(pad.cursorY, 14)
        XCTAssertFalse(pad.penDown)
        XCTAssertFalse(pad.eraser)
        XCTAssertEqual(pad.brush, 3)
    }

    func testOtherKeysAreNotPadKeys() {
        XCTAssertNil(DrawPad.command(for: .character("p")))
        XCTAssertNil(DrawPad.command(for: .escape))
        XCTAssertEqual(DrawPad.command(for: .character("h")), .move(dx: -1, dy: 0))
    }

    func testSketchIsWhatWasDrawn() {
        let pad = keys([.character(" ")])
        let sketch = pad.sketch
        XCTAssertEqual(sketch.width, 28)
        XCTAssertEqual(sketch.inkBounds?.x, 14)
        XCTAssertEqual(sketch.inkBounds?.width, 2)
        XCTAssertEqual(sketch[14, 15], 1)
    }
}
