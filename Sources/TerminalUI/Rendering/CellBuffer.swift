// MARK: - Cell buffer

/// One terminal cell: a character one column wide and its style.
public struct Cell: Sendable, Equatable {
    public var character: Character
    public var style: Style

    public init(_ character: Character = " ", style: Style = .plain) {
        self.character = character
        self.style = style
    }

    /// A space in the plain style.
    public static let blank = Cell()
}

/// A width x height grid of cells that widgets draw into; the driver copies it to the screen.
///
/// Every character is taken to be one column wide (the glyph sets use only such characters). Writes
/// outside the buffer are dropped, so widgets may draw into any rectangle without bounds checks.
public struct CellBuffer: Sendable, Equatable {
    public let width: Int
    public let height: Int
    private var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: .blank, count: self.width * self.height)
    }

    /// The whole buffer as a rectangle.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at column `x`, row `y`; reads outside give a blank, writes outside are ignored.
    public subscript(x: Int, y: Int) -> Cell {
        get {
            guard contains(x: x, y: y) else { return .blank }
            return cells[y * width + x]
        }
        set {
            guard contains(x: x, y: y) else { return }
            cells[y * width + x] = newValue
        }
    }

    /// Whether (x, y) lies inside the buffer.
    public func contains(x: Int, y: Int) -> Bool {
        x >= 0 && y >= 0 && x < width && y < height
    }

    /// Writes `text` left to right from (x, y).
    ///
    /// - Parameters:
    ///   - text: one line; control characters (tab, newline, escape...) are drawn as spaces.
    ///   - style: the style of every written cell.
    ///   - maxWidth: at most this many columns are written (the rest of the text is cut).
    /// - Returns: the number of columns the text occupies after clipping to `maxWidth` (cells that fall
    ///   outside the buffer count as written).
    @discardableResult
    public mutating func write(_ text: String, at x: Int, _ y: Int, style: Style = .plain,
                               clippedTo maxWidth: Int = .max) -> Int {
        var column = 0
        for character in text {
            guard column < maxWidth else { break }
            self[x + column, y] = Cell(Self.printable(character), style: style)
            column += 1
        }
        return column
    }

    /// Writes `text` into a one-row area, clipped to the area's width.
    @discardableResult
    public mutating func write(_ text: String, in area: Rect, style: Style = .plain) -> Int {
        guard !area.isEmpty else { return 0 }
        return write(text, at: area.x, area.y, style: style, clippedTo: area.width)
    }

    /// Sets every cell of `area` (clipped to the buffer) to `cell`.
    public mutating func fill(_ area: Rect, with cell: Cell = .blank) {
        let clipped = area.intersection(bounds)
        guard !clipped.isEmpty else { return }
        for y in clipped.y..<clipped.maxY {
            for x in clipped.x..<clipped.maxX { cells[y * width + x] = cell }
        }
    }

    /// Changes the style of every cell in `area`, keeping the characters.
    public mutating func setStyle(_ style: Style, in area: Rect) {
        let clipped = area.intersection(bounds)
        guard !clipped.isEmpty else { return }
        for y in clipped.y..<clipped.maxY {
            for x in clipped.x..<clipped.maxX { cells[y * width + x].style = style }
        }
    }

    /// The characters of each row, full width (for tests and debugging).
    public func rows() -> [String] {
        (0..<height).map { y in String(cells[y * width ..< (y + 1) * width].map(\.character)) }
    }

    /// The rows with trailing spaces removed.
    public func trimmedRows() -> [String] {
        rows().map { row in
            var row = row
            while row.last == " " { row.removeLast() }
            return row
        }
    }

    /// The styles of row `y`, one per column.
    public func styles(row y: Int) -> [Style] {
        guard y >= 0, y < height else { return [] }
        return cells[y * width ..< (y + 1) * width].map(\.style)
    }

    /// Control characters would move the terminal's cursor: draw them as spaces.
    private static func printable(_ character: Character) -> Character {
        guard let scalar = character.unicodeScalars.first else { return " " }
        if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { return " " }
        return character
    }
}
