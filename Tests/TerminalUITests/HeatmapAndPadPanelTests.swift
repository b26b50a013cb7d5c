import LeNetTraining
import Testing
@testable import TerminalUI

// MARK: - Pad panel

@Suite struct PadPanelTests {
    func padState() -> DashboardState {
        var state = DashboardState()
        state.padSources = [.checkpoint(name: "pretrained")]
        _ = state.handle(key: .character("d"))
        return state
    }

    func render(_ state: DashboardState, glyphs: GlyphSet = .unicode, width: Int = 48, height: Int = 17) -> CellBuffer {
        Fixture.render(width: width, height: height) { buffer, area in
            PadPanel(state: state, glyphs: glyphs).render(into: &buffer, area: area)
        }
    }

    @Test func emptyPadShowsAHintNotANumber() {
        let buffer = render(padState())
        #expect(buffer.trimmedRows() == [
            "┌ draw · pretrained ───────────────────────────┐",
            "│· · · · · · · · · · · · · ·   0              -│",
            "│· · · · · · · · · · · · · ·   1              -│",
            "│· · · · · · · · · · · · · ·   2              -│",
            "│· · · · · · · · · · · · · ·   3              -│",
            "│· · · · · · · · · · · · · ·   4              -│",
            "│· · · · · · · · · · · · · ·   5              -│",
            "│· · · · · · · · · · · · · ·   6              -│",
            "│· · · · · · ·   · · · · · ·   7              -│",
            "│· · · · · · · · · · · · · ·   8              -│",
            "│· · · · · · · · · · · · · ·   9              -│",
            "│· · · · · · · · · · · · · ·                   │",
            "│· · · · · · · · · · · · · ·   pen up          │",
            "│· · · · · · · · · · · · · ·   brush 2         │",
            "│· · · · · · · · · · · · · ·   cursor 14,14    │",
            "│space: pen down, arrows draw                  │",
            "└──────────────────────────────────────────────┘",
        ])
        #expect(buffer[15, 8].style.reverse, "the cursor cell (14, 14) is marked")
        #expect(!buffer.rows().joined().contains("nan"))
    }

    @Test func aDrawnOneAndItsPrediction() {
        var state = padState()
        for key: Key in [.character("["), .up, .up, .up, .up, .character(" ")] + Array(repeating: .down, count: 9) {
            _ = state.handle(key: key)
        }
        state.refreshPad { _, _ in (0..<10).map { $0 == 1 ? 0.955 : 0.005 } }
        #expect(render(state).trimmedRows() == [
            "┌ draw · pretrained ───────────────────────────┐",
            "│· · · · · · · · · · · · · ·   0             0%│",
            "│· · · · · · · · · · · · · ·   1 ████████▌  95%│",
            "│· · · · · · · · · · · · · ·   2             0%│",
            "│· · · · · · · · · · · · · ·   3             0%│",
            "│· · · · · · · · · · · · · ·   4             0%│",
            "│· · · · · · · █ · · · · · ·   5             0%│",
            "│· · · · · · · █ · · · · · ·   6             0%│",
            "│· · · · · · · █ · · · · · ·   7             0%│",
            "│· · · · · · · █ · · · · · ·   8             0%│",
            "│· · · · · · · █ · · · · · ·   9             0%│",
            "│· · · · · · · · · · · · · ·                   │",
            "│· · · · · · · · · · · · · ·   pen down        │",
            "│· · · · · · · · · · · · · ·   brush 1         │",
            "│· · · · · · · · · · · · · ·   cursor 14,19    │",
            "│prediction: 1 (95.5%)                         │",
            "└──────────────────────────────────────────────┘",
        ])
        // v: the 28x28 image the network sees (the stroke scaled to 20 rows, centred), no cursor.
        _ = state.handle(key: .character("v"))
        let view = render(state, glyphs: .ascii).trimmedRows()
        #expect(view[0] == "+ draw - pretrained - network's view ----------+")
        #expect(view[2] == "|                              1 ########   95%|")
        #expect(Array(view[3...12]).map { String($0.prefix(20)) } == Array(repeating: "|             @@    ", count: 10))
        #expect(view[13].prefix(20) == "|                   ")
    }

    @Test func narrowPanelListsTheLikeliestClassesUnderThePrediction() {
        var state = padState()
        _ = state.handle(key: .character(" "))
        state.refreshPad { _, _ in [0.01, 0.02, 0.05, 0.01, 0.01, 0.01, 0.01, 0.85, 0.02, 0.01] }
        let rows = render(state, width: 40, height: 18).trimmedRows()
        #expect(rows[15] == "│prediction: 7 (85.0%)                 │")
        #expect(rows[16] == "│7 85% · 2 5% · 1 2%                   │")
    }

    @Test func previewWhenThePadIsNotFocused() {
        var state = DashboardState()
        state.padSources = [.training]
        let rows = render(state).trimmedRows()
        #expect(rows[0] == "┌ draw · training, untrained · d to draw ──────┐")
        #expect(rows[15] == "│press d to draw a digit                       │")
    }

    /// The preview names the weights it reads with, as the open pad does: "d to draw" goes before them.
    @Test func previewTitleNamesTheWeightsAsTheOpenPadDoes() {
        var state = Fixture.runningState()
        state.padSources = [.checkpoint(name: "pretrained"), .training]
        #expect(render(state).trimmedRows()[0] == "┌ draw · pretrained · d to draw ───────────────┐")
        state.apply(.epochDone(Fixture.summary(epoch: 3)))
        state.apply(.batchDone(Fixture.progress(epoch: 4, batch: 561, batches: 938)))
        let preview = render(state).trimmedRows()[0]
        #expect(preview == "┌ draw · training, epoch 4, batch 561/938 ─────┐")
        _ = state.handle(key: .character("d"))
        #expect(render(state).trimmedRows()[0] == preview)
        let wide = Fixture.render(width: 70, height: 18) { buffer, area in
            PadPanel(state: state, glyphs: .unicode).render(into: &buffer, area: area)
        }.trimmedRows()[0]
        #expect(wide == "┌ draw · training weights, epoch 4, mini-batch 561 of 938 ───────────┐")
        _ = state.handle(key: .escape)
        let widePreview = Fixture.render(width: 80, height: 18) { buffer, area in
            PadPanel(state: state, glyphs: .unicode).render(into: &buffer, area: area)
        }.trimmedRows()[0]
        #expect(widePreview == "┌ draw · training weights, epoch 4, mini-batch 561 of 938 · d to draw ─────────┐")
    }

    @Test func fashionMNISTNamesWholeAndDrawAnItem() {
        var state = DashboardState(classNames: HeatmapTests.fashionNames)
        state.padSources = [.training]
        #expect(render(state).trimmedRows()[15] == "│press d to draw an item                       │")
        _ = state.handle(key: .character("d"))
        _ = state.handle(key: .character(" "))
        state.refreshPad { _, _ in [0.05, 0, 0.1, 0, 0.03, 0, 0.8, 0, 0.02, 0] }
        let rows = render(state).trimmedRows()
        // 16 columns beside the grid: the short names and no bar (never "T-s", "Pul", "Ank").
        #expect(rows[1...10].map { String($0.dropFirst(31)) } == [
            "0 T-shirt     5%│",
            "1 Trouser     0%│",
            "2 Pullover   10%│",
            "3 Dress       0%│",
            "4 Coat        3%│",
            "5 Sandal      0%│",
            "6 Shirt      80%│",
            "7 Sneaker     0%│",
            "8 Bag         2%│",
            "9 Boot        0%│",
        ])
        #expect(rows[15] == "│prediction: 6 Shirt (80.0%)                   │")
        // The whole body at 80x24: full names and bars.
        let wide = render(state, width: 80, height: 19).trimmedRows()
        #expect(String(wide[7].dropFirst(31)) == "6 Shirt       ███████████████████▏      80%     │")
        #expect(String(wide[1].dropFirst(31)) == "0 T-shirt/top █▏                         5%     │")
        // Too narrow for bars beside the grid: the three likeliest under the prediction, named in full.
        let narrow = render(state, width: 40, height: 18).trimmedRows()
        #expect(narrow[16] == "│6 Shirt 80% · 2 Pullover 10%          │")
    }

    @Test func twoColumnsPerPixelWhenThereIsRoom() {
        #expect(PadPanel.usesTwoColumns(innerWidth: 118, innerHeight: 33))
        #expect(!PadPanel.usesTwoColumns(innerWidth: 78, innerHeight: 18))
        var state = DashboardState(padOnly: true)
        _ = state.handle(key: .character(" "))
        let rows = render(state, width: 120, height: 31).trimmedRows()
        #expect(rows[15].prefix(60) == "│ · · · · · · · · · · · · · ·[]██ · · · · · · · · · · · ·   ")
        #expect(rows[16].prefix(60) == "│ · · · · · · · · · · · · · ·████ · · · · · · · · · · · ·   ")
    }
}

// MARK: - Help overlay

@Suite struct HelpOverlayTests {
    @Test func listsEveryKeyCentred() {
        let entries: [(keys: String, help: String)] = [("p", "pause"), ("q", "quit")]
        let buffer = Fixture.render(width: 30, height: 8) { buffer, area in
            buffer.fill(area, with: Cell("x"))
            HelpOverlay(entries: entries, glyphs: .ascii).render(into: &buffer, area: area)
        }
        #expect(buffer.rows() == [
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "xxxxxxxxx+ keys ----+xxxxxxxxx",
            "xxxxxxxxx|          |xxxxxxxxx",
            "xxxxxxxxx| p  pause |xxxxxxxxx",
            "xxxxxxxxx| q  quit  |xxxxxxxxx",
            "xxxxxxxxx|          |xxxxxxxxx",
            "xxxxxxxxx+----------+xxxxxxxxx",
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        ])
        // Every line fits an 80-column terminal: the widest keys, two spaces, the help, inside the box.
        let keyWidth = DashboardState.helpEntries.map(\.keys.count).max()!
        #expect(DashboardState.helpEntries.allSatisfy { keyWidth + 2 + $0.help.count <= 76 })
        #expect(DashboardState.helpEntries.count + 4 <= DashboardLayout.minimumHeight)
    }
}
