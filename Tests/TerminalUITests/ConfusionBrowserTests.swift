import LeNetTraining
import Testing
@testable import TerminalUI

// MARK: - Heatmap cell selection and the confusion browser

@Suite struct ConfusionBrowserStateTests {
    /// A state after one epoch with `HeatmapTests.partialMatrix()` (largest confusion 7→2: 12), browsing enabled.
    static func browsableState() -> DashboardState {
        var state = Fixture.runningState()
        state.apply(.epochDone(Fixture.summary(epoch: 1, matrix: HeatmapTests.partialMatrix())))
        state.canBrowse = true
        return state
    }

    static func example(_ index: Int, trueClass: Int = 7, predicted: Int = 2) -> ConfusionExample {
        var p = [Float](repeating: 0, count: 10)
        p[predicted] = 0.75
        p[trueClass] = trueClass == predicted ? 0.75 : 0.25
        return ConfusionExample(testIndex: index, trueClass: trueClass, predicted: predicted,
                                pixels: [UInt8](repeating: 0, count: 784), probabilities: p)
    }

    @Test func bStartsOnTheLargestConfusionAndArrowsMoveClamped() {
        var state = Self.browsableState()
        #expect(state.handle(key: .character("b")) == .redraw)
        #expect(state.focus == .heatmap)
        #expect(state.heatmapSelection == ConfusionCell(trueClass: 7, predicted: 2))
        #expect(state.handle(key: .up) == .redraw)
        #expect(state.handle(key: .right) == .redraw)
        #expect(state.heatmapSelection == ConfusionCell(trueClass: 6, predicted: 3))
        for _ in 0..<12 { _ = state.handle(key: .down) }
        for _ in 0..<12 { _ = state.handle(key: .left) }
        #expect(state.heatmapSelection == ConfusionCell(trueClass: 9, predicted: 0))
        #expect(state.handle(key: .left) == .none)
        #expect(state.logScroll == 0, "arrows move the cell, not the epoch log")
    }

    @Test func enterOpensTheBrowserStepsAndEscapeGoesBackTwice() {
        var state = Self.browsableState()
        _ = state.handle(key: .character("b"))
        let cell = ConfusionCell(trueClass: 7, predicted: 2)
        #expect(state.handle(key: .enter) == .loadConfusions(cell))
        #expect(state.browsing == ConfusionBrowsing(cell: cell, heatmapCount: 12, heatmapEpoch: 1))
        #expect(state.handle(key: .right) == .none, "nothing to step through before the images arrive")
        state.showConfusionExamples([Self.example(3), Self.example(40), Self.example(41)], for: cell)
        #expect(state.browsing?.current?.testIndex == 3)
        #expect(state.handle(key: .right) == .redraw)
        #expect(state.handle(key: .character("]")) == .redraw)
        #expect(state.browsing?.current?.testIndex == 41)
        #expect(state.handle(key: .right) == .none, "clamped at the last image")
        #expect(state.handle(key: .character("[")) == .redraw)
        #expect(state.handle(key: .left) == .redraw)
        #expect(state.browsing?.index == 0)
        #expect(state.handle(key: .character("p")) == .togglePause, "p still pauses while browsing")
        // Esc: browser -> cell selection (same cell) -> heatmap without selection -> training view.
        #expect(state.handle(key: .escape) == .redraw)
        #expect(state.browsing == nil)
        #expect(state.heatmapSelection == cell)
        #expect(state.handle(key: .escape) == .redraw)
        #expect(state.heatmapSelection == nil)
        #expect(state.focus == .heatmap)
        #expect(state.handle(key: .escape) == .redraw)
        #expect(state.focus == .training)
    }

    @Test func enterSelectsOnlyOnTheFocusedHeatmapAndBNeedsAMatrixAndAProvider() {
        var state = Self.browsableState()
        #expect(state.handle(key: .enter) == .none, "Enter on the training view does nothing")
        _ = state.handle(key: .tab)
        #expect(state.focus == .heatmap)
        #expect(state.handle(key: .enter) == .redraw)
        #expect(state.heatmapSelection == ConfusionCell(trueClass: 7, predicted: 2))
        _ = state.handle(key: .tab)  // leaving the heatmap ends the selection
        #expect(state.focus == .pad)
        #expect(state.heatmapSelection == nil)

        var noProvider = Self.browsableState()
        noProvider.canBrowse = false
        #expect(noProvider.handle(key: .character("b")) == .none)
        var noMatrix = Fixture.runningState()
        noMatrix.canBrowse = true
        #expect(noMatrix.handle(key: .character("b")) == .none)
    }

    @Test func enterOnAnEmptyCellOpensNothingAndTheTotalIsKept() {
        var state = Self.browsableState()
        _ = state.handle(key: .character("b"))
        _ = state.handle(key: .up)  // 6 → 2: empty in the heatmap
        #expect(state.heatmapSelection == ConfusionCell(trueClass: 6, predicted: 2))
        #expect(state.handle(key: .enter) == .none)
        #expect(state.browsing == nil)
        _ = state.handle(key: .down)
        #expect(state.handle(key: .enter) == .loadConfusions(ConfusionCell(trueClass: 7, predicted: 2)))
        state.showConfusionExamples([Self.example(3), Self.example(40)], total: 12, for: ConfusionCell(trueClass: 7, predicted: 2))
        #expect(state.browsing?.total == 12)
        state.showConfusionExamples([Self.example(3)], for: ConfusionCell(trueClass: 7, predicted: 2))
        #expect(state.browsing?.total == 1, "without a total: as many as found")
    }

    @Test func lateExamplesForAnotherCellAreIgnoredAndKeyHelpFollowsTheMode() {
        var state = Self.browsableState()
        #expect(state.keyHelp.contains { $0.label == "b" })
        _ = state.handle(key: .character("b"))
        #expect(state.keyHelp.first?.label == "←↑↓→")
        #expect(!(state.keyHelp.contains { $0.label == "b" }))
        _ = state.handle(key: .enter)
        #expect(state.keyHelp.first?.label == "←/→")
        state.showConfusionExamples([Self.example(1, trueClass: 4, predicted: 9)], for: ConfusionCell(trueClass: 4, predicted: 9))
        #expect(state.browsing?.examples == nil)
    }
}

@Suite struct ConfusionBrowserPanelTests {
    /// A 28x28 image: rows 4-7 columns 10-17 full ink, rows 8-9 columns 10-13 mid grey.
    static func pixels() -> [UInt8] {
        var p = [UInt8](repeating: 0, count: 784)
        for y in 4..<8 { for x in 10..<18 { p[y * 28 + x] = 255 } }
        for y in 8..<10 { for x in 10..<14 { p[y * 28 + x] = 128 } }
        return p
    }

    @Test func browserMonochromeImageBarsAndLines() {
        var probabilities = [Float](repeating: 0, count: 10)
        probabilities[9] = 0.875
        probabilities[4] = 0.125
        let example = ConfusionExample(testIndex: 1234, trueClass: 4, predicted: 9, pixels: Self.pixels(),
                                       probabilities: probabilities)
        let browsing = ConfusionBrowsing(cell: ConfusionCell(trueClass: 4, predicted: 9),
                                         examples: [ConfusionBrowserStateTests.example(0, trueClass: 4, predicted: 9),
                                                    ConfusionBrowserStateTests.example(1, trueClass: 4, predicted: 9),
                                                    example],
                                         index: 2)
        let buffer = Fixture.render(width: 48, height: 18) { buffer, area in
            ConfusionBrowserPanel(browsing: browsing, glyphs: .unicode).render(into: &buffer, area: area)
        }
        var moved = browsing
        moved.heatmapCount = 5
        moved.heatmapEpoch = 2
        let withNote = Fixture.render(width: 48, height: 19) { buffer, area in
            ConfusionBrowserPanel(browsing: moved, glyphs: .unicode).render(into: &buffer, area: area)
        }
        #expect(withNote.trimmedRows()[17] == "│heatmap (epoch 2): 5 · weights now: 3         │", "the weights moved on since the heatmap's epoch")
        #expect(buffer.trimmedRows() == [
            "┌ confusion browser ───────────────────────────┐",
            "│true 4 → predicted 9 · 3/3 · test 1234        │",
            "│                              0             0%│",
            "│                              1             0%│",
            "│          ████████            2             0%│",
            "│          ████████            3             0%│",
            "│          ▒▒▒▒                4*█▏         13%│",
            "│                              5             0%│",
            "│                              6             0%│",
            "│                              7             0%│",
            "│                              8             0%│",
            "│                              9 ███████▉   88%│",
            "│                                              │",
            "│                              * = true class  │",
            "│                                              │",
            "│                                              │",
            "│p(9) 87.5% · p(4) 12.5%                       │",
            "└──────────────────────────────────────────────┘",
        ])
    }

    @Test func browserInColourKeepsTheShapeInTheGlyphs() {
        let example = ConfusionExample(testIndex: 7, trueClass: 4, predicted: 4, pixels: Self.pixels(),
                                       probabilities: [Float](repeating: 0.1, count: 10))
        let buffer = Fixture.render(width: 48, height: 18) { buffer, area in
            ConfusionBrowserPanel(browsing: ConfusionBrowsing(cell: ConfusionCell(trueClass: 4, predicted: 4),
                                                              examples: [example]),
                                  glyphs: .unicode, depth: .extended).render(into: &buffer, area: area)
        }
        let rows = buffer.rows().map { Array($0) }
        #expect(String(rows[4][1...28]) == String(repeating: " ", count: 10) + String(repeating: "▀", count: 8)
                + String(repeating: " ", count: 10))
        #expect(String(rows[6][11...14]) == "▀▀▀▀")
        #expect(buffer[11, 6].style.foreground == .grey(13))
        #expect(buffer[11, 6].style.background == .grey(13))
        #expect(buffer.rows()[1].contains("true 4 → predicted 4 · image 1 of 1 · test index 7")
                || buffer.rows()[1].contains("true 4 → predicted 4 · 1/1 · test 7"))
        #expect(buffer.rows()[16].hasPrefix("│p(4) 10.0%   "), "no second probability on the diagonal")
        #expect(buffer.trimmedRows()[13] == "│" + String(repeating: " ", count: 46) + "│", "nothing marked: no legend")
    }

    @Test func browserWhileLoadingAndForAnEmptyCell() {
        let cell = ConfusionCell(trueClass: 3, predicted: 5)
        let loading = Fixture.render(width: 48, height: 4) { buffer, area in
            ConfusionBrowserPanel(browsing: ConfusionBrowsing(cell: cell), glyphs: .unicode).render(into: &buffer, area: area)
        }
        #expect(loading.trimmedRows()[1...2] == [
            "│true 3 → predicted 5                          │",
            "│classifying the test images…                  │",
        ])
        let empty = Fixture.render(width: 64, height: 4) { buffer, area in
            ConfusionBrowserPanel(browsing: ConfusionBrowsing(cell: cell, examples: []), glyphs: .unicode)
                .render(into: &buffer, area: area)
        }
        #expect(empty.trimmedRows()[1...2] == [
            "│true 3 → predicted 5 · no images                              │",
            "│no test images in this cell with the current weights          │",
        ])
        // At 120x40's width the explanation wraps instead of being cut, with the heatmap's count under it.
        let narrow = Fixture.render(width: 48, height: 7) { buffer, area in
            ConfusionBrowserPanel(browsing: ConfusionBrowsing(cell: cell, examples: [], heatmapCount: 2, heatmapEpoch: 4),
                                  glyphs: .unicode).render(into: &buffer, area: area)
        }
        #expect(narrow.trimmedRows()[1...5] == [
            "│true 3 → predicted 5 · no images              │",
            "│no test images in this cell with the current  │",
            "│weights                                       │",
            "│heatmap (epoch 4): 2 · weights now: 0         │",
            "│                                              │",
        ])
    }

    @Test func cappedCellSaysHowManyItShows() {
        let examples = (0..<50).map { ConfusionBrowserStateTests.example($0 * 7, trueClass: 1, predicted: 1) }
        var browsing = ConfusionBrowsing(cell: ConfusionCell(trueClass: 1, predicted: 1), examples: examples, total: 1128,
                                         heatmapCount: 1128, heatmapEpoch: 1)
        func render(_ b: ConfusionBrowsing, height: Int = 19) -> [String] {
            Fixture.render(width: 48, height: height) { buffer, area in
                ConfusionBrowserPanel(browsing: b, glyphs: .unicode).render(into: &buffer, area: area)
            }.trimmedRows()
        }
        #expect(render(browsing)[1] == "│true 1 → predicted 1 · 1/50 · test 0          │")
        #expect(render(browsing)[16...17] == [
            "│p(1) 75.0%                                    │",
            "│showing the first 50 of 1,128 images          │",
        ])
        // The weights moved on: 1,130 now. Both notes when there are rows for them, else the first.
        browsing.total = 1130
        #expect(render(browsing)[17] == "│showing the first 50 of 1,130 images          │")
        #expect(render(browsing, height: 21)[17...19] == [
            "│showing the first 50 of 1,130 images          │",
            "│heatmap (epoch 1): 1,128 · weights now: 1,130 │",
            "│                                              │",
        ])
    }

    @Test func fashionMNISTNamesShortenByDesign() {
        var probabilities = [Float](repeating: 0, count: 10)
        probabilities[0] = 0.625
        probabilities[6] = 0.375
        let example = ConfusionExample(testIndex: 4321, trueClass: 6, predicted: 0, pixels: Self.pixels(),
                                       probabilities: probabilities)
        let browsing = ConfusionBrowsing(cell: ConfusionCell(trueClass: 6, predicted: 0), examples: [example], total: 184)
        func render(width: Int) -> [String] {
            Fixture.render(width: width, height: 19) { buffer, area in
                ConfusionBrowserPanel(browsing: browsing, classNames: HeatmapTests.fashionNames, glyphs: .unicode)
                    .render(into: &buffer, area: area)
            }.trimmedRows()
        }
        let narrow = render(width: 48)
        #expect(narrow[1] == "│true 6 Shirt → predicted 0 T-shirt/top · 1/1  │")
        #expect(narrow[16] == "│p(0 T-shirt/top) 62.5% · p(6 Shirt) 37.5%     │")
        #expect(narrow[17] == "│showing the first 1 of 184 images             │")
        // Beside the image: short names without bars, the predicted class first, the true one marked.
        #expect(String(narrow[2].dropFirst(31)) == "0 T-shirt    63%│")
        #expect(String(narrow[8].dropFirst(31)) == "6 Shirt   *  38%│")
        #expect(String(narrow[13].dropFirst(31)) == "* = true class  │")
        #expect(render(width: 80)[1] ==
                Fixture.line("│true 6 Shirt → predicted 0 T-shirt/top · image 1 of 1 · test index 4321", "│", width: 80))
    }

    @Test func heatmapShowsTheSelectedCell() {
        let buffer = Fixture.render(width: 48, height: 14) { buffer, area in
            Heatmap(matrix: HeatmapTests.partialMatrix(), epoch: 1, glyphs: .unicode,
                    selection: ConfusionCell(trueClass: 7, predicted: 2)).render(into: &buffer, area: area)
        }
        let rows = buffer.trimmedRows()
        #expect(rows[9] == "│7        [▓12                ██50         80.6│")
        #expect(rows[1] == "│    0   1   2   3   4   5   6   7   8   9 rec%│", "14 rows: no room for the axis row")
        #expect(rows[12] == "│true 7 → predicted 2: 12 · Enter browses      │")
        #expect(buffer.styles(row: 9)[10].reverse)
    }

    @Test func dashboardAt120x40PutsTheBrowserUnderTheHeatmapAndAt80x24AloneInTheBody() {
        var state = ConfusionBrowserStateTests.browsableState()
        _ = state.handle(key: .character("b"))
        _ = state.handle(key: .enter)
        let wide = DashboardLayout(width: 120, height: 40, focus: state.focus, browsing: true)
        #expect(!wide.heatmap.isEmpty)
        #expect(wide.browser.y == wide.heatmap.maxY)
        #expect(wide.pad.isEmpty)
        let narrow = DashboardLayout(width: 80, height: 24, focus: state.focus, browsing: true)
        #expect(narrow.heatmap.isEmpty)
        #expect(narrow.browser.height >= 17)
        let text = DashboardView(glyphs: .unicode).render(state, width: 80, height: 24).trimmedRows().joined(separator: "\n")
        #expect(text.contains("confusion browser"))
        #expect(text.contains("true 7 → predicted 2"))
    }
}
