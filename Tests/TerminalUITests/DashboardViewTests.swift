import LeNetTraining
import XCTest
@testable import TerminalUI

final class DashboardViewTests: XCTestCase {
    func testLayoutAt80x24() {
        let l = DashboardLayout(width: 80, height: 24)
        XCTAssertFalse(l.isTooSmall)
        XCTAssertEqual(l.header, Rect(x: 0, y: 0, width: 80, height: 1))
        XCTAssertEqual(l.details, Rect(x: 0, y: 1, width: 80, height: 1))
        XCTAssertEqual(l.progress, Rect(x: 0, y: 2, width: 80, height: 1))
        XCTAssertEqual(l.lossPanel, Rect(x: 0, y: 3, width: 80, height: 6))
        XCTAssertEqual(l.accuracyPanel, Rect(x: 0, y: 9, width: 80, height: 6))
        XCTAssertEqual(l.epochLog, Rect(x: 0, y: 15, width: 80, height: 7))
        XCTAssertTrue(l.side.isEmpty)
        XCTAssertEqual(l.status, Rect(x: 0, y: 22, width: 80, height: 1))
        XCTAssertEqual(l.keyHelp, Rect(x: 0, y: 23, width: 80, height: 1))
        XCTAssertEqual(l.epochLogRows, 4)
    }

    func testLayoutAt120x40HasTheHeatmapAndThePadBeside() {
        let l = DashboardLayout(width: 120, height: 40)
        XCTAssertEqual(l.side, Rect(x: 72, y: 3, width: 48, height: 35))
        XCTAssertEqual(l.heatmap, Rect(x: 72, y: 3, width: 48, height: 18))
        XCTAssertEqual(l.pad, Rect(x: 72, y: 21, width: 48, height: 17))
        XCTAssertEqual(l.lossPanel, Rect(x: 0, y: 3, width: 71, height: 10))
        XCTAssertEqual(l.accuracyPanel, Rect(x: 0, y: 13, width: 71, height: 10))
        XCTAssertEqual(l.epochLog, Rect(x: 0, y: 23, width: 71, height: 15))
        // The focus does not change a layout that has room for everything.
        XCTAssertEqual(DashboardLayout(width: 120, height: 40, focus: .pad), l)
    }

    func testShortSideColumnGivesTheFocusedPanelTheRoom() {
        let training = DashboardLayout(width: 110, height: 30)
        XCTAssertEqual(training.heatmap, Rect(x: 62, y: 3, width: 48, height: 25), "the whole side column")
        XCTAssertTrue(training.pad.isEmpty)
        let pad = DashboardLayout(width: 110, height: 30, focus: .pad)
        XCTAssertTrue(pad.heatmap.isEmpty)
        XCTAssertEqual(pad.pad.height, 25)
    }

    func testAt100ColumnsTheSideColumnIsAsWideAsAt120() {
        let l = DashboardLayout(width: 100, height: 30)
        XCTAssertEqual(l.side, Rect(x: 52, y: 3, width: 48, height: 25))
        XCTAssertEqual(l.heatmap, l.side)
        XCTAssertEqual(l.epochLog.width, 51)
        XCTAssertEqual(EpochLog.headerLine(width: l.epochLog.width - 2),
                       "  epoch  train loss  test loss  test acc    time")
        let browsing = DashboardLayout(width: 100, height: 30, browsing: true)
        XCTAssertTrue(browsing.heatmap.isEmpty)
        XCTAssertEqual(browsing.browser, l.side)
    }

    func testNarrowTerminalsShowOnePanelAtATime() {
        let heatmap = DashboardLayout(width: 80, height: 24, focus: .heatmap)
        XCTAssertEqual(heatmap.heatmap, Rect(x: 0, y: 3, width: 80, height: 19))
        XCTAssertTrue(heatmap.lossPanel.isEmpty)
        XCTAssertTrue(heatmap.epochLog.isEmpty)
        let pad = DashboardLayout(width: 80, height: 24, focus: .pad)
        XCTAssertEqual(pad.pad, Rect(x: 0, y: 3, width: 80, height: 19))
        XCTAssertTrue(pad.heatmap.isEmpty)
        let alone = DashboardLayout(width: 80, height: 24, padOnly: true)
        XCTAssertTrue(alone.progress.isEmpty)
        XCTAssertEqual(alone.pad, Rect(x: 0, y: 2, width: 80, height: 20))
    }

    func testLayoutAtTheMinimumSize() {
        let l = DashboardLayout(width: 64, height: 22)
        XCTAssertFalse(l.isTooSmall)
        XCTAssertTrue(l.details.isEmpty)
        XCTAssertEqual(l.lossPanel.height, 5)
        XCTAssertEqual(l.accuracyPanel.height, 5)
        XCTAssertEqual(l.epochLog, Rect(x: 0, y: 12, width: 64, height: 8))
        XCTAssertGreaterThanOrEqual(DashboardLayout(width: 64, height: 22, focus: .pad).pad.height, DashboardLayout.padHeight)
        XCTAssertTrue(DashboardLayout(width: 63, height: 22).isTooSmall)
        XCTAssertTrue(DashboardLayout(width: 64, height: 21).isTooSmall)
        XCTAssertTrue(DashboardLayout(width: 60, height: 20).isTooSmall)
        XCTAssertTrue(DashboardLayout(width: 0, height: 0).isTooSmall)
    }

    func testTooSmallScreenAndRecovery() {
        let view = DashboardView(glyphs: .unicode)
        let state = Fixture.runningState()
        let small = view.render(state, width: 60, height: 20).trimmedRows()
        XCTAssertEqual(small[9], "               terminal too small: need 64×22")
        XCTAssertEqual(small[10], "                         now 60×20")
        let big = view.render(state, width: 64, height: 22).trimmedRows()
        XCTAssertTrue(big[0].hasPrefix("lenet-tui"))
    }

    func testEveryPanelRendersAtEverySizeFromTheMinimum() {
        // A resize storm visits sizes in any order: every one must render without trapping.
        var state = Fixture.runningState()
        state.padSources = [.training]
        state.apply(.epochDone(Fixture.summary(epoch: 1, matrix: HeatmapTests.partialMatrix())))
        for focus in Focus.allCases {
            var s = state
            while s.focus != focus { _ = s.handle(key: .tab) }
            for width in stride(from: 1, through: 130, by: 3) {
                for height in stride(from: 1, through: 45, by: 2) {
                    let buffer = DashboardView(glyphs: .unicode, depth: .extended).render(s, width: width, height: height)
                    XCTAssertEqual(buffer.rows().count, height)
                }
            }
        }
    }

    func testFullScreenAt80x24() {
        var state = Fixture.runningState(details: ["Adam lr 0.001"])
        state.apply(.epochDone(Fixture.summary(epoch: 2)))
        state.apply(.checkpointSaved(path: "lenet.ckpt", epoch: 2))
        let rows = DashboardView(glyphs: .unicode).render(state, width: 80, height: 24).rows()
        XCTAssertEqual(rows.count, 24)
        XCTAssertTrue(rows.allSatisfy { $0.count == 80 })
        XCTAssertEqual(rows[0], Fixture.line("lenet-tui", "epoch 3/10  running  12,345 img/s  elapsed 01:23  ETA 04:09",
                                             width: 80))
        XCTAssertEqual(rows[1], Fixture.line("Adam lr 0.001 · 6,400 train / 10,000 test images", "", width: 80))
        // 61 bar cells at 50%: 244 eighths = 30 full cells and a half cell.
        XCTAssertEqual(rows[2], "batch  50/100 " + String(repeating: "█", count: 30) + "▌"
                                + String(repeating: "░", count: 30) + "  50%")
        XCTAssertEqual(rows[3], "┌ train loss 0.1234 · since the start " + String(repeating: "─", count: 33) + " 0.2500 ┐")
        // One point (all equal): half of the 4 rows filled.
        XCTAssertEqual(rows[5], "│" + String(repeating: " ", count: 78) + "│")
        XCTAssertEqual(rows[6], "│█" + String(repeating: " ", count: 77) + "│")
        XCTAssertEqual(rows[7], "│█" + String(repeating: " ", count: 77) + "│")
        XCTAssertEqual(rows[8], "└" + String(repeating: "─", count: 51) + " a bar per 2 mini-batches ─┘")
        XCTAssertEqual(rows[9], "┌ train acc 97.8% · ◆ test 97.12% · since the start " + String(repeating: "─", count: 20) + " 97.8% ┐")
        XCTAssertEqual(rows[16], Fixture.line("│  epoch  train loss  train acc  test loss  test acc    img/s    time", "│", width: 80))
        XCTAssertEqual(rows[17], Fixture.line("│   2/10      0.1234     96.51%     0.0987    97.12%    5,210   12.3s", "│", width: 80))
        XCTAssertEqual(rows[22], Fixture.line("", "checkpoint saved: lenet.ckpt (epoch 2)", width: 80))
        XCTAssertEqual(rows[23], "p pause  w whole run  d draw  tab panels  +/- lr  n network  ? more keys  q quit")
    }

    func testFullScreenAt120x40ShowsTheHeatmapAndThePadPreview() {
        var state = Fixture.runningState()
        state.apply(.epochDone(Fixture.summary(epoch: 3, matrix: HeatmapTests.partialMatrix())))
        state.apply(.finished(completed: true))
        let rows = DashboardView(glyphs: .ascii).render(state, width: 120, height: 40).trimmedRows()
        XCTAssertEqual(rows[3].suffix(48), "+ confusion - epoch 3 - 91.36% ----------------+")
        XCTAssertEqual(String(rows[10].dropFirst(72)), "|4                @@98                :::2 98.0|")
        XCTAssertEqual(String(rows[16].dropFirst(72)), "|largest: true 7 -> predicted 2: 12            |")
        XCTAssertEqual(rows[21].suffix(48), "+ draw pad - d to draw ------------------------+")
        XCTAssertEqual(rows[38], "finished - press q to quit")
        XCTAssertEqual(rows[39], "w whole run  d draw  tab panels  n network  ? help  q quit")
        XCTAssertTrue(rows.joined().allSatisfy(\.isASCII))
    }
}
