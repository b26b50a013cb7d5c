import LeNetTraining
import Testing
@testable import TerminalUI

@Suite struct DashboardViewTests {
    @Test func layoutAt80x24() {
        let l = DashboardLayout(width: 80, height: 24)
        #expect(!l.isTooSmall)
        #expect(l.header == Rect(x: 0, y: 0, width: 80, height: 1))
        #expect(l.details == Rect(x: 0, y: 1, width: 80, height: 1))
        #expect(l.progress == Rect(x: 0, y: 2, width: 80, height: 1))
        #expect(l.lossPanel == Rect(x: 0, y: 3, width: 80, height: 6))
        #expect(l.accuracyPanel == Rect(x: 0, y: 9, width: 80, height: 6))
        #expect(l.epochLog == Rect(x: 0, y: 15, width: 80, height: 7))
        #expect(l.side.isEmpty)
        #expect(l.status == Rect(x: 0, y: 22, width: 80, height: 1))
        #expect(l.keyHelp == Rect(x: 0, y: 23, width: 80, height: 1))
        #expect(l.epochLogRows == 4)
    }

    @Test func layoutAt120x40HasTheHeatmapAndThePadBeside() {
        let l = DashboardLayout(width: 120, height: 40)
        #expect(l.side == Rect(x: 72, y: 3, width: 48, height: 35))
        #expect(l.heatmap == Rect(x: 72, y: 3, width: 48, height: 18))
        #expect(l.pad == Rect(x: 72, y: 21, width: 48, height: 17))
        #expect(l.lossPanel == Rect(x: 0, y: 3, width: 71, height: 10))
        #expect(l.accuracyPanel == Rect(x: 0, y: 13, width: 71, height: 10))
        #expect(l.epochLog == Rect(x: 0, y: 23, width: 71, height: 15))
        // The focus does not change a layout that has room for everything.
        #expect(DashboardLayout(width: 120, height: 40, focus: .pad) == l)
    }

    @Test func shortSideColumnGivesTheFocusedPanelTheRoom() {
        let training = DashboardLayout(width: 110, height: 30)
        #expect(training.heatmap == Rect(x: 62, y: 3, width: 48, height: 25), "the whole side column")
        #expect(training.pad.isEmpty)
        let pad = DashboardLayout(width: 110, height: 30, focus: .pad)
        #expect(pad.heatmap.isEmpty)
        #expect(pad.pad.height == 25)
    }

    @Test func at100ColumnsTheSideColumnIsAsWideAsAt120() {
        let l = DashboardLayout(width: 100, height: 30)
        #expect(l.side == Rect(x: 52, y: 3, width: 48, height: 25))
        #expect(l.heatmap == l.side)
        #expect(l.epochLog.width == 51)
        #expect(EpochLog.headerLine(width: l.epochLog.width - 2) ==
                "  epoch  train loss  test loss  test acc    time")
        let browsing = DashboardLayout(width: 100, height: 30, browsing: true)
        #expect(browsing.heatmap.isEmpty)
        #expect(browsing.browser == l.side)
    }

    @Test func narrowTerminalsShowOnePanelAtATime() {
        let heatmap = DashboardLayout(width: 80, height: 24, focus: .heatmap)
        #expect(heatmap.heatmap == Rect(x: 0, y: 3, width: 80, height: 19))
        #expect(heatmap.lossPanel.isEmpty)
        #expect(heatmap.epochLog.isEmpty)
        let pad = DashboardLayout(width: 80, height: 24, focus: .pad)
        #expect(pad.pad == Rect(x: 0, y: 3, width: 80, height: 19))
        #expect(pad.heatmap.isEmpty)
        let alone = DashboardLayout(width: 80, height: 24, padOnly: true)
        #expect(alone.progress.isEmpty)
        #expect(alone.pad == Rect(x: 0, y: 2, width: 80, height: 20))
    }

    @Test func layoutAtTheMinimumSize() {
        let l = DashboardLayout(width: 64, height: 22)
        #expect(!l.isTooSmall)
        #expect(l.details.isEmpty)
        #expect(l.lossPanel.height == 5)
        #expect(l.accuracyPanel.height == 5)
        #expect(l.epochLog == Rect(x: 0, y: 12, width: 64, height: 8))
        #expect(DashboardLayout(width: 64, height: 22, focus: .pad).pad.height >= DashboardLayout.padHeight)
        #expect(DashboardLayout(width: 63, height: 22).isTooSmall)
        #expect(DashboardLayout(width: 64, height: 21).isTooSmall)
        #expect(DashboardLayout(width: 60, height: 20).isTooSmall)
        #expect(DashboardLayout(width: 0, height: 0).isTooSmall)
    }

    @Test func tooSmallScreenAndRecovery() {
        let view = DashboardView(glyphs: .unicode)
        let state = Fixture.runningState()
        let small = view.render(state, width: 60, height: 20).trimmedRows()
        #expect(small[9] == "               terminal too small: need 64×22")
        #expect(small[10] == "                         now 60×20")
        let big = view.render(state, width: 64, height: 22).trimmedRows()
        #expect(big[0] == "     epoch 3/10  running  12,345 img/s  elapsed 01:23  ETA 04:09")
    }

    /// The screens of the resize storm: each focus, and the network view open.
    enum Screen: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case training, heatmap, pad, network
        var testDescription: String { rawValue }

        var state: DashboardState {
            var state = Fixture.runningState()
            state.padSources = [.training]
            state.apply(.epochDone(Fixture.summary(epoch: 1, matrix: HeatmapTests.partialMatrix())))
            let focus: Focus = switch self { case .training, .network: .training; case .heatmap: .heatmap; case .pad: .pad }
            while state.focus != focus { _ = state.handle(key: .tab) }
            if self == .network { _ = state.handle(key: .character("n")) }
            return state
        }
    }

    /// The widgets `DashboardView.render` draws for `layout`, each with the rectangle it is given.
    func widgets(_ state: DashboardState, _ layout: DashboardLayout, screen: Rect, view: DashboardView)
        -> [(name: String, areas: [Rect], draw: (inout CellBuffer, [Rect]) -> Void)] {
        let glyphs = view.glyphs, depth = view.depth
        if layout.isTooSmall {
            return [("too small", [screen], { TooSmallMessage(minimumWidth: DashboardLayout.minimumWidth,
                                                             minimumHeight: DashboardLayout.minimumHeight, glyphs: glyphs)
                                                  .render(into: &$0, area: $1[0]) })]
        }
        var list: [(name: String, areas: [Rect], draw: (inout CellBuffer, [Rect]) -> Void)] = [
            ("header", [layout.header], { Header(state: state, glyphs: glyphs).render(into: &$0, area: $1[0]) }),
            ("details", [layout.details], { DetailsLine(state: state, glyphs: glyphs).render(into: &$0, area: $1[0]) }),
            ("progress", [layout.progress], { EpochProgressLine(state: state, glyphs: glyphs).render(into: &$0, area: $1[0]) }),
            ("charts", [layout.lossPanel, layout.accuracyPanel], {
                view.renderCharts(state, into: &$0, loss: $1[0], accuracy: $1[1])
            }),
            ("epoch log", [layout.epochLog], {
                EpochLog(epochs: state.epochs, notes: state.logNotes, scroll: state.logScroll, glyphs: glyphs)
                    .render(into: &$0, area: $1[0])
            }),
            ("heatmap", [layout.heatmap], {
                Heatmap(matrix: state.epochs.last?.confusionMatrix, epoch: state.epochs.last?.epoch,
                        classNames: state.classNames, glyphs: glyphs, depth: depth, focused: state.focus == .heatmap,
                        selection: state.heatmapSelection, offersBrowsing: state.browsing == nil)
                    .render(into: &$0, area: $1[0])
            }),
            ("pad", [layout.pad], { PadPanel(state: state, glyphs: glyphs, depth: depth).render(into: &$0, area: $1[0]) }),
            ("network", [layout.network], {
                NetworkPanel(state: state, glyphs: glyphs, depth: depth).render(into: &$0, area: $1[0])
            }),
            ("status", [layout.status], { StatusLine(state: state, glyphs: glyphs).render(into: &$0, area: $1[0]) }),
            ("key help", [layout.keyHelp], { KeyHelp(state: state, glyphs: glyphs).render(into: &$0, area: $1[0]) }),
            ("summary overlay", [screen], { SummaryOverlay(glyphs: glyphs).render(into: &$0, area: $1[0]) }),
            ("help overlay", [screen], {
                HelpOverlay(entries: state.helpEntries, glyphs: glyphs).render(into: &$0, area: $1[0])
            }),
        ]
        list.removeAll { $0.areas.allSatisfy(\.isEmpty) }
        return list
    }

    /// A resize storm visits sizes in any order: at every size each widget renders without trapping and
    /// writes only inside its own rectangle. Each is drawn into a buffer 2 cells larger on every side,
    /// pre-filled with a sentinel, at its layout rectangle moved by (2, 2); every cell outside must still
    /// hold the sentinel.
    @Test(arguments: Screen.allCases)
    func everyWidgetStaysInsideItsRectangleAtEverySize(screen: Screen) {
        let state = screen.state
        let view = DashboardView(glyphs: .unicode, depth: .extended)
        let sentinel = Cell("¤")
        for width in stride(from: 1, through: 130, by: 3) {
            for height in stride(from: 1, through: 45, by: 2) {
                _ = view.render(state, width: width, height: height)
                let layout = state.layout(width: width, height: height)
                let bounds = Rect(x: 2, y: 2, width: width, height: height)
                var untouched = CellBuffer(width: width + 4, height: height + 4)
                untouched.fill(untouched.bounds, with: sentinel)
                for widget in widgets(state, layout, screen: Rect(x: 0, y: 0, width: width, height: height), view: view) {
                    let areas = widget.areas.map { Rect(x: $0.x + 2, y: $0.y + 2, width: $0.width, height: $0.height) }
                        .filter { !$0.isEmpty }
                    #expect(areas.allSatisfy { $0.intersection(bounds) == $0 }, "\(widget.name)'s \(areas) leaves the screen")
                    var buffer = untouched
                    widget.draw(&buffer, widget.areas.map { Rect(x: $0.x + 2, y: $0.y + 2, width: $0.width, height: $0.height) })
                    // Blank the widget's own rectangles with the sentinel: what is left must be all sentinel.
                    for area in areas { buffer.fill(area, with: sentinel) }
                    guard buffer != untouched else { continue }
                    var outside: [String] = []
                    for y in 0..<buffer.height {
                        for x in 0..<buffer.width where buffer[x, y] != sentinel {
                            outside.append("(\(x - 2), \(y - 2)) \(buffer[x, y].character)")
                        }
                    }
                    #expect(outside.isEmpty, "\(widget.name) at \(width)x\(height) in \(areas) wrote outside: \(outside.prefix(5))")
                }
            }
        }
    }

    @Test func fullScreenAt80x24() {
        var state = Fixture.runningState(details: ["Adam lr 0.001"])
        state.apply(.epochDone(Fixture.summary(epoch: 2)))
        state.apply(.checkpointSaved(path: "lenet.ckpt", epoch: 2))
        let rows = DashboardView(glyphs: .unicode).render(state, width: 80, height: 24).rows()
        // 80 characters a row: no cell holds a character that joins its neighbour (a combining mark would).
        // (rows() has one string per buffer row by construction, so their count is not checked.)
        #expect(rows.allSatisfy { $0.count == 80 })
        #expect(rows[0] == Fixture.line("lenet-tui", "epoch 3/10  running  12,345 img/s  elapsed 01:23  ETA 04:09",
                                      width: 80))
        #expect(rows[1] == Fixture.line("Adam lr 0.001 · 6,400 train / 10,000 test images", "", width: 80))
        // 61 bar cells at 50%: 244 eighths = 30 full cells and a half cell.
        #expect(rows[2] == "batch  50/100 " + String(repeating: "█", count: 30) + "▌"
                         + String(repeating: "░", count: 30) + "  50%")
        #expect(rows[3] == "┌ train loss 0.1234 · since the start " + String(repeating: "─", count: 33) + " 0.2500 ┐")
        // One point (all equal): half of the 4 rows filled.
        #expect(rows[5] == "│" + String(repeating: " ", count: 78) + "│")
        #expect(rows[6] == "│█" + String(repeating: " ", count: 77) + "│")
        #expect(rows[7] == "│█" + String(repeating: " ", count: 77) + "│")
        #expect(rows[8] == "└" + String(repeating: "─", count: 51) + " a bar per 2 mini-batches ─┘")
        #expect(rows[9] == "┌ train acc 97.8% · ◆ test 97.12% · since the start " + String(repeating: "─", count: 20) + " 97.8% ┐")
        #expect(rows[16] == Fixture.line("│  epoch  train loss  train acc  test loss  test acc    img/s    time", "│", width: 80))
        #expect(rows[17] == Fixture.line("│   2/10      0.1234     96.51%     0.0987    97.12%    5,210   12.3s", "│", width: 80))
        #expect(rows[22] == Fixture.line("", "checkpoint saved: lenet.ckpt (epoch 2)", width: 80))
        #expect(rows[23] == "p pause  w whole run  d draw  tab panels  +/- lr  n network  ? more keys  q quit")
    }

    @Test func fullScreenAt120x40ShowsTheHeatmapAndThePadPreview() {
        var state = Fixture.runningState()
        state.apply(.epochDone(Fixture.summary(epoch: 3, matrix: HeatmapTests.partialMatrix())))
        state.apply(.finished(completed: true))
        let rows = DashboardView(glyphs: .ascii).render(state, width: 120, height: 40).trimmedRows()
        #expect(rows[3].suffix(48) == "+ confusion - epoch 3 - 91.36% ----------------+")
        #expect(String(rows[10].dropFirst(72)) == "|4                @@98                :::2 98.0|")
        #expect(String(rows[16].dropFirst(72)) == "|largest: true 7 -> predicted 2: 12            |")
        #expect(rows[21].suffix(48) == "+ draw - no model - d to draw -----------------+")
        #expect(rows[38] == "finished - press q to quit")
        #expect(rows[39] == "w whole run  d draw  tab panels  n network  ? help  q quit")
        #expect(rows.joined().allSatisfy { $0.isASCII })
    }
}
