import Foundation
import LeNetEngine

// MARK: - c1's filters over training

/// c1's six 5×5 filters (`c1.weight`, `(6, 1, 5, 5)`, 150 floats) after each epoch of a run, kept in memory
/// for `filters_by_epoch.svg`. Epoch 0 is the initial weights (or, for a resumed run, the first entry is the
/// resumed checkpoint's epoch).
public struct FilterHistory: Sendable, Equatable {
    /// One epoch's filters.
    public struct Entry: Sendable, Equatable {
        /// Epochs finished when the weights were taken (0 = initial weights).
        public let epoch: Int
        /// `c1.weight`, `(6, 1, 5, 5)` row-major.
        public let c1Weight: [Float]
        /// Whether these are the weights a run started from rather than an epoch's result.
        public let isStart: Bool
    }

    /// The entries, ascending by epoch.
    public private(set) var entries: [Entry] = []

    public init() {}

    /// Adds `parameters`' c1 filters as epoch `epoch`, dropping any entries from that epoch on (a run that
    /// records an epoch again starts its story there). `start`: the weights a run starts from (epoch 0, or
    /// the checkpoint a resumed run continues).
    public mutating func record(epoch: Int, parameters: LeNet5Parameters, start: Bool = false) {
        entries.removeAll { $0.epoch >= epoch }
        entries.append(Entry(epoch: epoch, c1Weight: parameters["c1.weight"]!, isStart: start))
    }
}

/// `filters_by_epoch.svg`: one row per recorded epoch of c1's six 5×5 filters, so the picture shows them
/// forming from the initial noise. One diverging scale for all rows, centred at 0 (`±max |w|` over every
/// epoch, blue negative, white 0, red positive), so rows compare; each row also says its own `max |w|`.
public enum FiltersByEpochSVG {
    static let margin = 20.0
    static let cell = 10.0, gap = 12.0, labelWidth = 130.0

    /// The SVG text; `title` heads it (e.g. the run's description).
    public static func render(_ history: FilterHistory, title: String) -> String {
        let entries = history.entries
        let scale = ColourScale.diverging(entries.flatMap(\.c1Weight))
        let filterWidth = 5 * cell
        let rowHeight = filterWidth + 12
        var y = 70.0
        var body = SVG.text("c1.weight · 6×1×5×5 · filter = output channel", x: margin, y: y + 12, weight: "bold",
                            cssClass: "layer")
        body += MapSVG.legend(scale, x: margin, y: y + 18, width: 200, ticks: 5)
        y += 18 + MapSVG.legendHeight + 16
        let left = margin + labelWidth
        for o in 0..<6 {
            body += SVG.text(String(o), x: left + Double(o) * (filterWidth + gap) + filterWidth / 2, y: y - 4,
                             anchor: "middle", size: 9, fill: "#555555", cssClass: "channel")
        }
        for entry in entries {
            let label = "epoch \(entry.epoch)" + (entry.epoch == 0 ? " (initial)" : entry.isStart ? " (resumed)" : "")
            body += SVG.text(label, x: margin, y: y + filterWidth / 2 + 4, cssClass: "epoch")
            for o in 0..<6 {
                body += MapSVG.map(entry.c1Weight[(o * 25) ..< ((o + 1) * 25)], rows: 5, columns: 5,
                                   x: left + Double(o) * (filterWidth + gap), y: y, cellWidth: cell, scale: scale,
                                   title: "\(label), c1 filter \(o)")
            }
            let largest = entry.c1Weight.map { abs(Double($0)) }.max() ?? 0
            body += SVG.text("max |w| \(MapSVG.label(largest))", x: left + 6 * (filterWidth + gap) + 4,
                             y: y + filterWidth / 2 + 4, size: 10, fill: "#555555", cssClass: "largest")
            y += rowHeight
        }
        if entries.isEmpty {
            body += SVG.text("no epochs recorded yet", x: margin, y: y + 12, fill: "#555555")
            y += 20
        }
        let width = max(left + 6 * (filterWidth + gap) + 110, SVG.textWidth(title) + 2 * margin)
        return MapSVG.document(width: width, height: y + margin, title: "c1 filters by epoch", subtitle: title,
                               caption: "one diverging scale for every epoch, centred at 0: blue negative, white 0, "
                                   + "red positive", body: body)
    }
}
