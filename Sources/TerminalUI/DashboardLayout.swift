// MARK: - Screen layout

/// Where each part of the dashboard goes for a terminal size and the focused panel.
///
/// From 100 columns (120x40 shown):
/// ```
/// header                                          (full width)
/// details (only from 24 rows)                     (full width)
/// epoch progress                                  (full width)
/// ┌ loss ─────────────────┐ ┌ confusion heatmap ───┐ 16 to 18 rows
/// └───────────────────────┘ └──────────────────────┘
/// ┌ accuracy ─────────────┐ ┌ draw pad (or preview)┐ 17+ rows: 28x14 half-block grid,
/// └───────────────────────┘ │                      │ bars, prediction line
/// ┌ epochs ───────────────┐ │                      │
/// └───────────────────────┘ └──────────────────────┘
/// status line                                     (full width)
/// key help                                        (full width)
/// ```
/// The side column is 48 wide from 100 columns (a heatmap cell of 4 columns shows a 4-digit count), the
/// training view keeps the rest (51 at 100 columns: every required epoch-log column).
/// When the side column is too short for both, the focused one wins (pad when open, else the heatmap,
/// which then takes the whole column).
/// Below 100 columns (80x24) the body shows one panel at a time: training (sparklines and log), the
/// heatmap or the pad, following `focus` (tab cycles, d opens the pad). `padOnly` (`lenet-tui draw`)
/// gives the whole body to the pad. The confusion browser (`browsing`) takes the pad's place under the
/// heatmap on wide terminals (the whole side column when it is short) and the body on narrow ones.
/// The network view (`network`, n) takes the whole body, or from `networkBesideMinimumWidth` columns
/// everything right of a `besideTrainingWidth`-column training view (sparklines and epoch log); the
/// pad and the browser's image are then drawn inside it. Below `minimumWidth` x `minimumHeight` only the
/// too-small message.
public struct DashboardLayout: Sendable, Equatable {
    /// The smallest usable terminal: the pad panel needs 17 rows of body and 48 columns.
    public static let minimumWidth = 64
    public static let minimumHeight = 22
    /// From this width a side column appears on the right.
    public static let sidePanelMinimumWidth = 100
    /// Side column width at most: a 10x10 heatmap (4 columns a cell plus labels and recall) or the
    /// 28-column pad with its bars, inside a border.
    public static let sidePanelMaximumWidth = 48
    /// Columns the training view keeps beside the side column: the epoch log's required columns in a box.
    public static let mainMinimumWidth = 51
    /// Rows of the heatmap panel beside another panel at least (border, axis labels, column indices, ten
    /// rows, the largest-confusions line, border).
    public static let heatmapHeight = 16
    /// Rows the heatmap takes beside the pad when there is room: two more lines under the matrix (more
    /// confusions, Fashion-MNIST's legend of class names, what recall is).
    public static let heatmapTallHeight = 18
    /// Rows of the confusion browser (border, headline, 14 image rows, probabilities, note, border).
    public static let browserHeight = 19
    /// Rows of the pad panel in half-block mode (border, 14 grid rows, prediction line, border).
    public static let padHeight = 17
    /// From this width the network view goes beside the training view instead of over the whole body
    /// (below it the maps would be too small to read beside the sparklines).
    public static let networkBesideMinimumWidth = 160
    /// Columns the training view keeps beside the network view (sparklines and every epoch-log column).
    public static let besideTrainingWidth = 60

    public let width: Int
    public let height: Int
    public let isTooSmall: Bool
    public var header = Rect.zero
    public var details = Rect.zero
    public var progress = Rect.zero
    public var lossPanel = Rect.zero
    public var accuracyPanel = Rect.zero
    public var epochLog = Rect.zero
    /// The side column (empty below `sidePanelMinimumWidth`).
    public var side = Rect.zero
    /// The confusion heatmap panel (empty when not shown).
    public var heatmap = Rect.zero
    /// The draw pad panel (empty when not shown).
    public var pad = Rect.zero
    /// The confusion browser panel (empty unless browsing).
    public var browser = Rect.zero
    /// The network view (empty unless open).
    public var network = Rect.zero
    public var status = Rect.zero
    public var keyHelp = Rect.zero

    public init(width: Int, height: Int, focus: Focus = .training, padOnly: Bool = false, browsing: Bool = false,
                network showsNetwork: Bool = false) {
        self.width = width
        self.height = height
        isTooSmall = width < Self.minimumWidth || height < Self.minimumHeight
        guard !isTooSmall else { return }

        var y = 0
        header = Rect(x: 0, y: y, width: width, height: 1); y += 1
        if height >= 24 { details = Rect(x: 0, y: y, width: width, height: 1); y += 1 }
        if !padOnly { progress = Rect(x: 0, y: y, width: width, height: 1); y += 1 }
        keyHelp = Rect(x: 0, y: height - 1, width: width, height: 1)
        status = Rect(x: 0, y: height - 2, width: width, height: 1)
        let body = Rect(x: 0, y: y, width: width, height: height - 2 - y)

        if padOnly || (showsNetwork && width < Self.networkBesideMinimumWidth) {
            if showsNetwork { network = body } else { pad = body }
            return
        }
        var main = body
        if showsNetwork {
            main = Rect(x: 0, y: y, width: Self.besideTrainingWidth, height: body.height)
            network = Rect(x: main.maxX + 1, y: y, width: width - main.maxX - 1, height: body.height)
        } else if width >= Self.sidePanelMinimumWidth {
            let sideWidth = min(Self.sidePanelMaximumWidth, width - Self.mainMinimumWidth - 1)
            main = Rect(x: 0, y: y, width: width - sideWidth - 1, height: body.height)
            side = Rect(x: main.maxX + 1, y: y, width: sideWidth, height: body.height)
            if browsing {
                if side.height >= Self.heatmapHeight + Self.browserHeight {
                    heatmap = side.top(Self.heatmapHeight)
                    browser = side.droppingTop(Self.heatmapHeight)
                } else {
                    browser = side
                }
            } else if side.height >= Self.heatmapHeight + Self.padHeight {
                heatmap = side.top(min(Self.heatmapTallHeight, side.height - Self.padHeight))
                pad = side.droppingTop(heatmap.height)
            } else if focus == .pad {
                pad = side
            } else {
                heatmap = side
            }
        } else if browsing {
            browser = body
            return
        } else {
            switch focus {
            case .heatmap: heatmap = body; return
            case .pad: pad = body; return
            case .training: break
            }
        }
        // Sparkline boxes share what the log (at least two fifths, at least 5 rows) leaves; 1 to 8 rows inside.
        let logMinimum = max(5, main.height * 2 / 5)
        let sparkRows = min(8, max(1, (main.height - logMinimum) / 2 - 2))
        y = main.y
        lossPanel = Rect(x: 0, y: y, width: main.width, height: sparkRows + 2); y += sparkRows + 2
        accuracyPanel = Rect(x: 0, y: y, width: main.width, height: sparkRows + 2); y += sparkRows + 2
        epochLog = Rect(x: 0, y: y, width: main.width, height: main.maxY - y)
    }

    /// Epoch-log rows that fit (box and header row excluded).
    public var epochLogRows: Int { max(0, epochLog.height - 3) }
}
