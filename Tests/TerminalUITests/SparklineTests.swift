import XCTest
@testable import TerminalUI

final class SparklineTests: XCTestCase {
    private func spark(_ values: [Double], width: Int = 8, height: Int = 1, glyphs: GlyphSet = .unicode) -> [String] {
        Fixture.render(width: width, height: height) { buffer, area in
            Sparkline(values: values, glyphs: glyphs).render(into: &buffer, area: area)
        }.rows()
    }

    func testEmptySeriesDrawsNothing() {
        XCTAssertEqual(spark([]), ["        "])
    }

    func testSinglePointIsHalfHeight() {
        XCTAssertEqual(spark([0.7]), ["▄       "])
    }

    func testAllEqualValuesAreAFlatLineAtHalfHeight() {
        XCTAssertEqual(spark([3, 3, 3]), ["▄▄▄     "])
        XCTAssertEqual(spark([3, 3], height: 2), ["        ", "██      "])
    }

    func testAllZeroIsTheLowestLevel() {
        XCTAssertEqual(spark([0, 0]), ["▁▁      "])
    }

    func testRisingSeriesUsesEveryLevel() {
        XCTAssertEqual(spark([0, 1, 2, 3, 4, 5, 6, 7]), ["▁▂▃▄▅▆▇█"])
        XCTAssertEqual(spark([0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2]), ["▁▂▃▄▅▆▇█"])
    }

    func testFallingSeriesWithNegativeValues() {
        XCTAssertEqual(spark([1, -1], width: 2), ["█▁"])
    }

    func testAsciiGlyphs() {
        XCTAssertEqual(spark([0, 1, 2, 3, 4, 5, 6, 7], glyphs: .ascii), ["_.-=+*#@"])
        XCTAssertEqual(spark([2, 2], width: 3, glyphs: .ascii), ["== "])
        XCTAssertEqual(spark([0, 0], width: 3, glyphs: .ascii), ["__ "])
    }

    func testLongSeriesShowsTheNewestValuesScaledToThatWindow() {
        // 0...9 in 8 columns: 2...9 visible, scaled 2..9, so the old 0 and 1 do not flatten the chart.
        XCTAssertEqual(spark((0...9).map(Double.init)), ["▁▂▃▄▅▆▇█"])
        XCTAssertEqual(Sparkline.range(of: (0...9).map(Double.init), width: 8)?.min, 2)
    }

    func testMultiRowBars() {
        // 2 rows x 8 levels = 16 steps: 0 -> 1 step, 1 -> 1 + round(7.5) = 9 steps, 2 -> 16 steps.
        XCTAssertEqual(spark([0, 1, 2], width: 3, height: 2), [" ▁█", "▁██"])
        XCTAssertEqual(spark([0, 1, 2], width: 3, height: 2, glyphs: .ascii), [" _@", "_@@"])
    }

    func testNonFiniteValuesLeaveAGap() {
        XCTAssertEqual(spark([0, .nan, 1, .infinity], width: 5), ["▁ █  "])
        XCTAssertEqual(spark([.nan], width: 2), ["  "])
    }

    func testTinyAreas() {
        XCTAssertEqual(spark([1, 2, 3], width: 1), ["▄"])
        XCTAssertEqual(spark([1, 2, 3], width: 0, height: 1), [""])
    }

    private func panel(_ values: [Double], title: String) -> [String] {
        Fixture.render(width: 30, height: 3) { buffer, area in
            SparklinePanel(title: title, values: values, style: .accent, glyphs: .unicode) {
                Format.fixed($0, digits: 2)
            }.render(into: &buffer, area: area)
        }.rows()
    }

    func testSparklinePanelShowsTheVisibleRange() {
        XCTAssertEqual(panel([1, 0], title: "loss 0.50"), [
            "┌ loss 0.50 ───── 0.00..1.00 ┐",
            "│█▁                          │",
            "└────────────────────────────┘",
        ])
    }

    func testSparklinePanelWithoutData() {
        XCTAssertEqual(panel([], title: "loss"), [
            "┌ loss ──────────────────────┐",
            "│        no data yet         │",
            "└────────────────────────────┘",
        ])
    }

    func testTheFootnoteMovesLeftOfAnEpochLabelNearTheRightEnd() {
        let rows = Fixture.render(width: 50, height: 3) { buffer, area in
            SparklinePanel(title: "loss", values: Array(repeating: 1, count: 40), style: .accent, glyphs: .unicode,
                           epochStarts: [(column: 30, epoch: 4)], footnote: "a bar per 23 mini-batches") {
                Format.fixed($0, digits: 1)
            }.render(into: &buffer, area: area)
        }.rows()
        XCTAssertEqual(rows[2], "└── a bar per 23 mini-batches ─epoch 4───────────┘")
        XCTAssertEqual(rows[1], "│" + String(repeating: "▄", count: 30) + "▄" + String(repeating: "▄", count: 9) + "        │")
    }

    func testPanelDropsTheNoteWhenTitleAndNoteDoNotFit() {
        let rows = Fixture.render(width: 16, height: 2) { buffer, area in
            Panel(title: "training loss", note: "0.00..1.00", glyphs: .ascii).render(into: &buffer, area: area)
        }.rows()
        XCTAssertEqual(rows, ["+ training ... +", "+--------------+"])
    }
}
