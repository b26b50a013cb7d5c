import LeNetTraining
import Testing
@testable import TerminalUI

// MARK: - The mouse on the pad, the heatmap and the epoch log

/// At 120x40 the pad panel is at x 72..119, y 21..37: its half-block grid starts at (73, 22), a cell per
/// pixel column and two pixel rows; the heatmap's cells start at x 74 (4 columns each), y 6 (row 0); the
/// epoch log is at y 23..37, x 0..70.
@Suite struct DashboardMouseTests {
    private func state(width: Int = 120, height: Int = 40) -> DashboardState {
        var state = Fixture.runningState()
        state.noteScreen(width: width, height: height, glyphs: .unicode)
        return state
    }

    private func press(_ x: Int, _ y: Int, _ button: MouseButton = .left) -> MouseEvent { MouseEvent(.press, button, x: x, y: y) }
    private func drag(_ x: Int, _ y: Int, _ button: MouseButton = .left) -> MouseEvent { MouseEvent(.drag, button, x: x, y: y) }
    private func release(_ x: Int, _ y: Int) -> MouseEvent { MouseEvent(.release, .left, x: x, y: y) }

    /// The inked pixels as (x, y) pairs, row by row.
    private func inked(_ pad: DrawPad) -> [[Int]] {
        (0..<DrawPad.side).flatMap { y in (0..<DrawPad.side).filter { pad.isInked(x: $0, y: y) }.map { [$0, y] } }
    }

    // MARK: Pad

    @Test func aPressOnThePreviewOpensThePadAndInksUnderThePointer() {
        var state = state()
        #expect(state.focus == .training)
        #expect(state.handle(mouse: press(87, 25)) == .padChanged)
        #expect(state.focus == .pad)
        // Cell (14, 3) holds pixels (14, 6) and (14, 7); the brush (2) covers them and the cell on the right.
        #expect(inked(state.pad) == [[14, 6], [15, 6], [14, 7], [15, 7]])
        #expect([state.pad.cursorX, state.pad.cursorY] == [14, 6])
        #expect(!state.pad.penDown, "the keyboard's pen is left as it was")
    }

    @Test func aVerticalDragDrawsAnUnbrokenStroke() {
        var state = state()
        #expect(state.handle(mouse: press(87, 25)) == .padChanged)
        // The terminal skipped cells (a fast drag): the stroke is a line from the last pixel anyway.
        #expect(state.handle(mouse: drag(87, 28)) == .padChanged)
        #expect(state.handle(mouse: drag(87, 33)) == .padChanged)
        #expect(state.handle(mouse: release(87, 33)) == .none)
        #expect(state.pad.textArt.filter { $0 == String(repeating: ".", count: 14) + "##" + String(repeating: ".", count: 12) }.count ==
                18, "rows 6 to 23")
        #expect(inked(state.pad).count == 36)
        #expect(inked(state.pad).first == [14, 6])
        #expect(inked(state.pad).last == [15, 23])
    }

    @Test func aDiagonalDragLeavesNoGap() {
        var state = state()
        _ = state.handle(key: .character("d"))
        _ = state.handle(key: .character("["))  // brush 1: the line itself shows
        _ = state.handle(mouse: press(73, 22))  // pixel (0, 0)
        _ = state.handle(mouse: drag(79, 25))   // pixel (6, 6): the cells between were skipped
        for y in 0...7 {
            // Each point of the line paints its cell's two pixel rows: (y, y) and (y - 1, y) in row y.
            #expect((0..<DrawPad.side).filter { state.pad.isInked(x: $0, y: y) } == (y == 0 ? [0] : y == 7 ? [6] : [y - 1, y]), "row \(y)")
        }
    }

    @Test func aRightDragErasesAndTheKeyboardStillDraws() {
        var state = state()
        _ = state.handle(mouse: press(87, 25))
        _ = state.handle(mouse: drag(87, 33))
        _ = state.handle(mouse: release(87, 33))
        #expect(state.handle(mouse: press(87, 30, .right)) == .padChanged)  // pixels (14, 16), (14, 17)
        #expect(state.handle(mouse: drag(87, 31, .right)) == .padChanged)   // (14, 18), (14, 19)
        #expect(inked(state.pad).count == 36 - 2 * 4, "rows 16 to 19 erased")
        #expect(!state.pad.isInked(x: 15, y: 19))
        #expect(state.pad.isInked(x: 15, y: 20))
        // Keyboard drawing is unchanged: the cursor is where the mouse left it, space inks there.
        #expect([state.pad.cursorX, state.pad.cursorY] == [14, 18])
        #expect(state.handle(key: .character(" ")) == .padChanged)
        #expect(state.pad.isInked(x: 14, y: 18))
    }

    @Test func aDragThatLeavesTheGridResumesWhereItComesBack() {
        var state = state()
        _ = state.handle(mouse: press(87, 25))
        #expect(state.handle(mouse: drag(110, 25)) == .none, "beside the grid: the bars")
        #expect(state.handle(mouse: drag(90, 30)) == .padChanged)
        #expect(!state.pad.isInked(x: 16, y: 10), "no line across the gap")
        #expect(state.pad.isInked(x: 17, y: 16))
    }

    @Test func aDragFromOutsideDoesNotOpenThePadAndOtherButtonsDoNothing() {
        var state = state()
        #expect(state.handle(mouse: drag(87, 25)) == .none)
        #expect(state.handle(mouse: press(87, 25, .middle)) == .none)
        #expect(state.focus == .training)
        #expect(state.pad.isEmpty)
    }

    @Test func thePadAloneAt80x24() {
        var state = DashboardState(padOnly: true)
        state.noteScreen(width: 80, height: 24, glyphs: .unicode)
        #expect(state.handle(mouse: press(0, 3)) == .none, "the border")
        #expect(state.handle(mouse: press(1, 3)) == .padChanged)
        #expect(inked(state.pad) == [[0, 0], [1, 0], [0, 1], [1, 1]])
    }

    // MARK: Heatmap

    private func withHeatmap() -> DashboardState {
        var state = state()
        state.canBrowse = true
        var matrix = ConfusionMatrix()
        for _ in 0..<5 { matrix.record(trueClass: 9, predicted: 4) }
        matrix.record(trueClass: 1, predicted: 1)
        state.apply(.epochDone(Fixture.summary(epoch: 1, matrix: matrix)))
        return state
    }

    @Test func aClickSelectsAHeatmapCellAndASecondOpensItsImages() {
        var state = withHeatmap()
        let cell = ConfusionCell(trueClass: 9, predicted: 4)
        #expect(state.handle(mouse: press(90, 15)) == .redraw)
        #expect(state.heatmapSelection == cell)
        #expect(state.focus == .heatmap)
        #expect(state.handle(mouse: release(90, 15)) == .none)
        #expect(state.handle(mouse: press(93, 15)) == .loadConfusions(cell), "the same cell's last column")
        #expect(state.browsing?.cell == cell)
        #expect(state.handle(mouse: press(93, 15)) == .none, "the cell being browsed")
        // Another cell from the browser: back to selecting, on that cell; arrows go on from there.
        #expect(state.handle(mouse: press(78, 7)) == .redraw)
        #expect(state.browsing == nil)
        #expect(state.heatmapSelection == ConfusionCell(trueClass: 1, predicted: 1))
        #expect(state.handle(key: .right) == .redraw)
        #expect(state.heatmapSelection == ConfusionCell(trueClass: 1, predicted: 2))
    }

    @Test func clicksBesideTheCellsOrWithoutBrowsingDoNothing() {
        var state = withHeatmap()
        #expect(state.handle(mouse: press(73, 15)) == .none, "the row label")
        #expect(state.handle(mouse: press(114, 15)) == .none, "the recall column")
        #expect(state.handle(mouse: press(90, 5)) == .none, "the column headings")
        #expect(state.handle(mouse: press(90, 15, .right)) == .none)
        state.canBrowse = false
        #expect(state.handle(mouse: press(90, 15)) == .none)
        #expect(state.heatmapSelection == nil)
        #expect(Heatmap.cell(atX: 90, y: 15, area: Rect(x: 72, y: 3, width: 48, height: 18)) ==
                ConfusionCell(trueClass: 9, predicted: 4))
    }

    // MARK: Epoch log, overlays, questions

    @Test func theWheelScrollsTheEpochLog() {
        var state = state()
        for epoch in 1...20 { state.apply(.epochDone(Fixture.summary(epoch: epoch, epochs: 20))) }
        #expect(state.logViewportRows == 12)
        let up = MouseEvent(.press, .wheelUp, x: 10, y: 30), down = MouseEvent(.press, .wheelDown, x: 10, y: 30)
        #expect(state.handle(mouse: up) == .redraw)
        #expect(state.logScroll == 3)
        for _ in 0..<5 { _ = state.handle(mouse: up) }
        #expect(state.logScroll == 8, "20 lines, 12 rows")
        #expect(state.handle(mouse: down) == .redraw)
        #expect(state.logScroll == 5)
        #expect(state.handle(mouse: MouseEvent(.press, .wheelUp, x: 10, y: 5)) == .none, "over the loss chart")
        #expect(state.logScroll == 5)
    }

    @Test func aPressClosesTheHelpAndQuestionsIgnoreTheMouse() {
        var state = state()
        _ = state.handle(key: .character("?"))
        #expect(state.handle(mouse: drag(87, 25)) == .none)
        #expect(state.handle(mouse: press(87, 25)) == .redraw)
        #expect(!state.helpVisible)
        #expect(state.pad.isEmpty, "the press closed the overlay, nothing else")
        _ = state.handle(key: .character("r"))
        #expect(state.handle(mouse: press(87, 25)) == .none)
        #expect(state.confirmingRewind)
        #expect(state.pad.isEmpty)
    }

    @Test func nothingBeforeTheScreenSizeIsKnownOrWithTheMouseOff() {
        var state = Fixture.runningState()
        #expect(state.handle(mouse: press(87, 25)) == .none)
        var off = self.state()
        off.mouseEnabled = false
        #expect(off.handle(mouse: press(87, 25)) == .none)
        #expect(off.pad.isEmpty)
    }
}
