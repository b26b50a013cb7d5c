// MARK: - Status line

/// The line above the key help: the phase message on the left (finished / stopped / failed / paused, the
/// answer to a steering key, or the quit or rewind question in the longest form that fits), the latest
/// checkpoint note on the right. Text that
/// does not fit is shortened at a word boundary, never mid-word.
public struct StatusLine: Sendable {
    public var state: DashboardState
    public var glyphs: GlyphSet

    public init(state: DashboardState, glyphs: GlyphSet) {
        self.state = state
        self.glyphs = glyphs
    }

    public func render(into buffer: inout CellBuffer, area: Rect) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        buffer.fill(row)
        var used = 0
        if let message = state.phaseMessage {
            let text = state.confirmingQuit
                ? Format.firstFitting(state.quitPrompts.map(glyphs.text), width: row.width)
                : state.confirmingRewind
                ? Format.firstFitting(state.rewindPrompts.map(glyphs.text), width: row.width)
                : Format.shortened(glyphs.text(message.text), to: row.width, ellipsis: glyphs.ellipsis)
            used = buffer.write(text, in: row, style: message.style)
        }
        if let note = state.checkpointNote {
            let room = row.width - used - (used > 0 ? 2 : 0)
            // A form that fits, else the note shortened to at least two whole words; else nothing.
            let forms = ([note] + state.checkpointNoteShortForms).map(glyphs.text)
            let shortened = Format.shortened(forms[0], to: room, ellipsis: glyphs.ellipsis)
            let text = forms.first { $0.count <= room }
                ?? (shortened.split(separator: " ").count >= 3 && shortened.count <= room ? shortened : "")
            if !text.isEmpty {
                buffer.write(text, at: row.maxX - text.count, row.y, style: .dim)
            }
        }
    }
}
