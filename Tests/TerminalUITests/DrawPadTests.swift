import Testing
@testable import TerminalUI

/// The draw pad as a reducer: key sequences -> pixels, cursor, pen (the contract in DrawPad's docs).
@Suite struct DrawPadTests {
    func keys(_ keys: [Key], on pad: DrawPad = DrawPad()) -> DrawPad {
        var pad = pad
        for key in keys {
            guard let command = DrawPad.command(for: key) else { Issue.record("\(key) is not a pad key"); continue }
            pad.perform(command)
        }
        return pad
    }

    /// Rows `top..<top+count` of the pad, columns `left..<left+width`.
    func window(_ pad: DrawPad, left: Int = 12, top: Int = 12, width: Int = 8, height: Int = 6) -> [String] {
        pad.textArt[top..<top + height].map { String(Array($0)[left..<left + width]) }
    }

    @Test func startsInTheMiddleWithThePenUp() {
        let pad = DrawPad()
        #expect(pad.cursorX == 14)
        #expect(pad.cursorY == 14)
        #expect(!pad.penDown)
        #expect(!pad.eraser)
        #expect(pad.brush == 2)
        #expect(pad.isEmpty)
        #expect(keys([.right, .right, .down]).isEmpty == true)  // pen up: moving draws nothing
    }

    @Test func penDownInksTheBrushAndEveryCellEntered() {
        let pad = keys([.character(" "), .right, .right])
        #expect(pad.penDown)
        #expect(pad.cursorX == 16)
        #expect(window(pad) == [
            "........",
            "........",
            "..####..",
            "..####..",
            "........",
            "........",
        ])
    }

    @Test func arrowsAndVimKeysMoveOneCell() {
        #expect(keys([.left]).cursorX == 13)
        #expect(keys([.character("h")]).cursorX == 13)
        #expect(keys([.character("l")]).cursorX == 15)
        #expect(keys([.up]).cursorY == 13)
        #expect(keys([.character("k")]).cursorY == 13)
        #expect(keys([.character("j")]).cursorY == 15)
        #expect(keys([.down]).cursorY == 15)
    }

    @Test func theCursorStopsAtTheEdges() {
        let pad = keys(Array(repeating: .left, count: 40) + Array(repeating: .up, count: 40))
        #expect(pad.cursorX == 0)
        #expect(pad.cursorY == 0)
        let corner = keys([.character(" ")] + Array(repeating: .right, count: 40) + Array(repeating: .down, count: 40))
        #expect(corner.cursorX == 27)
        #expect(corner.cursorY == 27)
        #expect(corner.isInked(x: 27, y: 27))
    }

    @Test func brushWidths() {
        let thin = keys([.character("["), .character("["), .character(" "), .down])
        #expect(thin.brush == 1)
        #expect(window(thin) == ["........", "........", "..#.....", "..#.....", "........", "........"])
        let thick = keys([.character("]"), .character("]"), .character(" ")])
        #expect(thick.brush == 3)
        #expect(window(thick) == ["........", "........", "..###...", "..###...", "..###...", "........"])
    }

    @Test func eraser() {
        var pad = keys([.character(" "), .right, .right, .right, .character(" ")])  // a 5x2 bar, pen up
        pad = keys([.left, .character("x"), .character("["), .character(" ")], on: pad)
        #expect(pad.eraser)
        #expect(window(pad) == ["........", "........", "..##.##.", "..#####.", "........", "........"])
        pad = keys([.character("x"), .down, .down], on: pad)  // eraser off again: the pen draws
        #expect(!pad.eraser)
        #expect(pad.isInked(x: 16, y: 16))
        #expect(!pad.isInked(x: 16, y: 17))
    }

    @Test func clearPutsEverythingBackButTheBrush() {
        let pad = keys([.character("]"), .character(" "), .right, .character("x"), .character("c")])
        #expect(pad.isEmpty)
        #expect(pad.cursorX == 14)
        #expect(pad.cursorY == 14)
        #expect(!pad.penDown)
        #expect(!pad.eraser)
        #expect(pad.brush == 3)
    }

    @Test func otherKeysAreNotPadKeys() {
        #expect(DrawPad.command(for: .character("p")) == nil)
        #expect(DrawPad.command(for: .escape) == nil)
        #expect(DrawPad.command(for: .character("h")) == .move(dx: -1, dy: 0))
    }

    @Test func sketchIsWhatWasDrawn() {
        let pad = keys([.character(" ")])
        let sketch = pad.sketch
        #expect(sketch.width == 28)
        #expect(sketch.inkBounds?.x == 14)
        #expect(sketch.inkBounds?.width == 2)
        #expect(sketch[14, 15] == 1)
    }
}
