import LeNetTraining
import XCTest
@testable import TerminalUI

// MARK: - Heatmap

final class HeatmapTests: XCTestCase {
    /// 4: 98 right, 2 read as 9; 7: 50 right, 12 read as 2. Other rows empty.
    static func partialMatrix() -> ConfusionMatrix {
        var m = ConfusionMatrix()
        for _ in 0..<98 { m.record(trueClass: 4, predicted: 4) }
        for _ in 0..<2 { m.record(trueClass: 4, predicted: 9) }
        for _ in 0..<50 { m.record(trueClass: 7, predicted: 7) }
        for _ in 0..<12 { m.record(trueClass: 7, predicted: 2) }
        return m
    }

    func render(_ m: ConfusionMatrix?, width: Int = 48, height: Int = 14, glyphs: GlyphSet = .unicode,
                depth: ColorDepth = .monochrome) -> CellBuffer {
        Fixture.render(width: width, height: height) { buffer, area in
            Heatmap(matrix: m, epoch: m == nil ? nil : 1, glyphs: glyphs, depth: depth).render(into: &buffer, area: area)
        }
    }

    func testEmptyBeforeTheFirstEpoch() {
        XCTAssertEqual(render(nil, height: 4).trimmedRows(), [
            "┌ confusion ───────────────────────────────────┐",
            "│test-set confusion after the first epoch…     │",
            "│                                              │",
            "└──────────────────────────────────────────────┘",
        ])
    }

    func testPartialMatrixMonochromeShadesCountsAndAccuracy() {
        XCTAssertEqual(render(Self.partialMatrix()).trimmedRows(), [
            "┌ confusion · epoch 1 · 91.36% ────────────────┐",
            "│    0   1   2   3   4   5   6   7   8   9  acc│",
            "│0                                            -│",
            "│1                                            -│",
            "│2                                            -│",
            "│3                                            -│",
            "│4                ██98                ▒▒▒2 98.0│",
            "│5                                            -│",
            "│6                                            -│",
            "│7        ▓▓12                ██50         80.6│",
            "│8                                            -│",
            "│9                                            -│",
            "│largest: 7→2: 12 · 4→9: 2                     │",
            "└──────────────────────────────────────────────┘",
        ])
    }

    func testNarrowAsciiKeepsEveryColumnWithShades() {
        XCTAssertEqual(render(Self.partialMatrix(), width: 30, glyphs: .ascii).trimmedRows()[6...10], [
            "|4        @@        :2 98.0  |",
            "|5                        -  |",
            "|6                        -  |",
            "|7    ##        @@     80.6  |",
            "|8                        -  |",
        ])
    }

    func testFullMatrixInColourUsesTheRamp() {
        var m = ConfusionMatrix()
        for r in 0..<10 {
            for c in 0..<10 {
                for _ in 0..<(r == c ? 1000 + r * 13 : (r + c) % 7 == 0 ? 3 : 0) { m.record(trueClass: r, predicted: c) }
            }
        }
        let buffer = render(m, depth: .extended)
        let rows = buffer.trimmedRows()
        // 4-digit diagonals do not fit a 4-column cell with a space: colour only.
        XCTAssertEqual(rows[2], "│0                               3         99.7│")
        XCTAssertEqual(rows[3], "│1                           3             99.7│")
        XCTAssertEqual(rows[11], "│9                       3                 99.7│")
        // Diagonal: the brightest step; a 0.3% confusion: a low step; zero: no colour.
        let steps = HeatRamp.steps(for: .extended)
        XCTAssertEqual(buffer[2, 2].style.background, .heat(steps - 1))
        XCTAssertEqual(buffer[2, 2].style.foreground, .heatText(steps - 1))
        let low = HeatRamp.step(share: 3.0 / 1006, steps: steps)
        XCTAssertEqual(buffer[30, 2].style.background, .heat(low))
        XCTAssertTrue((1..<steps - 1).contains(low))
        XCTAssertEqual(buffer[6, 2].style.background, .heat(0))
    }

    func testRampSteps() {
        XCTAssertEqual(HeatRamp.steps(for: .extended), 13)
        XCTAssertEqual(HeatRamp.steps(for: .basic), 5)
        XCTAssertEqual(HeatRamp.step(share: 0, steps: 13), 0)
        XCTAssertEqual(HeatRamp.step(share: 1, steps: 13), 12)
        XCTAssertEqual(HeatRamp.step(share: 0.001, steps: 13), 2)
        XCTAssertLessThan(HeatRamp.step(share: 0.01, steps: 13), HeatRamp.step(share: 0.1, steps: 13))
        XCTAssertEqual(HeatRamp.step(share: .nan, steps: 13), 0)
    }

    func testGeometryShrinksWithTheWidth() {
        XCTAssertEqual(Heatmap.geometry(width: 78).cell, 5)
        XCTAssertEqual(Heatmap.geometry(width: 46).cell, 4)
        XCTAssertEqual(Heatmap.geometry(width: 46).label, 1)
        XCTAssertEqual(Heatmap.geometry(width: 38).cell, 3)
        XCTAssertEqual(Heatmap.geometry(width: 12).cell, 1)
    }
}

// MARK: - Pad panel

final class PadPanelTests: XCTestCase {
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

    func testEmptyPadShowsAHintNotANumber() {
        let buffer = render(padState())
        XCTAssertEqual(buffer.trimmedRows(), [
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
        XCTAssertTrue(buffer[15, 8].style.reverse, "the cursor cell (14, 14) is marked")
        XCTAssertFalse(buffer.rows().joined().contains("nan"))
    }

    func testADrawnOneAndItsPrediction() {
        var state = padState()
        for key: Key in [.character("["), .up, .up, .up, .up, .character(" ")] + Array(repeating: .down, count: 9) {
            _ = state.handle(key: key)
        }
        state.refreshPad { _, _ in (0..<10).map { $0 == 1 ? 0.955 : 0.005 } }
        XCTAssertEqual(render(state).trimmedRows(), [
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
        XCTAssertEqual(view[0], "+ draw - pretrained - network's view ----------+")
        XCTAssertEqual(view[2], "|                              1 ########   95%|")
        XCTAssertEqual(Array(view[3...12]).map { String($0.prefix(20)) }, Array(repeating: "|             @@    ", count: 10))
        XCTAssertEqual(view[13].prefix(20), "|                   ")
    }

    func testNarrowPanelListsTheLikeliestClassesUnderThePrediction() {
        var state = padState()
        _ = state.handle(key: .character(" "))
        state.refreshPad { _, _ in [0.01, 0.02, 0.05, 0.01, 0.01, 0.01, 0.01, 0.85, 0.02, 0.01] }
        let rows = render(state, width: 40, height: 18).trimmedRows()
        XCTAssertEqual(rows[15], "│prediction: 7 (85.0%)                 │")
        XCTAssertEqual(rows[16], "│7 85% · 2 5% · 1 2%                   │")
    }

    func testPreviewWhenThePadIsNotFocused() {
        var state = DashboardState()
        state.padSources = [.training]
        let rows = render(state).trimmedRows()
        XCTAssertEqual(rows[0], "┌ draw pad · d to draw ────────────────────────┐")
        XCTAssertEqual(rows[15], "│press d to draw a digit                       │")
    }

    func testTwoColumnsPerPixelWhenThereIsRoom() {
        XCTAssertTrue(PadPanel.usesTwoColumns(innerWidth: 118, innerHeight: 33))
        XCTAssertFalse(PadPanel.usesTwoColumns(innerWidth: 78, innerHeight: 18))
        var state = DashboardState(padOnly: true)
        _ = state.handle(key: .character(" "))
        let rows = render(state, width: 120, height: 31).trimmedRows()
        XCTAssertEqual(rows[15].prefix(60), "│ · · · · · · · · · · · · · ·[]██ · · · · · · · · · · · ·   ")
        XCTAssertEqual(rows[16].prefix(60), "│ · · · · · · · · · · · · · ·████ · · · · · · · · · · · ·   ")
    }
}

// MARK: - Help overlay

final class HelpOverlayTests: XCTestCase {
    func testListsEveryKeyCentred() {
        let entries: [(keys: String, help: String)] = [("p", "pause"), ("q", "quit")]
        let buffer = Fixture.render(width: 30, height: 8) { buffer, area in
            buffer.fill(area, with: Cell("x"))
            HelpOverlay(entries: entries, glyphs: .ascii).render(into: &buffer, area: area)
        }
        XCTAssertEqual(buffer.rows(), [
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
        XCTAssertTrue(DashboardState.helpEntries.allSatisfy { keyWidth + 2 + $0.help.count <= 76 })
        XCTAssertLessThanOrEqual(DashboardState.helpEntries.count + 4, DashboardLayout.minimumHeight)
    }
}
