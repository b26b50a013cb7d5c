import LeNetTraining
import XCTest
@testable import TerminalUI

// MARK: - The mouse on the pad, the heatmap and the epoch log

/// At 120x40 the pad panel is at x 72..119, y 21..37: its half-block grid starts at (73, 22), a cell per
/// pixel column and two pixel rows; the heatmap's cells start at x 74 (4 columns each), y 6 (row 0); the
/// epoch log is at y 23..37, x 0..70.
final class DashboardMouseTests: XCTestCase {
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

    func testAPressOnThePreviewOpensThePadAndInksUnderThePointer() {
        var state = state()
        XCTAssertEqual(state.focus, .training)
        XCTAssertEqual(state.handle(mouse: press(87, 25)), .padChanged)
        XCTAssertEqual(state.focus, .pad)
        // Cell (14, 3) holds pixels (14, 6) and (14, 7); the brush (2) covers them and the cell on the right.
        XCTAssertEqual(inked(state.pad), [[14, 6], [15, 6], [14, 7], [15, 7]])
        XCTAssertEqual([state.pad.cursorX, state.pad.cursorY], [14, 6])
        XCTAssertFalse(state.pad.penDown, "the keyboard's pen is left as it was")
    }

    func testAVerticalDragDrawsAnUnbrokenStroke() {
        var state = state()
        XCTAssertEqual(state.handle(mouse: press(87, 25)), .padChanged)
        // The terminal skipped cells (a fast drag): the stroke is a line from the last pixel anyway.
        XCTAssertEqual(state.handle(mouse: drag(87, 28)), .padChanged)
        XCTAssertEqual(state.handle(mouse: drag(87, 33)), .padChanged)
        XCTAssertEqual(state.handle(mouse: release(87, 33)), .none)
        XCTAssertEqual(state.pad.textArt.filter { $0 == String(repeating: ".", count: 14) + "##" + String(repeating: ".", count: 12) }.count,
                       18, "rows 6 to 23")
        XCTAssertEqual(inked(state.pad).count, 36)
        XCTAssertEqual(inked(state.pad).first, [14, 6])
        XCTAssertEqual(inked(state.pad).last, [15, 23])
    }

    func testADiagonalDragLeavesNoGap() {
        var state = state()
        _ = state.handle(key: .character("d"))
        _ = state.handle(key: .character("["))  // brush 1: the line itself shows
        _ = state.handle(mouse: press(73, 22))  // pixel (0, 0)
        _ = state.handle(mouse: drag(79, 25))   // pixel (6, 6): the cells between were skipped
        for y in 0...7 {
            // Each point of the line paints its cell's two pixel rows: (y, y) and (y - 1, y) in row y.
            XCTAssertEqual((0..<DrawPad.side).filter { state.pad.isInked(x: $0, y: y) }, y == 0 ? [0] : y == 7 ? [6] : [y - 1, y],
                           "row \(y)")
        }
    }

    func testARightDragErasesAndTheKeyboardStillDraws() {
        var state = state()
        _ = state.handle(mouse: press(87, 25))
        _ = state.handle(mouse: drag(87, 33))
        _ = state.handle(mouse: release(87, 33))
        XCTAssertEqual(state.handle(mouse: press(87, 30, .right)), .padChanged)  // pixels (14, 16), (14, 17)
        XCTAssertEqual(state.handle(mouse: drag(87, 31, .right)), .padChanged)   // (14, 18), (14, 19)
        XCTAssertEqual(inked(state.pad).count, 36 - 2 * 4, "rows 16 to 19 erased")
        XCTAssertFalse(state.pad.isInked(x: 15, y: 19))
        XCTAssertTrue(state.pad.isInked(x: 15, y: 20))
        // Keyboard drawing is unchanged: the cursor is where the mouse left it, space inks there.
        XCTAssertEqual([state.pad.cursorX, state.pad.cursorY], [14, 18])
        XCTAssertEqual(state.handle(key: .character(" ")), .padChanged)
        XCTAssertTrue(state.pad.isInked(x: 14, y: 18))
    }

    func testADragThatLeavesTheGridResumesWhereItComesBack() {
        var state = state()
        _ = state.handle(mouse: press(87, 25))
        XCTAssertEqual(state.handle(mouse: drag(110, 25)), .none, "beside the grid: the bars")
        XCTAssertEqual(state.handle(mouse: drag(90, 30)), .padChanged)
        XCTAssertFalse(state.pad.isInked(x: 16, y: 10), "no line across the gap")
        XCTAssertTrue(state.pad.isInked(x: 17, y: 16))
    }

    func testADragFromOutsideDoesNotOpenThePadAndOtherButtonsDoNothing() {
        var state = state()
        XCTAssertEqual(state.handle(mouse: drag(87, 25)), .none)
        XCTAssertEqual(state.handle(mouse: press(87, 25, .middle)), .none)
        XCTAssertEqual(state.focus, .training)
        XCTAssertTrue(state.pad.isEmpty)
    }

    func testThePadAloneAt80x24() {
        var state = DashboardState(padOnly: true)
        state.noteScreen(width: 80, height: 24, glyphs: .unicode)
        XCTAssertEqual(state.handle(mouse: press(0, 3)), .none, "the border")
        XCTAssertEqual(state.handle(mouse: press(1, 3)), .padChanged)
        XCTAssertEqual(inked(state.pad), [[0, 0], [1, 0], [0, 1], [1, 1]])
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

    func testAClickSelectsAHeatmapCellAndASecondOpensItsImages() {
        var state = withHeatmap()
        let cell = ConfusionCell(trueClass: 9, predicted: 4)
        XCTAssertEqual(state.handle(mouse: press(90, 15)), .redraw)
        XCTAssertEqual(state.heatmapSelection, cell)
        XCTAssertEqual(state.focus, .heatmap)
        XCTAssertEqual(state.handle(mouse: release(90, 15)), .none)
        XCTAssertEqual(state.handle(mouse: press(93, 15)), .loadConfusions(cell), "the same cell's last column")
        XCTAssertEqual(state.browsing?.cell, cell)
        XCTAssertEqual(state.handle(mouse: press(93, 15)), .none, "the cell being browsed")
        // Another cell from the browser: back to selecting, on that cell; arrows go on from there.
        XCTAssertEqual(state.handle(mouse: press(78, 7)), .redraw)
        XCTAssertNil(state.browsing)
        XCTAssertEqual(state.heatmapSelection, ConfusionCell(trueClass: 1, predicted: 1))
        XCTAssertEqual(state.handle(key: .right), .redraw)
        XCTAssertEqual(state.heatmapSelection, ConfusionCell(trueClass: 1, predicted: 2))
    }

    func testClicksBesideTheCellsOrWithoutBrowsingDoNothing() {
        var state = withHeatmap()
        XCTAssertEqual(state.handle(mouse: press(73, 15)), .none, "the row label")
        XCTAssertEqual(state.handle(mouse: press(114, 15)), .none, "the recall column")
        XCTAssertEqual(state.handle(mouse: press(90, 5)), .none, "the column headings")
        XCTAssertEqual(state.handle(mouse: press(90, 15, .right)), .none)
        state.canBrowse = false
        XCTAssertEqual(state.handle(mouse: press(90, 15)), .none)
        XCTAssertNil(state.heatmapSelection)
        XCTAssertEqual(Heatmap.cell(atX: 90, y: 15, area: Rect(x: 72, y: 3, width: 48, height: 18)),
                       ConfusionCell(trueClass: 9, predicted: 4))
    }

    // MARK: Epoch log, overlays, questions

    func testTheWheelScrollsTheEpochLog() {
        var state = state()
        for epoch in 1...20 { state.apply(.epochDone(Fixture.summary(epoch: epoch, epochs: 20))) }
        XCTAssertEqual(state.logViewportRows, 12)
        let up = MouseEvent(.press, .wheelUp, x: 10, y: 30), down = MouseEvent(.press, .wheelDown, x: 10, y: 30)
        XCTAssertEqual(state.handle(mouse: up), .redraw)
        XCTAssertEqual(state.logScroll, 3)
        for _ in 0..<5 { _ = state.handle(mouse: up) }
        XCTAssertEqual(state.logScroll, 8, "20 lines, 12 rows")
        XCTAssertEqual(state.handle(mouse: down), .redraw)
        XCTAssertEqual(state.logScroll, 5)
        XCTAssertEqual(state.handle(mouse: MouseEvent(.press, .wheelUp, x: 10, y: 5)), .none, "over the loss chart")
        XCTAssertEqual(state.logScroll, 5)
    }

    func testAPressClosesTheHelpAndQuestionsIgnoreTheMouse() {
        var state = state()
        _ = state.handle(key: .character("?"))
        XCTAssertEqual(state.handle(mouse: drag(87, 25)), .none)
        XCTAssertEqual(state.handle(mouse: press(87, 25)), .redraw)
        XCTAssertFalse(state.helpVisible)
        XCTAssertTrue(state.pad.isEmpty, "the press closed the overlay, nothing else")
        _ = state.handle(key: .character("r"))
        XCTAssertEqual(state.handle(mouse: press(87, 25)), .none)
        XCTAssertTrue(state.confirmingRewind)
        XCTAssertTrue(state.pad.isEmpty)
    }

    func testNothingBeforeTheScreenSizeIsKnownOrWithTheMouseOff() {
        var state = Fixture.runningState()
        XCTAssertEqual(state.handle(mouse: press(87, 25)), .none)
        var off = self.state()
        off.mouseEnabled = false
        XCTAssertEqual(off.handle(mouse: press(87, 25)), .none)
        XCTAssertTrue(off.pad.isEmpty)
    }
}
