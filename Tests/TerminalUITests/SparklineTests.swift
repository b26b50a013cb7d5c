import Testing
@testable import TerminalUI

@Suite struct SparklineTests {
    private func spark(_ values: [Double], width: Int = 8, height: Int = 1, glyphs: GlyphSet = .unicode) -> [String] {
        Fixture.render(width: width, height: height) { buffer, area in
            Sparkline(values: values, glyphs: glyphs).render(into: &buffer, area: area)
        }.rows()
    }

    @Test func emptySeriesDrawsNothing() {
        #expect(spark([]) == ["        "])
    }

    @Test func singlePointIsHalfHeight() {
        #expect(spark([0.7]) == ["▄       "])
    }

    @Test func allEqualValuesAreAFlatLineAtHalfHeight() {
        #expect(spark([3, 3, 3]) == ["▄▄▄     "])
        #expect(spark([3, 3], height: 2) == ["        ", "██      "])
    }

    @Test func allZeroIsTheLowestLevel() {
        #expect(spark([0, 0]) == ["▁▁      "])
    }

    @Test func risingSeriesUsesEveryLevel() {
        #expect(spark([0, 1, 2, 3, 4, 5, 6, 7]) == ["▁▂▃▄▅▆▇█"])
        #expect(spark([0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2]) == ["▁▂▃▄▅▆▇█"])
    }

    @Test func fallingSeriesWithNegativeValues() {
        #expect(spark([1, -1], width: 2) == ["█▁"])
    }

    @Test func asciiGlyphs() {
        #expect(spark([0, 1, 2, 3, 4, 5, 6, 7], glyphs: .ascii) == ["_.-=+*#@"])
        #expect(spark([2, 2], width: 3, glyphs: .ascii) == ["== "])
        #expect(spark([0, 0], width: 3, glyphs: .ascii) == ["__ "])
    }

    @Test func longSeriesShowsTheNewestValuesScaledToThatWindow() {
        // 0...9 in 8 columns: 2...9 visible, scaled 2..9, so the old 0 and 1 do not flatten the chart.
        #expect(spark((0...9).map(Double.init)) == ["▁▂▃▄▅▆▇█"])
        #expect(Sparkline.range(of: (0...9).map(Double.init), width: 8)?.min == 2)
    }

    @Test func multiRowBars() {
        // 2 rows x 8 levels = 16 steps: 0 -> 1 step, 1 -> 1 + round(7.5) = 9 steps, 2 -> 16 steps.
        #expect(spark([0, 1, 2], width: 3, height: 2) == [" ▁█", "▁██"])
        #expect(spark([0, 1, 2], width: 3, height: 2, glyphs: .ascii) == [" _@", "_@@"])
    }

    @Test func nonFiniteValuesLeaveAGap() {
        #expect(spark([0, .nan, 1, .infinity], width: 5) == ["▁ █  "])
        #expect(spark([.nan], width: 2) == ["  "])
    }

    @Test func tinyAreas() {
        #expect(spark([1, 2, 3], width: 1) == ["▄"])
        #expect(spark([1, 2, 3], width: 0, height: 1) == [""])
    }

    private func panel(_ values: [Double], title: String) -> [String] {
        Fixture.render(width: 30, height: 3) { buffer, area in
            SparklinePanel(title: title, values: values, style: .accent, glyphs: .unicode) {
                Format.fixed($0, digits: 2)
            }.render(into: &buffer, area: area)
        }.rows()
    }

    @Test func sparklinePanelShowsTheVisibleRange() {
        #expect(panel([1, 0], title: "loss 0.50") == [
            "┌ loss 0.50 ───── 0.00..1.00 ┐",
            "│█▁                          │",
            "└────────────────────────────┘",
        ])
    }

    @Test func sparklinePanelWithoutData() {
        #expect(panel([], title: "loss") == [
            "┌ loss ──────────────────────┐",
            "│        no data yet         │",
            "└────────────────────────────┘",
        ])
    }

    @Test func theFootnoteMovesLeftOfAnEpochLabelNearTheRightEnd() {
        let rows = Fixture.render(width: 50, height: 3) { buffer, area in
            SparklinePanel(title: "loss", values: Array(repeating: 1, count: 40), style: .accent, glyphs: .unicode,
                           epochStarts: [(column: 30, epoch: 4)], footnote: "a bar per 23 mini-batches") {
                Format.fixed($0, digits: 1)
            }.render(into: &buffer, area: area)
        }.rows()
        #expect(rows[2] == "└── a bar per 23 mini-batches ─epoch 4───────────┘")
        #expect(rows[1] == "│" + String(repeating: "▄", count: 30) + "▄" + String(repeating: "▄", count: 9) + "        │")
    }

    @Test func panelDropsTheNoteWhenTitleAndNoteDoNotFit() {
        let rows = Fixture.render(width: 16, height: 2) { buffer, area in
            Panel(title: "training loss", note: "0.00..1.00", glyphs: .ascii).render(into: &buffer, area: area)
        }.rows()
        #expect(rows == ["+ training ... +", "+--------------+"])
    }
}
