import LeNetTraining

// MARK: - Epoch log

/// A boxed table with one line per finished epoch, newest at the bottom, and between the epochs a line
/// for each learning-rate change and rewind (`LogNote`, in the accent style):
/// ```
/// ┌ epochs ──────────────────────────────────────────────── 3..7 of 12 ┐
/// │  epoch  train loss  train acc  test loss  test acc   img/s    time │
/// │   3/10      0.1234     96.51%     0.0987    97.12%   5,210   11.5s │
/// │  lr x2 -> 0.002 at epoch 4, batch 120                              │
/// ```
/// Optional columns (train acc, img/s) appear when there is room. The best test accuracy is drawn in the
/// good style. When there are more lines than rows the newest fill the box, or the ones `scroll` lines
/// further up.
public struct EpochLog: Sendable {
    public var epochs: [EpochSummary]
    /// The notes between the epochs (`DashboardState.logNotes`).
    public var notes: [LogNote]
    /// Lines scrolled up from the newest (clamped so the box stays full).
    public var scroll: Int
    public var glyphs: GlyphSet

    public init(epochs: [EpochSummary], notes: [LogNote] = [], scroll: Int = 0, glyphs: GlyphSet) {
        self.epochs = epochs
        self.notes = notes
        self.scroll = scroll
        self.glyphs = glyphs
    }

    /// One line of the log: an epoch's row (with its index in `epochs`) or a note.
    public enum Line: Sendable, Equatable {
        case epoch(index: Int, EpochSummary)
        case note(LogNote)

        /// The line's text for a table `width` columns wide: the epoch's row, or the note's longest form
        /// that fits, indented by two columns when there is room (the shortest form cut at a word when
        /// none fits).
        public func text(width: Int) -> String {
            switch self {
            case .epoch(_, let summary):
                return EpochLog.line(for: summary, width: width)
            case .note(let note):
                let candidates = note.forms.flatMap { ["  " + $0, $0] }
                return candidates.first { $0.count <= width } ?? Format.firstFitting(note.forms, width: width)
            }
        }
    }

    /// The epochs and notes in order: each note after the `afterEpochs` epochs it followed.
    public static func lines(epochs: [EpochSummary], notes: [LogNote]) -> [Line] {
        var lines: [Line] = []
        var pending = notes[...]
        for (index, summary) in epochs.enumerated() {
            while let note = pending.first, note.afterEpochs <= index {
                lines.append(.note(note))
                pending = pending.dropFirst()
            }
            lines.append(.epoch(index: index, summary))
        }
        return lines + pending.map { .note($0) }
    }

    /// A table column: header, width (right-aligned, including leading space), value.
    struct Column: Sendable {
        let header: String
        let width: Int
        let optional: Bool
        let value: @Sendable (EpochSummary) -> String
    }

    static let allColumns: [Column] = [
        Column(header: "epoch", width: 7, optional: false) { "\($0.epoch)/\($0.epochs)" },
        Column(header: "train loss", width: 12, optional: false) { Format.fixed($0.trainLoss, digits: 4) },
        Column(header: "train acc", width: 11, optional: true) { Format.percent($0.trainAccuracy, digits: 2) },
        Column(header: "test loss", width: 11, optional: false) { Format.fixed($0.testLoss, digits: 4) },
        Column(header: "test acc", width: 10, optional: false) { Format.percent($0.testAccuracy, digits: 2) },
        Column(header: "img/s", width: 9, optional: true) { Format.rate($0.imagesPerSecond) },
        Column(header: "time", width: 8, optional: false) { Format.fixed($0.seconds, digits: 1) + "s" },
    ]

    /// The columns that fit in `width`: all required ones, then optional ones in order while they fit.
    static func columns(fitting width: Int) -> [Column] {
        var used = allColumns.filter { !$0.optional }.map(\.width).reduce(0, +)
        var include = Set<String>()
        for column in allColumns where column.optional && used + column.width <= width {
            used += column.width
            include.insert(column.header)
        }
        return allColumns.filter { !$0.optional || include.contains($0.header) }
    }

    /// The header row for a table `width` columns wide.
    public static func headerLine(width: Int) -> String {
        columns(fitting: width).map { Format.right($0.header, $0.width) }.joined()
    }

    /// One epoch's row for a table `width` columns wide.
    public static func line(for epoch: EpochSummary, width: Int) -> String {
        columns(fitting: width).map { Format.right($0.value(epoch), $0.width) }.joined()
    }

    /// The range of lines visible in `rows` table rows (header excluded).
    public static func visibleRange(count: Int, rows: Int, scroll: Int) -> Range<Int> {
        guard rows > 0, count > 0 else { return 0..<0 }
        let s = min(max(0, scroll), max(0, count - rows))
        let end = count - s
        return max(0, end - rows)..<end
    }

    public func render(into buffer: inout CellBuffer, area: Rect) {
        let inner = Panel.inner(of: area)
        let rows = inner.height - 1
        let lines = Self.lines(epochs: epochs, notes: notes)
        let range = Self.visibleRange(count: lines.count, rows: rows, scroll: scroll)
        var note: String?
        if range.count < lines.count {
            note = "\(range.lowerBound + 1)..\(range.upperBound) of \(lines.count)"
        }
        Panel(title: "epochs", note: note, glyphs: glyphs).render(into: &buffer, area: area)
        guard !inner.isEmpty else { return }
        buffer.write(Self.headerLine(width: inner.width), in: inner.row(0), style: .dim)
        guard rows > 0 else { return }
        if epochs.isEmpty && notes.isEmpty {
            buffer.write(glyphs.text("no finished epoch yet…"), in: inner.row(1), style: .dim)
            return
        }
        let best = epochs.indices.max { a, b in
            epochs[a].testAccuracy < epochs[b].testAccuracy
                || (epochs[a].testAccuracy == epochs[b].testAccuracy && a > b)
        }
        for (row, index) in range.enumerated() {
            let line = lines[index]
            let style: Style
            switch line {
            case .epoch(let epochIndex, _): style = epochIndex == best ? .good.bolded : .plain
            case .note: style = .accent
            }
            buffer.write(glyphs.text(line.text(width: inner.width)), in: inner.row(1 + row), style: style)
        }
    }
}
