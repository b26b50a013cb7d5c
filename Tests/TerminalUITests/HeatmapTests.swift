import LeNetTraining
import Testing
@testable import TerminalUI

// MARK: - Heatmap

@Suite struct HeatmapTests {
    /// 4: 98 right, 2 read as 9; 7: 50 right, 12 read as 2. Other rows empty.
    static func partialMatrix() -> ConfusionMatrix {
        matrix([4: [4: 98, 9: 2], 7: [7: 50, 2: 12]])
    }

    static func matrix(_ cells: [Int: [Int: Int]]) -> ConfusionMatrix {
        var m = ConfusionMatrix()
        for (r, row) in cells { for (c, count) in row { for _ in 0..<count { m.record(trueClass: r, predicted: c) } } }
        return m
    }

    static func matrix(_ rows: [[Int]]) -> ConfusionMatrix {
        var cells: [Int: [Int: Int]] = [:]
        for (r, row) in rows.enumerated() { for (c, count) in row.enumerated() { cells[r, default: [:]][c] = count } }
        return matrix(cells)
    }

    /// MNIST's test set after the first epoch of `lenet-tui train --seed 1` (97.71%): four diagonals of
    /// 1,000 or more (1, 2, 3 of them here, 7).
    static let mnistEpoch1 = matrix([
        [976, 0, 0, 0, 1, 1, 1, 1, 0, 0],
        [0, 1128, 2, 0, 0, 1, 0, 2, 2, 0],
        [7, 2, 1014, 3, 0, 0, 0, 4, 2, 0],
        [1, 0, 1, 991, 0, 9, 0, 4, 3, 1],
        [1, 0, 2, 0, 976, 0, 0, 2, 1, 0],
        [2, 0, 0, 4, 0, 882, 3, 1, 0, 0],
        [11, 3, 1, 0, 5, 5, 933, 0, 0, 0],
        [2, 2, 12, 2, 0, 0, 0, 1007, 1, 2],
        [15, 2, 7, 7, 3, 7, 3, 7, 917, 6],
        [6, 6, 0, 3, 25, 7, 0, 13, 2, 947],
    ])

    /// Fashion-MNIST's test set after the first epoch of `lenet-tui train --dataset fashion-mnist --seed 1`
    /// (84.71%).
    static let fashionEpoch1 = matrix([
        [833, 0, 30, 31, 7, 0, 86, 0, 13, 0],
        [6, 963, 3, 15, 8, 0, 4, 0, 1, 0],
        [19, 1, 847, 4, 85, 0, 40, 0, 4, 0],
        [36, 9, 24, 823, 76, 0, 28, 0, 4, 0],
        [1, 0, 181, 13, 762, 0, 40, 0, 3, 0],
        [1, 0, 0, 1, 0, 907, 0, 39, 33, 19],
        [184, 1, 199, 21, 88, 0, 487, 0, 20, 0],
        [0, 0, 0, 0, 0, 21, 0, 933, 5, 41],
        [2, 1, 10, 4, 4, 1, 13, 2, 962, 1],
        [0, 0, 0, 0, 0, 5, 0, 40, 1, 954],
    ])

    static let fashionNames = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                               "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]

    func render(_ m: ConfusionMatrix?, width: Int = 48, height: Int = 18, classNames: [String] = (0..<10).map(String.init),
                glyphs: GlyphSet = .unicode, depth: ColorDepth = .monochrome, selection: ConfusionCell? = nil) -> CellBuffer {
        Fixture.render(width: width, height: height) { buffer, area in
            Heatmap(matrix: m, epoch: m == nil ? nil : 1, classNames: classNames, glyphs: glyphs, depth: depth,
                    selection: selection).render(into: &buffer, area: area)
        }
    }

    @Test func emptyBeforeTheFirstEpoch() {
        #expect(render(nil, height: 4).trimmedRows() == [
            "┌ confusion ───────────────────────────────────┐",
            "│test-set confusion after the first epoch…     │",
            "│                                              │",
            "└──────────────────────────────────────────────┘",
        ])
    }

    /// The heatmap's panel at 120x40 (48x18 beside the pad): every count, 4-digit diagonals included,
    /// axis labels, the recall column, the largest confusions worded true → predicted.
    @Test func at120x40EveryCountShowsWithAxesAndRecall() {
        #expect(DashboardLayout(width: 120, height: 40).heatmap == Rect(x: 72, y: 3, width: 48, height: 18))
        #expect(render(Self.mnistEpoch1).trimmedRows() == [
            "┌ confusion · epoch 1 · 97.71% ────────────────┐",
            "│true           predicted →                    │",
            "│↓   0   1   2   3   4   5   6   7   8   9 rec%│",
            "│0█976            ░░░1░░░1░░░1░░░1         99.6│",
            "│1    1128░░░2        ░░░1    ░░░2░░░2     99.4│",
            "│2▒▒▒7░░2░1014▒▒▒3            ▒▒▒4░░░2     98.3│",
            "│3░░░1    ░░░1█991    ▒▒▒9    ▒▒▒4▒▒▒3░░░1 98.1│",
            "│4░░░1    ░░░2    █976        ░░░2░░░1     99.4│",
            "│5▒▒▒2        ▒▒▒4    █882▒▒▒3░░░1         98.9│",
            "│6▒▒11▒▒▒3░░░1    ▒▒▒5▒▒▒5█933             97.4│",
            "│7░░░2░░░2▒▒12░░░2            1007░░░1░░░2 98.0│",
            "│8▒▒15░░░2▒▒▒7▒▒▒7▒▒▒3▒▒▒7▒▒▒3▒▒▒7█917▒▒▒6 94.1│",
            "│9▒▒▒6▒▒▒6    ▒▒▒3▒▒25▒▒▒7    ▒▒13░░░2█947 93.9│",
            "│largest: true 9 → predicted 4: 25             │",
            "│         true 8 → predicted 0: 15             │",
            "│         true 9 → predicted 7: 13             │",
            "│rec% = recall: correct / images in the row    │",
            "└──────────────────────────────────────────────┘",
        ])
    }

    /// At 100x30 the heatmap has the whole side column (48x25): the same matrix, and room for the note on
    /// the shades.
    @Test func at100x30TheSameCountsAndBothNotes() {
        #expect(DashboardLayout(width: 100, height: 30).heatmap == Rect(x: 52, y: 3, width: 48, height: 25))
        let rows = render(Self.mnistEpoch1, height: 25).trimmedRows()
        #expect(rows[0...12] == render(Self.mnistEpoch1).trimmedRows()[0...12])
        #expect(rows[13...18] == [
            "│largest: true 9 → predicted 4: 25             │",
            "│         true 8 → predicted 0: 15             │",
            "│         true 9 → predicted 7: 13             │",
            "│rec% = recall: correct / images in the row    │",
            "│shade: share of the row's images, log scale   │",
            "│                                              │",
        ])
    }

    /// At 80x24 the heatmap is the body (tab): 6-column cells, `recall %`, two confusions a line.
    @Test func at80x24WiderCellsAndTwoConfusionsALine() {
        #expect(DashboardLayout(width: 80, height: 24, focus: .heatmap).heatmap == Rect(x: 0, y: 3, width: 80, height: 19))
        #expect(render(Self.mnistEpoch1, width: 80, height: 19).trimmedRows() == [
            "┌ confusion · epoch 1 · 97.71% ────────────────────────────────────────────────┐",
            "│true                      predicted →                                         │",
            "│↓      0     1     2     3     4     5     6     7     8     9 recall %       │",
            "│0 ███976                  ░░░░░1░░░░░1░░░░░1░░░░░1                 99.6       │",
            "│1       ██1128░░░░░2            ░░░░░1      ░░░░░2░░░░░2           99.4       │",
            "│2 ▒▒▒▒▒7░░░░░2██1014▒▒▒▒▒3                  ▒▒▒▒▒4░░░░░2           98.3       │",
            "│3 ░░░░░1      ░░░░░1███991      ▒▒▒▒▒9      ▒▒▒▒▒4▒▒▒▒▒3░░░░░1     98.1       │",
            "│4 ░░░░░1      ░░░░░2      ███976            ░░░░░2░░░░░1           99.4       │",
            "│5 ▒▒▒▒▒2            ▒▒▒▒▒4      ███882▒▒▒▒▒3░░░░░1                 98.9       │",
            "│6 ▒▒▒▒11▒▒▒▒▒3░░░░░1      ▒▒▒▒▒5▒▒▒▒▒5███933                       97.4       │",
            "│7 ░░░░░2░░░░░2▒▒▒▒12░░░░░2                  ██1007░░░░░1░░░░░2     98.0       │",
            "│8 ▒▒▒▒15░░░░░2▒▒▒▒▒7▒▒▒▒▒7▒▒▒▒▒3▒▒▒▒▒7▒▒▒▒▒3▒▒▒▒▒7███917▒▒▒▒▒6     94.1       │",
            "│9 ▒▒▒▒▒6▒▒▒▒▒6      ▒▒▒▒▒3▒▒▒▒25▒▒▒▒▒7      ▒▒▒▒13░░░░░2███947     93.9       │",
            "│largest: true 9 → predicted 4: 25 · true 8 → predicted 0: 15                  │",
            "│         true 9 → predicted 7: 13 · true 7 → predicted 2: 12                  │",
            "│recall % = correct / images in the row                                        │",
            "│shade: share of the row's images, log scale                                   │",
            "│                                                                              │",
            "└──────────────────────────────────────────────────────────────────────────────┘",
        ])
    }

    /// Fashion-MNIST: indices on both axes and in the largest-confusions line, and a legend of the indices'
    /// names under it; at 80 columns the confusions name the classes too.
    @Test func fashionMNISTIndicesWithALegend() {
        #expect(render(Self.fashionEpoch1, classNames: Self.fashionNames).trimmedRows() == [
            "┌ confusion · epoch 1 · 84.71% ────────────────┐",
            "│true           predicted →                    │",
            "│↓   0   1   2   3   4   5   6   7   8   9 rec%│",
            "│0█833    ▒▒30▓▓31▒▒▒7    ▓▓86    ▒▒13     83.3│",
            "│1▒▒▒6█963▒▒▒3▒▒15▒▒▒8    ▒▒▒4    ░░░1     96.3│",
            "│2▒▒19░░░1█847▒▒▒4▓▓85    ▓▓40    ▒▒▒4     84.7│",
            "│3▓▓36▒▒▒9▒▒24█823▓▓76    ▒▒28    ▒▒▒4     82.3│",
            "│4░░░1    ▓181▒▒13█762    ▓▓40    ▒▒▒3     76.2│",
            "│5░░░1        ░░░1    █907    ▓▓39▓▓33▒▒19 90.7│",
            "│6▓184░░░1▓199▒▒21▓▓88    █487    ▒▒20     48.7│",
            "│7                    ▒▒21    █933▒▒▒5▓▓41 93.3│",
            "│8░░░2░░░1▒▒10▒▒▒4▒▒▒4░░░1▒▒13░░░2█962░░░1 96.2│",
            "│9                    ▒▒▒5    ▓▓40░░░1█954 95.4│",
            "│largest: true 6 → predicted 2: 199            │",
            "│0 T-shirt/top  1 Trouser  2 Pullover  3 Dress │",
            "│4 Coat  5 Sandal  6 Shirt  7 Sneaker  8 Bag   │",
            "│9 Ankle boot                                  │",
            "└──────────────────────────────────────────────┘",
        ])
        let wide = render(Self.fashionEpoch1, width: 80, height: 19, classNames: Self.fashionNames).trimmedRows()
        #expect(wide[2] == "│↓      0     1     2     3     4     5     6     7     8     9 recall %       │")
        #expect(wide[13...17] == [
            "│largest: true 6 Shirt → predicted 2 Pullover: 199                             │",
            "│         true 6 Shirt → predicted 0 T-shirt/top: 184                          │",
            "│0 T-shirt/top  1 Trouser  2 Pullover  3 Dress  4 Coat  5 Sandal  6 Shirt      │",
            "│7 Sneaker  8 Bag  9 Ankle boot                                                │",
            "│recall % = correct / images in the row                                        │",
        ])
        // Beside the browser (16 rows) there is no room for the legend: the line stays, the legend goes.
        let short = render(Self.fashionEpoch1, height: 16, classNames: Self.fashionNames).trimmedRows()
        #expect(short[13...14] == [
            "│largest: true 6 → predicted 2: 199            │",
            "│rec% = recall: correct / images in the row    │",
        ])
    }

    @Test func selectedCellNamesItsExactCountOrSaysItIsEmpty() {
        let diagonal = render(Self.mnistEpoch1, selection: ConfusionCell(trueClass: 1, predicted: 1)).trimmedRows()
        #expect(diagonal[4] == "│1    1128░░░2        ░░░1    ░░░2░░░2     99.4│", "a count filling its cell is not bracketed over")
        #expect(Array(render(Self.mnistEpoch1, selection: ConfusionCell(trueClass: 1, predicted: 1)).styles(row: 4)[6...9])
            .allSatisfy { $0.reverse })
        #expect(diagonal[13] == "│true 1 → predicted 1: 1,128 · Enter browses   │")
        let wide = render(Self.mnistEpoch1, width: 80, height: 19, selection: ConfusionCell(trueClass: 1, predicted: 1))
        #expect(wide.trimmedRows()[13] == Fixture.line("│true 1 → predicted 1: 1,128 images · Enter browses", "│", width: 80))
        let browsing = Fixture.render(width: 48, height: 16) { buffer, area in
            Heatmap(matrix: Self.mnistEpoch1, epoch: 1, glyphs: .unicode, selection: ConfusionCell(trueClass: 1, predicted: 1),
                    offersBrowsing: false).render(into: &buffer, area: area)
        }
        #expect(browsing.trimmedRows()[13] == "│true 1 → predicted 1: 1,128 images            │", "the browser is open")
        let one = render(Self.mnistEpoch1, selection: ConfusionCell(trueClass: 3, predicted: 0)).trimmedRows()
        #expect(one[13] == "│true 3 → predicted 0: 1 image · Enter browses │")
        let empty = render(Self.mnistEpoch1, selection: ConfusionCell(trueClass: 3, predicted: 4)).trimmedRows()
        #expect(empty[6] == "│3░░░1    ░░░1█991[   ▒▒▒9    ▒▒▒4▒▒▒3░░░1 98.1│")
        #expect(empty[13] == "│true 3 → predicted 4: no test images          │")
        #expect(!empty.joined().contains("Enter"))
        let fashion = render(Self.fashionEpoch1, classNames: Self.fashionNames, selection: ConfusionCell(trueClass: 3, predicted: 4))
        #expect(fashion.trimmedRows()[13] == "│true 3 → predicted 4: 76 · Enter browses      │")
    }

    @Test func asciiGlyphsAndANarrowPanel() {
        let ascii = render(Self.mnistEpoch1, glyphs: .ascii).trimmedRows()
        #expect(ascii[1...2] == [
            "|true           predicted ->                   |",
            "|v   0   1   2   3   4   5   6   7   8   9 rec%|",
        ])
        #expect(ascii[13] == "|largest: true 9 -> predicted 4: 25            |")
        // 30 columns (narrower than any dashboard's): 2-column cells; 98 fills its cell beside blanks.
        #expect(render(Self.partialMatrix(), width: 30, glyphs: .ascii).trimmedRows()[7...11] == [
            "|4        98        :2 98.0  |",
            "|5                        -  |",
            "|6                        -  |",
            "|7    12        50     80.6  |",
            "|8                        -  |",
        ])
    }

    @Test func fullMatrixInColourUsesTheRamp() {
        var m = ConfusionMatrix()
        for r in 0..<10 {
            for c in 0..<10 {
                for _ in 0..<(r == c ? 1000 + r * 13 : (r + c) % 7 == 0 ? 3 : 0) { m.record(trueClass: r, predicted: c) }
            }
        }
        let buffer = render(m, depth: .extended)
        let rows = buffer.trimmedRows()
        // 4-digit diagonals fill their 4-column cells (the first after a 1-column label: compact).
        #expect(rows[3] == "│0  1k                           3         99.7│")
        #expect(rows[4] == "│1    1013                   3             99.7│")
        #expect(rows[12] == "│9                       3            1117 99.7│")
        // Diagonal: the brightest step; a 0.3% confusion: a low step; zero: no colour.
        let steps = HeatRamp.steps(for: .extended)
        #expect(buffer[2, 3].style.background == .heat(steps - 1))
        #expect(buffer[3, 3].style.foreground == .heatText(steps - 1))
        let low = HeatRamp.step(share: 3.0 / 1006, steps: steps)
        #expect(buffer[30, 3].style.background == .heat(low))
        #expect((1..<steps - 1).contains(low))
        #expect(buffer[6, 3].style.background == .heat(0))
    }

    @Test func rampSteps() {
        #expect(HeatRamp.steps(for: .extended) == 13)
        #expect(HeatRamp.steps(for: .basic) == 5)
        #expect(HeatRamp.step(share: 0, steps: 13) == 0)
        #expect(HeatRamp.step(share: 1, steps: 13) == 12)
        #expect(HeatRamp.step(share: 0.001, steps: 13) == 2)
        #expect(HeatRamp.step(share: 0.01, steps: 13) < HeatRamp.step(share: 0.1, steps: 13))
        #expect(HeatRamp.step(share: .nan, steps: 13) == 0)
    }

    @Test func geometryShrinksWithTheWidth() {
        #expect(Heatmap.geometry(width: 78) == (2, 6, 9))
        #expect(Heatmap.geometry(width: 62) == (2, 5, 9))
        #expect(Heatmap.geometry(width: 46) == (1, 4, 5))
        #expect(Heatmap.geometry(width: 38) == (2, 3, 5))
        #expect(Heatmap.geometry(width: 12) == (1, 1, 0))
        #expect(Heatmap.recallHeading(width: 9) == "recall %")
        #expect(Heatmap.recallHeading(width: 5) == "rec%")
    }
}
