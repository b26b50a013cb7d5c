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

    /// Inks (or erases) the brush's cells at the cursor.
    private mutating func stamp() {
        for y in cursorY ..< min(Self.side, cursorY + brush) {
            for x in cursorX ..< min(Self.side, cursorX + brush) {
                pixels[y * Self.side + x] = eraser ? 0 : 255
            }
        }
    }

    /// The pad as text art (`#` inked, `.` empty), one string per row: for tests and debugging.
    public var textArt: [String] {
        (0..<Self.side).map { y in String((0..<Self.side).map { isInked(x: $0, y: y) ? "#" : "." }) }
    }
}
