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

    func testLayoutAt120x40HasASidePanel() {
        let l = DashboardLayout(width: 120, height: 40)
        XCTAssertEqual(l.side, Rect(x: 72, y: 3, width: 48, height: 35))
        XCTAssertEqual(l.lossPanel, Rect(x: 0, y: 3, width: 71, height: 10))
        XCTAssertEqual(l.accuracyPanel, Rect(x: 0, y: 13, width: 71, height: 10))
        XCTAssertEqual(l.epochLog, Rect(x: 0, y: 23, width: 71, height: 15))
    }

    func testLayoutAtTheMinimumSize() {
        let l = DashboardLayout(width: 60, height: 16)
        XCTAssertFalse(l.isTooSmall)
        XCTAssertTrue(l.details.isEmpty)
        XCTAssertEqual(l.lossPanel.height, 3)
        XCTAssertEqual(l.accuracyPanel.height, 3)
        XCTAssertEqual(l.epochLog, Rect(x: 0, y: 8, width: 60, height: 6))
        XCTAssertTrue(DashboardLayout(width: 59, height: 16).isTooSmall)
        XCTAssertTrue(DashboardLayout(width: 60, height: 15).isTooSmall)
        XCTAssertTrue(DashboardLayout(width: 0, height: 0).isTooSmall)
    }

    func testTooSmallScreenAndRecovery() {
        let view = DashboardView(glyphs: .unicode)
        let state = Fixture.runningState()
        let small = view.render(state, width: 50, height: 10).trimmedRows()
        XCTAssertEqual(small, ["", "", "", "", "          terminal too small: need 60×16", "                    now 50×10",
                               "", "", "", ""])
        let big = view.render(state, width: 60, height: 16).trimmedRows()
        XCTAssertTrue(big[0].hasPrefix("lenet-tui"))
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
        XCTAssertEqual(rows[3], "┌ loss 0.1234 " + String(repeating: "─", count: 57) + " 0.2500 ┐")
        // One point (all equal): half of the 4 rows filled.
        XCTAssertEqual(rows[5], "│" + String(repeating: " ", count: 78) + "│")
        XCTAssertEqual(rows[6], "│█" + String(repeating: " ", count: 77) + "│")
        XCTAssertEqual(rows[7], "│█" + String(repeating: " ", count: 77) + "│")
        XCTAssertEqual(rows[8], "└" + String(repeating: "─", count: 78) + "┘")
        XCTAssertEqual(rows[9], "┌ acc 97.8% " + String(repeating: "─", count: 60) + " 97.8% ┐")
        XCTAssertEqual(rows[16], Fixture.line("│  epoch  train loss  train acc  test loss  test acc    img/s    time", "│", width: 80))
        XCTAssertEqual(rows[17], Fixture.line("│   2/10      0.1234     96.51%     0.0987    97.12%    5,210   12.3s", "│", width: 80))
        XCTAssertEqual(rows[22], Fixture.line("", "checkpoint saved: lenet.ckpt (epoch 2)", width: 80))
        XCTAssertEqual(rows[23], Fixture.line("p/space pause  q quit", "", width: 80))
    }

    func testFullScreenAt120x40ShowsTheConfusionSummary() {
        var m = ConfusionMatrix()
        m.record(trueClass: 1, predicted: 1)
        m.record(trueClass: 2, predicted: 7)
        var state = Fixture.runningState()
        state.apply(.epochDone(Fixture.summary(epoch: 3, matrix: m)))
        state.apply(.finished(completed: true))
        let rows = DashboardView(glyphs: .ascii).render(state, width: 120, height: 40).trimmedRows()
        XCTAssertEqual(rows[3].suffix(48), "+ test set by digit - epoch 3 -----------------+")
        XCTAssertEqual(String(rows[4].dropFirst(72)), "| correct 1 / 2  50.00%                        |")
        XCTAssertEqual(rows[38], "finished - press q to quit")
        XCTAssertEqual(rows[39], "q quit")
        XCTAssertTrue(rows.joined().allSatisfy(\.isASCII))
    }
}
