import LeNetFormats
import LeNetTraining

// MARK: - Draw pad

/// A command of the draw pad, from a key (see `DrawPad.command(for:)`).
public enum PadCommand: Sendable, Equatable {
    /// Move the cursor one cell by (dx, dy).
    case move(dx: Int, dy: Int)
    /// Put the pen down (inking the current cell) or lift it.
    case togglePen
    /// Switch between drawing and erasing.
    case toggleEraser
    /// Brush width 1...3.
    case brush(Int)
    /// Empty the pad, cursor back to the start, pen up, eraser off (brush width kept).
    case clear
}

/// The 28x28 keyboard draw pad as a value: pixels, cursor, pen, eraser and brush. A reducer: feed it
/// commands (or keys), read the pixels; no terminal needed.
///
/// The contract (tests and the tmux check depend on it):
/// - the cursor starts at cell (x 14, y 14) with the pen up;
/// - arrows and h/j/k/l move the cursor one cell (it stops at the edges);
/// - space toggles the pen; with the pen down the current cell and every cell the cursor enters is inked
///   with the brush: `brush` x `brush` cells with the cursor at the top-left (default 2: the cell, its
///   right neighbour and the two below them);
/// - x toggles the eraser (the brush then clears instead of inking); [ and ] make the brush narrower or
///   wider, 1...3;
/// - c clears the pad, puts the cursor back at (14, 14), lifts the pen and turns the eraser off (the
///   brush width stays).
public struct DrawPad: Sendable, Equatable {
    /// Cells per side.
    public static let side = 28
    /// Where the cursor starts.
    public static let start = (x: 14, y: 14)
    /// Brush widths.
    public static let brushes = 1...3

    /// `side * side` cells, row-major: 255 inked, 0 empty.
    public private(set) var pixels = [UInt8](repeating: 0, count: DrawPad.side * DrawPad.side)
    /// Cursor column and row, `0..<side`.
    public private(set) var cursorX = DrawPad.start.x
    public private(set) var cursorY = DrawPad.start.y
    public private(set) var penDown = false
    public private(set) var eraser = false
    /// Brush width in cells, 1...3.
    public private(set) var brush = 2

    public init() {}

    /// Whether cell (x, y) is inked.
    public func isInked(x: Int, y: Int) -> Bool {
        x >= 0 && y >= 0 && x < Self.side && y < Self.side && pixels[y * Self.side + x] > 0
    }

    /// Whether nothing is drawn.
    public var isEmpty: Bool { !pixels.contains { $0 > 0 } }

    /// The drawing as a sketch for `MNISTPreprocessing`.
    public var sketch: SketchImage { SketchImage(width: Self.side, height: Self.side, bytes: pixels) }

    /// The pad key bound to `key`, if any: arrows and h/j/k/l, space, x, [ and ], c.
    public static func command(for key: Key) -> PadCommand? {
        switch key {
        case .left, .character("h"): return .move(dx: -1, dy: 0)
        case .right, .character("l"): return .move(dx: 1, dy: 0)
        case .up, .character("k"): return .move(dx: 0, dy: -1)
        case .down, .character("j"): return .move(dx: 0, dy: 1)
        case .character(" "): return .togglePen
        case .character("x"), .character("X"): return .toggleEraser
        case .character("["): return .brush(-1)
        case .character("]"): return .brush(1)
        case .character("c"), .character("C"): return .clear
        default: return nil
        }
    }

    /// Carries out a command; `.brush(delta)` changes the width by `delta`, clamped to 1...3.
    public mutating func perform(_ command: PadCommand) {
        switch command {
        case .move(let dx, let dy):
            cursorX = min(max(0, cursorX + dx), Self.side - 1)
            cursorY = min(max(0, cursorY + dy), Self.side - 1)
            if penDown { stamp() }
        case .togglePen:
            penDown.toggle()
            if penDown { stamp() }
        case .toggleEraser:
            eraser.toggle()
        case .brush(let delta):
            brush = min(max(Self.brushes.lowerBound, brush + delta), Self.brushes.upperBound)
        case .clear:
            let width = brush
            self = DrawPad()
            brush = width
        }
    }

    /// Paints with the mouse: inks (or, with `erase`, clears) the brush at every pixel of the straight
    /// line from `from` to `to` (Bresenham's, so a fast drag leaves no gaps; just `to` without `from`),
    /// and moves the cursor to `to`. The brush's top-left is at each point, as the keyboard's; `rows` is
    /// how many pixel rows the pointer's cell shows (2 for a half-block cell), and the brush is at least
    /// that tall, so both pixels under the pointer are painted (brush 2: exactly the cell and the one on
    /// its right). The pen, eraser and brush settings are left as they are. Points outside the pad are
    /// clamped to its edge.
    public mutating func paint(from: (x: Int, y: Int)?, to: (x: Int, y: Int), rows: Int = 1, erase: Bool) {
        let clamp = { (p: (x: Int, y: Int)) in (x: min(max(0, p.x), Self.side - 1), y: min(max(0, p.y), Self.side - 1)) }
        let end = clamp(to)
        var (x, y) = clamp(from ?? to)
        let dx = abs(end.x - x), dy = -abs(end.y - y)
        let sx = x < end.x ? 1 : -1, sy = y < end.y ? 1 : -1
        var error = dx + dy
        while true {
            stamp(x: x, y: y, erase: erase, height: max(brush, rows))
            if x == end.x && y == end.y { break }
            let e2 = 2 * error
            if e2 >= dy { error += dy; x += sx }
            if e2 <= dx { error += dx; y += sy }
        }
        cursorX = end.x
        cursorY = end.y
    }

    /// Inks (or erases) the brush's cells at the cursor.
    private mutating func stamp() {
        stamp(x: cursorX, y: cursorY, erase: eraser, height: brush)
    }

    /// Inks (or with `erase` clears) `brush` columns by `height` rows with (x, y) at the top-left,
    /// clipped to the pad.
    private mutating func stamp(x left: Int, y top: Int, erase: Bool, height: Int) {
        guard left >= 0, top >= 0 else { return }
        for y in top ..< min(Self.side, top + height) {
            for x in left ..< min(Self.side, left + brush) {
                pixels[y * Self.side + x] = erase ? 0 : 255
            }
        }
    }

    /// The pad as text art (`#` inked, `.` empty), one string per row: for tests and debugging.
    public var textArt: [String] {
        (0..<Self.side).map { y in String((0..<Self.side).map { isInked(x: $0, y: y) ? "#" : "." }) }
    }
}
