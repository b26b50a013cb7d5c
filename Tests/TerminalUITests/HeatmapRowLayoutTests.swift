import XCTest
@testable import TerminalUI

// MARK: - Counts in a heatmap row, class labels, word wrapping

final class HeatmapRowLayoutTests: XCTestCase {
    /// The row as text: label "7" at column 0, the placed counts, blanks elsewhere.
    func row(_ counts: [Int], label: Int = 1, cell: Int = 4) -> String {
        let placed = HeatmapRowLayout.place(counts, labelEnd: 0, firstCell: label, cellWidth: cell)
        var chars = Array("7" + String(repeating: " ", count: label - 1 + counts.count * cell))
        for p in placed.compactMap({ $0 }) {
            for (i, ch) in p.text.enumerated() { chars[p.x + i] = ch }
        }
        return String(chars)
    }

    func testCountFormsExactFirstThenRoundedDown() {
        XCTAssertEqual(HeatmapRowLayout.countForms(7), ["7"])
        XCTAssertEqual(HeatmapRowLayout.countForms(980), ["980"])
        XCTAssertEqual(HeatmapRowLayout.countForms(1135), ["1135", "1.1k", "1k"])
        XCTAssertEqual(HeatmapRowLayout.countForms(1999), ["1999", "1.9k", "1k"])
        XCTAssertEqual(HeatmapRowLayout.countForms(12_345), ["12345", "12k"])
        XCTAssertEqual(HeatmapRowLayout.countForms(1_234_567), ["1234567", "1234k", "1.2M", "1M"])
    }

    func testAFourDigitDiagonalFillsItsCellWhenItsLeftNeighbourMovesOver() {
        // MNIST's class 1 after an epoch: 1 read as 0, 1,128 right, 2 read as 2 ...
        XCTAssertEqual(row([1, 1128, 2, 1, 0, 1, 2, 0, 0, 0]),
                       "7  1 1128   2   1       1   2            ")
        // Nothing on the left: the diagonal fills its cell at once.
        XCTAssertEqual(row([0, 0, 0, 1010, 0, 0, 0, 0, 0, 0]),
                       "7            1010                        ")
        // Two-digit neighbour: it moves one column left.
        XCTAssertEqual(row([0, 0, 13, 1028, 0, 0, 0, 0, 0, 0]),
                       "7         13 1028                        ")
    }

    func testCompactFormWhenTheLeftNeighbourFillsItsCellToo() {
        // 312 cannot move (it would touch 45), so 1,135 takes a form with a blank before it.
        XCTAssertEqual(row([45, 312, 1135, 0, 0, 0, 0, 0, 0, 0]),
                       "7  45 312  1k                            ")
        // The first cell never fills itself after a one-column label.
        XCTAssertEqual(row([1135, 0, 0, 0, 0, 0, 0, 0, 0, 0]), "7  1k" + String(repeating: " ", count: 36))
        // With a two-column label (a blank after the digit) it may.
        XCTAssertEqual(row([1135, 7, 0, 0, 0, 0, 0, 0, 0, 0], label: 2), "7 1135   7" + String(repeating: " ", count: 32))
    }

    func testThreeDigitNeighboursInThreeColumnCells() {
        // 3-column cells: 980 fills its cell after a one-digit neighbour, which moves to the middle.
        XCTAssertEqual(row([0, 5, 980, 0, 0, 0, 0, 0, 0, 0], label: 2, cell: 3), "7     5 980" + String(repeating: " ", count: 21))
        // A two-digit neighbour with room on its left moves to its cell's first column.
        XCTAssertEqual(row([0, 12, 980, 0, 0, 0, 0, 0, 0, 0], label: 2, cell: 3), "7    12 980" + String(repeating: " ", count: 21))
        // Without that room 980 has no 2-character form: it stays blank (colour only; 3-column cells are
        // narrower than any supported terminal's).
        let placed = HeatmapRowLayout.place([3, 12, 980], labelEnd: 0, firstCell: 2, cellWidth: 3)
        XCTAssertEqual(placed, [.init(text: "3", x: 4), .init(text: "12", x: 6), nil])
    }

    func testEveryCountOfAFullRowStaysApart() {
        let counts = [120, 3, 845, 17, 1, 0, 66, 9, 2, 1135]
        let text = row(counts)
        XCTAssertEqual(text, "7 120   3 845  17   1      66   9  2 1135")
        let numbers = text.dropFirst().split(separator: " ").map(String.init)
        XCTAssertEqual(numbers, ["120", "3", "845", "17", "1", "66", "9", "2", "1135"])
    }
}

final class ClassLabelsTests: XCTestCase {
    let fashion = ClassLabels(["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                               "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"])
    let mnist = ClassLabels((0..<10).map(String.init))

    func testFormsAndNouns() {
        XCTAssertEqual(fashion.label(0, .full), "0 T-shirt/top")
        XCTAssertEqual(fashion.label(0, .short), "0 T-shirt")
        XCTAssertEqual(fashion.label(9, .short), "9 Boot")
        XCTAssertEqual(fashion.label(6, .index), "6")
        XCTAssertEqual(mnist.label(7, .full), "7")
        XCTAssertEqual(fashion.noun, "item")
        XCTAssertEqual(mnist.noun, "digit")
        XCTAssertTrue(mnist.namesAreIndices)
        XCTAssertFalse(fashion.namesAreIndices)
    }

    func testLegendWrapsBetweenEntries() {
        XCTAssertEqual(fashion.legend(width: 46), [
            "0 T-shirt/top  1 Trouser  2 Pullover  3 Dress",
            "4 Coat  5 Sandal  6 Shirt  7 Sneaker  8 Bag",
            "9 Ankle boot",
        ])
        XCTAssertEqual(fashion.legend(width: 78), [
            "0 T-shirt/top  1 Trouser  2 Pullover  3 Dress  4 Coat  5 Sandal  6 Shirt",
            "7 Sneaker  8 Bag  9 Ankle boot",
        ])
        XCTAssertEqual(fashion.legend(width: 46, form: .short).count, 3)
        XCTAssertEqual(mnist.legend(width: 46), [])
        XCTAssertEqual(fashion.legend(width: 10), [], "an entry wider than the line: no legend")
    }
}

final class WordWrapTests: XCTestCase {
    func testBreaksAtSpacesOnly() {
        XCTAssertEqual(WordWrap.lines("no test images in this cell with the current weights", width: 20),
                       ["no test images in", "this cell with the", "current weights"])
        XCTAssertEqual(WordWrap.lines("short", width: 20), ["short"])
        XCTAssertEqual(WordWrap.lines("", width: 5), [""])
        XCTAssertEqual(WordWrap.lines("abcdefgh ij", width: 3), ["abc", "def", "gh", "ij"])
        XCTAssertEqual(WordWrap.lines("x", width: 0), [])
    }
}
