// MARK: - Screen layout

/// Where each part of the dashboard goes for a terminal size.
///
/// ```
/// header                                          (full width)
/// details (only from 20 rows)                      (full width)
/// epoch progress                                   (full width)
/// ┌ loss ─────────────────┐ ┌ side panel ─────────┐
/// └───────────────────────┘ │ (from 100 columns:   │
/// ┌ accuracy ─────────────┐ │  confusion summary,  │
/// └───────────────────────┘ │  later heatmap and   │
/// ┌ epochs ───────────────┐ │  draw pad)           │
/// └───────────────────────┘ └──────────────────────┘
/// status line                                      (full width)
/// key help                                         (full width)
/// ```
public struct DashboardLayout: Sendable, Equatable {
    public static let minimumWidth = 60
    public static let minimumHeight = 16
    /// From this width a side panel appears on the right.
    public static let sidePanelMinimumWidth = 100
    /// Side panel width at most: room for a 10x10 heatmap (4 columns a cell plus labels) or a 28x28 draw pad
    /// (one column a pixel, two pixel rows a cell with half blocks) inside a border.
    public static let sidePanelMaximumWidth = 48

    public let width: Int
    public let height: Int
    public let isTooSmall: Bool
    public var header = Rect.zero
    public var details = Rect.zero
    public var progress = Rect.zero
    public var lossPanel = Rect.zero
    public var accuracyPanel = Rect.zero
    public var epochLog = Rect.zero
    /// Free area on the right for later panels; empty below `sidePanelMinimumWidth` columns.
    public var side = Rect.zero
    public var status = Rect.zero
    public var keyHelp = Rect.zero

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
        isTooSmall = width < Self.minimumWidth || height < Self.minimumHeight
        guard !isTooSmall else { return }

        var y = 0
        header = Rect(x: 0, y: y, width: width, height: 1); y += 1
        if height >= 20 { details = Rect(x: 0, y: y, width: width, height: 1); y += 1 }
        progress = Rect(x: 0, y: y, width: width, height: 1); y += 1
        keyHelp = Rect(x: 0, y: height - 1, width: width, height: 1)
        status = Rect(x: 0, y: height - 2, width: width, height: 1)

        let bodyHeight = height - 2 - y
        var mainWidth = width
        if width >= Self.sidePanelMinimumWidth {
            let sideWidth = min(Self.sidePanelMaximumWidth, width - 60)
            mainWidth = width - sideWidth - 1
            side = Rect(x: mainWidth + 1, y: y, width: sideWidth, height: bodyHeight)
        }

        // Sparkline boxes share what the log (at least two fifths, at least 5 rows) leaves; 1 to 8 rows inside.
        let logMinimum = max(5, bodyHeight * 2 / 5)
        let sparkRows = min(8, max(1, (bodyHeight - logMinimum) / 2 - 2))
        lossPanel = Rect(x: 0, y: y, width: mainWidth, height: sparkRows + 2); y += sparkRows + 2
        accuracyPanel = Rect(x: 0, y: y, width: mainWidth, height: sparkRows + 2); y += sparkRows + 2
        epochLog = Rect(x: 0, y: y, width: mainWidth, height: height - 2 - y)
    }

    /// Epoch-log rows that fit (box and header row excluded).
    public var epochLogRows: Int { max(0, epochLog.height - 3) }
}
