// MARK: - The mouse
//
// A reducer like `handle(key:)`: what a mouse report points at comes from the same layout the view draws
// (`layout(width:height:)` at the size of the last `noteScreen`), the pad's grid (`PadPanel.pixel`) and
// the heatmap's cells (`Heatmap.cell`).

/// A pad stroke while a button is held: erasing (right button) or inking (left), and the last pixel
/// painted, from which the next drag report draws a line (`nil` after the pointer left the grid).
struct MouseStroke: Sendable, Equatable {
    var erase: Bool
    var lastX: Int?
    var lastY = 0
}

extension DashboardState {
    /// Epoch-log lines one wheel notch scrolls.
    public static let wheelLines = 3

    /// Reduces a mouse report: on the draw pad a left press or drag inks the pixels under the pointer
    /// with the current brush and a right one erases (a press on the pad's preview opens the pad first);
    /// a left click on a heatmap cell selects it for browsing, a click on the selected cell opens its
    /// images (as Enter); the wheel over the epoch log scrolls it. A press closes the help overlay, as
    /// Esc does (and does nothing else); while the quit or rewind question is open, and with the mouse off (`--no-mouse`:
    /// a report typed or pasted in), the mouse does nothing.
    public mutating func handle(mouse event: MouseEvent) -> KeyAction {
        guard mouseEnabled, !confirmingQuit, !confirmingRewind else { return .none }
        if event.action == .release {
            mouseStroke = nil
            return .none
        }
        if helpVisible {
            guard event.action == .press else { return .none }
            helpVisible = false
            helpPage = 0
            return .redraw
        }
        if event.action == .press { steeringNote = nil }
        let layout = layout(width: screenWidth, height: screenHeight)
        guard !layout.isTooSmall else { return .none }
        switch (event.action, event.button) {
        case (.press, .wheelUp), (.press, .wheelDown):
            guard layout.epochLog.contains(x: event.x, y: event.y) else { return .none }
            let before = logScroll
            scrollLog(by: event.button == .wheelUp ? Self.wheelLines : -Self.wheelLines)
            return logScroll == before ? .none : .redraw
        case (.press, .left), (.press, .right), (.drag, .left), (.drag, .right):
            if let pixel = PadPanel.pixel(atX: event.x, y: event.y, area: layout.pad, showsSaliency: showsSaliency) {
                return paint(pixel, erase: event.button == .right, pressed: event.action == .press)
            }
            mouseStroke?.lastX = nil  // off the grid: the stroke goes on where the pointer comes back
            if event.action == .press, event.button == .left,
               let cell = Heatmap.cell(atX: event.x, y: event.y, area: layout.heatmap, classes: classNames.count) {
                return pick(cell)
            }
            return .none
        default:
            return .none
        }
    }

    /// Paints the pad at `pixel`, continuing the held stroke with a line from its last pixel.
    private mutating func paint(_ pixel: (x: Int, y: Int, rows: Int), erase: Bool, pressed: Bool) -> KeyAction {
        if !padOpen {
            guard pressed else { return .none }  // a drag from elsewhere does not open the pad
            endBrowsing()
            focus = .pad
        }
        let continues = !pressed && mouseStroke?.erase == erase
        let from = continues ? mouseStroke?.lastX.map { (x: $0, y: mouseStroke?.lastY ?? 0) } : nil
        pad.paint(from: from, to: (pixel.x, pixel.y), rows: pixel.rows, erase: erase)
        mouseStroke = MouseStroke(erase: erase, lastX: pixel.x, lastY: pixel.y)
        return .padChanged
    }

    /// A left click on a heatmap cell: select it (the heatmap takes the keys, arrows move on from it); on
    /// the cell already selected, open its images.
    private mutating func pick(_ cell: ConfusionCell) -> KeyAction {
        guard canBrowse, !padOnly, let matrix = heatmapMatrix, cell.trueClass < matrix.classCount,
              cell.predicted < matrix.classCount, browsing?.cell != cell else { return .none }
        if heatmapSelection == cell && browsing == nil { return openBrowser() }
        focus = .heatmap
        browsing = nil
        heatmapSelection = cell
        return .redraw
    }
}
