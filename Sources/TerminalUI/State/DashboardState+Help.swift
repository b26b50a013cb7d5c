// MARK: - The ? overlay's key list

/// One line of the `?` overlay: keys, what they do, and where they work.
public struct HelpEntry: Sendable, Equatable {
    /// Where a key works.
    public enum Scope: Sendable, Equatable {
        /// The training dashboard only (pause, panels, browse, save, ...).
        case dashboard
        /// `lenet-tui draw` only.
        case draw
        /// Both.
        case both
        /// The draw pad, in both: listed as "pad: x" in the dashboard, plain "x" in `draw`.
        case pad
        /// The draw pad in the dashboard only (m: there is one model in `draw`).
        case dashboardPad
    }

    public var keys: String
    public var help: String
    public var scope: Scope
    /// Listed only while the dashboard reads the mouse (not with `--no-mouse`).
    public var mouse: Bool

    public init(_ keys: String, _ help: String, _ scope: Scope, mouse: Bool = false) {
        self.keys = keys
        self.help = help
        self.scope = scope
        self.mouse = mouse
    }
}

extension DashboardState {
    /// Every key of the dashboard and of `lenet-tui draw` with what it does, in the overlay's order (the
    /// key line's order: training keys, then the pad's). Keep it beside `keyBindings`: a test checks that
    /// every key the key line can show is listed for its mode.
    public static let helpTable: [HelpEntry] = [
        HelpEntry("p / space", "pause / resume training (in the pad, space is the pen)", .dashboard),
        HelpEntry("w", "charts: the recent mini-batches or the whole run", .dashboard),
        HelpEntry("d / Esc / tab", "draw pad / go back (pad, heatmap, views) / next panel", .dashboard),
        HelpEntry("+ - < >", "lr ×2 / ÷2 from the next mini-batch; pace slower / faster", .dashboard),
        HelpEntry(". / r", "while paused one mini-batch / rewind to epoch 1 (asks)", .dashboard),
        HelpEntry("n / g", "network view (n pages, Esc closes) / input's saliency", .both),
        HelpEntry("b / heatmap Enter", "pick a cell (←↑↓→); Enter shows its images, ← → [ ] step", .dashboard),
        HelpEntry("↑ ↓ PgUp PgDn End", "scroll the epoch log (the mouse wheel too)", .dashboard),
        HelpEntry("s", "save a checkpoint of the current weights now", .dashboard),
        HelpEntry("mouse", "pad: left drag inks, right erases; heatmap: click a cell", .dashboard, mouse: true),
        HelpEntry("mouse", "left drag inks, right drag erases", .draw, mouse: true),
        HelpEntry("Shift+drag", "selects text in most terminals (while the mouse is read)", .both, mouse: true),
        HelpEntry("q / Ctrl-C", "quit: q asks if progress is unsaved, Ctrl-C quits at once", .dashboard),
        HelpEntry("q / Esc / Ctrl-C", "quit (Esc closes the network view first)", .draw),
        HelpEntry("?", "this help; Esc closes, any other key closes it and acts", .both),
        HelpEntry("←↑↓→ hjkl", "move the cursor one cell", .pad),
        HelpEntry("space", "pen down / up (down inks the cells the cursor enters)", .pad),
        HelpEntry("x  [ ]", "eraser on/off; brush 1-3: N×N pixels, cursor at top-left", .pad),
        HelpEntry("c  v", "clear the pad; show the 28x28 image the network sees", .pad),
        HelpEntry("m", "switch the pad's model (checkpoint / training weights)", .dashboardPad),
    ]

    /// The overlay's lines for the dashboard (`padOnly` false) or for `lenet-tui draw` (true): only keys
    /// that work there; pad keys prefixed "pad: " in the dashboard, first in `draw` (as on its key line).
    /// - Parameter mouse: whether the mouse is read (its line is left out with `--no-mouse`).
    public static func helpEntries(padOnly: Bool, mouse: Bool = true) -> [(keys: String, help: String)] {
        let table = padOnly ? helpTable.filter { $0.scope == .pad } + helpTable.filter { $0.scope != .pad } : helpTable
        return table.filter { mouse || !$0.mouse }.compactMap { entry in
            switch (entry.scope, padOnly) {
            case (.both, _), (.dashboard, false), (.draw, true): return (entry.keys, entry.help)
            case (.pad, false), (.dashboardPad, false): return ("pad: " + entry.keys, entry.help)
            case (.pad, true): return (entry.keys, entry.help)
            case (.dashboard, true), (.draw, false), (.dashboardPad, true): return nil
            }
        }
    }

    /// The dashboard's overlay lines.
    public static var helpEntries: [(keys: String, help: String)] { helpEntries(padOnly: false) }

    /// The overlay's lines for this state's mode.
    public var helpEntries: [(keys: String, help: String)] { Self.helpEntries(padOnly: padOnly, mouse: mouseEnabled) }
}
