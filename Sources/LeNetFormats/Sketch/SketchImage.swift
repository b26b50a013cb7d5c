// MARK: - Sketch image

/// A grey-level drawing of any size, before MNIST-style preprocessing: what a text-art or PGM file, or
/// the draw pad, holds.
///
/// Layout: row-major, `values[y * width + x]`, `y` grows down. Values are ink intensities in `0...1`:
/// 0 is background, 1 full ink (MNIST's polarity: bright strokes on a dark field).
public struct SketchImage: Sendable, Equatable {
    /// Columns.
    public let width: Int
    /// Rows.
    public let height: Int
    /// `width * height` ink intensities in `0...1`, row-major.
    public private(set) var values: [Float]

    /// - Precondition: `values.count == width * height`, both sizes `>= 0`; values are clamped to `0...1`.
    public init(width: Int, height: Int, values: [Float]) {
        precondition(width >= 0 && height >= 0 && values.count == width * height,
                     "SketchImage: \(values.count) values for \(width)x\(height)")
        self.width = width
        self.height = height
        self.values = values.map { $0.isFinite ? min(1, max(0, $0)) : 0 }
    }

    /// Wraps values already known to be finite and in `0...1` (the parsers' output), without the copy
    /// that clamping makes.
    init(width: Int, height: Int, unitValues: [Float]) {
        assert(unitValues.count == width * height && unitValues.allSatisfy { (0 ... 1).contains($0) })
        self.width = width
        self.height = height
        self.values = unitValues
    }

    /// An image from bytes `0...255` (255 = full ink), row-major: e.g. the 28x28 draw pad.
    public init(width: Int, height: Int, bytes: [UInt8]) {
        self.init(width: width, height: height, values: bytes.map { Float($0) / 255 })
    }

    /// The intensity at column `x`, row `y`.
    public subscript(x: Int, y: Int) -> Float { values[y * width + x] }

    /// Whether any pixel has ink (intensity above 0).
    public var hasInk: Bool { values.contains { $0 > 0 } }

    /// The smallest rectangle holding every inked pixel, or `nil` for an empty drawing.
    public var inkBounds: (x: Int, y: Int, width: Int, height: Int)? {
        var minX = width, minY = height, maxX = -1, maxY = -1
        for y in 0..<height {
            for x in 0..<width where values[y * width + x] > 0 {
                minX = min(minX, x); maxX = max(maxX, x)
                minY = min(minY, y); maxY = max(maxY, y)
            }
        }
        guard maxX >= 0 else { return nil }
        return (minX, minY, maxX - minX + 1, maxY - minY + 1)
    }

    /// The image as text art, one string per row: `.` for 0, `#` for 1, digits `1`-`8` between
    /// (intensity x 9, rounded). Handy in test failures.
    public var textArt: [String] {
        (0..<height).map { y in
            String((0..<width).map { x -> Character in
                let level = Int((self[x, y] * 9).rounded())
                return level == 0 ? "." : level == 9 ? "#" : Character(String(level))
            })
        }
    }
}
