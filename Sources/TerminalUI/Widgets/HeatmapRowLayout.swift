// MARK: - Counts in a heatmap row

/// Where the counts of one heatmap row go, so that every count shows, exact when it fits, and two numbers
/// never touch.
///
/// Each count is written right-aligned in its cell of `cellWidth` columns, in the longest of its forms
/// (`countForms`) that keeps one blank column between it and the text on its left (the row label or the
/// previous count). A count may fill its whole cell (`1135` in a 4-column cell) when the count on its left
/// can move one column left to make the gap: that count then ends one column before its cell's edge. So a
/// 4-column cell shows every count below 10,000 exactly unless the left neighbour also fills its cell; then
/// the compact form (`1k`) is used. Pure: no buffer, tested on its own.
public enum HeatmapRowLayout {
    /// A count's text and its first column (relative to the row's first column, the label's).
    public struct Placed: Sendable, Equatable {
        public var text: String
        public var x: Int

        public init(text: String, x: Int) {
            self.text = text
            self.x = x
        }
    }

    /// The ways to write a non-negative `count`, longest (exact) first, then compact forms rounded down:
    /// `1135`, `1.1k`, `1k`; `12345`, `12k`; `1234567`, `1234k`, `1.2M`, `1M`. `1.1k` means 1,100 to 1,199.
    public static func countForms(_ count: Int) -> [String] {
        var forms = [String(count)]
        func scaled(_ unit: Int, _ suffix: String) {
            guard count >= unit else { return }
            let whole = count / unit
            if whole < 10 { forms.append("\(whole).\(count % unit * 10 / unit)\(suffix)") }
            forms.append("\(whole)\(suffix)")
        }
        scaled(1000, "k")
        scaled(1_000_000, "M")
        var seen = Set<String>()
        return forms.filter { seen.insert($0).inserted }
    }

    /// Places the counts of one row.
    /// - Parameters:
    ///   - counts: the row's counts, one per cell; zeros stay blank.
    ///   - labelEnd: the last column the row label's text takes (0 for a one-character label at column 0).
    ///   - firstCell: the first column of the first cell.
    ///   - cellWidth: columns per cell.
    /// - Returns: per cell its placed text, or `nil` (a zero, or a count none of whose forms fits: only
    ///   when cells are narrower than 4 columns).
    public static func place(_ counts: [Int], labelEnd: Int, firstCell: Int, cellWidth: Int) -> [Placed?] {
        var out: [Placed?] = []
        var lastEnd = labelEnd          // last column taken by text so far
        var last: Int?                  // index in `out` of that text (nil: the label)
        var lastMinimumX = Int.max      // the leftmost start that text may move to
        for (c, count) in counts.enumerated() {
            let cellStart = firstCell + c * cellWidth, cellEnd = cellStart + cellWidth - 1
            guard count > 0, cellWidth > 0 else { out.append(nil); continue }
            var chosen: Placed?
            var shifts = false
            for form in countForms(count) where form.count <= cellWidth {
                let x = cellEnd - form.count + 1
                if x >= lastEnd + 2 {
                    chosen = Placed(text: form, x: x)
                    break
                }
                if let l = last, let previous = out[l], x >= lastEnd + 1, previous.x - 1 >= lastMinimumX {
                    chosen = Placed(text: form, x: x)
                    shifts = true
                    break
                }
            }
            guard let placed = chosen else { out.append(nil); continue }
            if shifts, let l = last {
                out[l]?.x -= 1
                lastEnd -= 1
            }
            lastMinimumX = max(cellStart, lastEnd + 2)
            out.append(placed)
            lastEnd = cellEnd
            last = c
        }
        return out
    }
}
