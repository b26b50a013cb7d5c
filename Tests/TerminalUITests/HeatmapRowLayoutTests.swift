import Testing
@testable import TerminalUI

// MARK: - Counts in a heatmap row, class labels, word wrapping

@Suite struct HeatmapRowLayoutTests {
    /// The row as text: label "7" at column 0, the placed counts, blanks elsewhere.
    func row(_ counts: [Int], label: Int = 1, cell: Int = 4) -> String {
        let placed = HeatmapRowLayout.place(counts, labelEnd: 0, firstCell: label, cellWidth: cell)
        var chars = Array("7" + String(repeating: " ", count: label - 1 + counts.count * cell))
        for p in placed.compactMap({ $0 }) {
            for (i, ch) in p.text.enumerated() { chars[p.x + i] = ch }
        }
        return String(chars)
    }

    @Test func countFormsExactFirstThenRoundedDown() {
        #expect(HeatmapRowLayout.countForms(7) == ["7"])
        #expect(HeatmapRowLayout.countForms(980) == ["980"])
        #expect(HeatmapRowLayout.countForms(1135) == ["1135", "1.1k", "1k"])
        #expect(HeatmapRowLayout.countForms(1999) == ["1999", "1.9k", "1k"])
        #expect(HeatmapRowLayout.countForms(12_345) == ["12345", "12k"])
        #expect(HeatmapRowLayout.countForms(1_234_567) == ["1234567", "1234k", "1.2M", "1M"])
    }

    @Test func aFourDigitDiagonalFillsItsCellWhenItsLeftNeighbourMovesOver() {
        // MNIST's class 1 after an epoch: 1 read as 0, 1,128 right, 2 read as 2 ...
        #expect(row([1, 1128, 2, 1, 0, 1, 2, 0, 0, 0]) ==
                "7  1 1128   2   1       1   2            ")
        // Nothing on the left: the diagonal fills its cell at once.
        #expect(row([0, 0, 0, 1010, 0, 0, 0, 0, 0, 0]) ==
                "7            1010                        ")
        // Two-digit neighbour: it moves one column left.
        #expect(row([0, 0, 13, 1028, 0, 0, 0, 0, 0, 0]) ==
                "7         13 1028                        ")
    }

    @Test func compactFormWhenTheLeftNeighbourFillsItsCellToo() {
        // 312 cannot move (it would touch 45), so 1,135 takes a form with a blank before it.
        #expect(row([45, 312, 1135, 0, 0, 0, 0, 0, 0, 0]) ==
                "7  45 312  1k                            ")
        // The first cell never fills itself after a one-column label.
        #expect(row([1135, 0, 0, 0, 0, 0, 0, 0, 0, 0]) == "7  1k" + String(repeating: " ", count: 36))
        // With a two-column label (a blank after the digit) it may.
        #expect(row([1135, 7, 0, 0, 0, 0, 0, 0, 0, 0], label: 2) == "7 1135   7" + String(repeating: " ", count: 32))
    }

    @Test func threeDigitNeighboursInThreeColumnCells() {
        // 3-column cells: 980 fills its cell after a one-digit neighbour, which moves to the middle.
        #expect(row([0, 5, 980, 0, 0, 0, 0, 0, 0, 0], label: 2, cell: 3) == "7     5 980" + String(repeating: " ", count: 21))
        // A two-digit neighbour with room on its left moves to its cell's first column.
        #expect(row([0, 12, 980, 0, 0, 0, 0, 0, 0, 0], label: 2, cell: 3) == "7    12 980" + String(repeating: " ", count: 21))
        // Without that room 980 has no 2-character form: it stays blank (colour only; 3-column cells are
        // narrower than any supported terminal's).
        let placed = HeatmapRowLayout.place([3, 12, 980], labelEnd: 0, firstCell: 2, cellWidth: 3)
        #expect(placed == [.init(text: "3", x: 4), .init(text: "12", x: 6), nil])
    }

    @Test func everyCountOfAFullRowStaysApart() {
        let counts = [120, 3, 845, 17, 1, 0, 66, 9, 2, 1135]
        let text = row(counts)
        #expect(text == "7 120   3 845  17   1      66   9  2 1135")
        let numbers = text.dropFirst().split(separator: " ").map(String.init)
        #expect(numbers == ["120", "3", "845", "17", "1", "66", "9", "2", "1135"])
    }
}

@Suite struct ClassLabelsTests {
    let fashion = ClassLabels(["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                               "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"])
    let mnist = ClassLabels((0..<10).map(String.init))

    @Test func formsAndNouns() {
        #expect(fashion.label(0, .full) == "0 T-shirt/top")
        #expect(fashion.label(0, .short) == "0 T-shirt")
        #expect(fashion.label(9, .short) == "9 Boot")
        #expect(fashion.label(6, .index) == "6")
        #expect(mnist.label(7, .full) == "7")
        #expect(fashion.noun == "item")
        #expect(mnist.noun == "digit")
        #expect(mnist.namesAreIndices)
        #expect(!fashion.namesAreIndices)
    }

    @Test func legendWrapsBetweenEntries() {
        #expect(fashion.legend(width: 46) == [
            "0 T-shirt/top  1 Trouser  2 Pullover  3 Dress",
            "4 Coat  5 Sandal  6 Shirt  7 Sneaker  8 Bag",
            "9 Ankle boot",
        ])
        #expect(fashion.legend(width: 78) == [
            "0 T-shirt/top  1 Trouser  2 Pullover  3 Dress  4 Coat  5 Sandal  6 Shirt",
            "7 Sneaker  8 Bag  9 Ankle boot",
        ])
        #expect(fashion.legend(width: 46, form: .short).count == 3)
        #expect(mnist.legend(width: 46) == [])
        #expect(fashion.legend(width: 10) == [], "an entry wider than the line: no legend")
    }
}

@Suite struct WordWrapTests {
    @Test func breaksAtSpacesOnly() {
        #expect(WordWrap.lines("no test images in this cell with the current weights", width: 20) ==
                ["no test images in", "this cell with the", "current weights"])
        #expect(WordWrap.lines("short", width: 20) == ["short"])
        #expect(WordWrap.lines("", width: 5) == [""])
        #expect(WordWrap.lines("abcdefgh ij", width: 3) == ["abc", "def", "gh", "ij"])
        #expect(WordWrap.lines("x", width: 0) == [])
    }
}
