// MARK: - Panel (a titled box)

/// A box with a title on the left of its top border and an optional note on the right:
/// `┌ loss 0.1234 ───────── 0.05..0.41 ┐`.
public struct Panel: Sendable {
    public var title: String
    public var titleStyle: Style
    public var note: String?
    public var noteStyle: Style
    public var borderStyle: Style
    public var glyphs: GlyphSet

    public init(title: String, titleStyle: Style = .bold, note: String? = nil, noteStyle: Style = .dim,
                borderStyle: Style = .dim, glyphs: GlyphSet) {
        self.title = title
        self.titleStyle = titleStyle
        self.note = note
        self.noteStyle = noteStyle
        self.borderStyle = borderStyle
        self.glyphs = glyphs
    }

    /// The area inside the border.
    public static func inner(of area: Rect) -> Rect { area.inset(dx: 1, dy: 1) }

    /// Draws the border, title and note; returns the inner area.
    @discardableResult
    public func render(into buffer: inout CellBuffer, area: Rect) -> Rect {
        guard area.width >= 2, area.height >= 2 else { return Rect(x: area.x, y: area.y, width: 0, height: 0) }
        let right = area.maxX - 1, bottom = area.maxY - 1
        for x in area.x...right {
            buffer[x, area.y] = Cell(glyphs.horizontal, style: borderStyle)
            buffer[x, bottom] = Cell(glyphs.horizontal, style: borderStyle)
        }
        for y in area.y...bottom {
            buffer[area.x, y] = Cell(glyphs.vertical, style: borderStyle)
            buffer[right, y] = Cell(glyphs.vertical, style: borderStyle)
        }
        buffer[area.x, area.y] = Cell(glyphs.topLeft, style: borderStyle)
        buffer[right, area.y] = Cell(glyphs.topRight, style: borderStyle)
        buffer[area.x, bottom] = Cell(glyphs.bottomLeft, style: borderStyle)
        buffer[right, bottom] = Cell(glyphs.bottomRight, style: borderStyle)

        // Title at x+2 (one space either side), note right-aligned; the note goes first when both don't fit.
        let room = area.width - 4
        let titleText = Format.truncate(glyphs.text(title), to: room, ellipsis: glyphs.ellipsis)
        if !titleText.isEmpty {
            buffer.write(" " + titleText + " ", at: area.x + 1, area.y, style: titleStyle)
            buffer[area.x + 1, area.y].style = borderStyle
            buffer[area.x + 2 + titleText.count, area.y].style = borderStyle
        }
        if let note, !note.isEmpty {
            let noteText = glyphs.text(note)
            if titleText.count + noteText.count + 3 <= room {
                let x = right - 2 - noteText.count
                buffer.write(" " + noteText + " ", at: x, area.y, style: noteStyle)
                buffer[x, area.y].style = borderStyle
                buffer[right - 1, area.y].style = borderStyle
            }
        }
        return Self.inner(of: area)
    }
}
