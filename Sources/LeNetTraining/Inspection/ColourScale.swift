import Foundation

// MARK: - Colour scales of the inspection pictures

/// Maps values to colours for the inspection pictures (`activations.svg`, `filters.svg`,
/// `filters_by_epoch.svg`), and knows its numeric range so a legend can show it.
public struct ColourScale: Sendable, Equatable {
    /// How values become colours.
    public enum Kind: Sendable, Equatable {
        /// `low` (white) to `high` (dark blue), ColorBrewer "Blues" (`SVG.blue`): activations after ReLU.
        case sequential
        /// `low` (white) to `high` (black): the input image, ink dark as on paper.
        case grey
        /// Centred at 0, `−limit` dark blue, 0 white, `+limit` dark red (`Palette.redBlue`): weights,
        /// logits, saliency; `low == −high`.
        case diverging
    }

    public let kind: Kind
    /// The value drawn at the first end of the scale.
    public let low: Double
    /// The value drawn at the last end of the scale.
    public let high: Double

    /// `0 ... max(values)` (ReLU outputs are never negative), `0 ... 1` when every value is 0.
    public static func sequential<C: Collection>(_ values: C) -> ColourScale where C.Element == Float {
        ColourScale(kind: .sequential, low: 0, high: positive(values.map { Double($0) }.max() ?? 0))
    }

    /// `min(values) ... max(values)` in greys (an all-equal map gets a unit range above its value).
    public static func grey<C: Collection>(_ values: C) -> ColourScale where C.Element == Float {
        let low = Double(values.min() ?? 0), high = Double(values.max() ?? 0)
        return ColourScale(kind: .grey, low: low, high: high > low ? high : low + 1)
    }

    /// `−m ... m` with `m = max |value|`, so 0 is white (`−1 ... 1` when every value is 0).
    public static func diverging<C: Collection>(_ values: C) -> ColourScale where C.Element == Float {
        let limit = positive(values.map { abs(Double($0)) }.max() ?? 0)
        return ColourScale(kind: .diverging, low: -limit, high: limit)
    }

    /// `m` when it is positive and finite, else 1 (a scale needs a non-empty range).
    private static func positive(_ m: Double) -> Double { m > 0 && m.isFinite ? m : 1 }

    /// The position of `value` along the scale, clamped to `0...1` (NaN → 0).
    public func fraction(_ value: Double) -> Double {
        let t = (value - low) / (high - low)
        return t.isNaN ? 0 : min(1, max(0, t))
    }

    /// The colour of `value` as `#rrggbb`.
    public func colour(_ value: Double) -> String {
        let t = fraction(value)
        switch kind {
        case .sequential: return SVG.blue(t)
        case .grey: return Palette.greys.colour(t)
        case .diverging: return Palette.redBlue.colour(t)
        }
    }
}

// MARK: - Palettes

/// Colour stops, interpolated linearly in RGB.
public struct Palette: Sendable, Equatable {
    /// RGB stops, 0...255 per channel, first to last.
    public let stops: [[Double]]

    /// ColorBrewer's 11-class diverging "RdBu" (Cynthia Brewer, colorbrewer2.org) reversed, so negative
    /// values are blue and positive red, with pure white at the centre.
    public static let redBlue = Palette(stops: [
        [0x05, 0x30, 0x61], [0x21, 0x66, 0xac], [0x43, 0x93, 0xc3], [0x92, 0xc5, 0xde], [0xd1, 0xe5, 0xf0],
        [0xff, 0xff, 0xff],
        [0xfd, 0xdb, 0xc7], [0xf4, 0xa5, 0x82], [0xd6, 0x60, 0x4d], [0xb2, 0x18, 0x2b], [0x67, 0x00, 0x1f],
    ])

    /// White to black.
    public static let greys = Palette(stops: [[255, 255, 255], [0, 0, 0]])

    /// The colour at `t` in `0...1` (clamped; NaN → the first stop), as `#rrggbb`.
    public func colour(_ t: Double) -> String {
        let position = (t.isNaN ? 0 : min(1, max(0, t))) * Double(stops.count - 1)
        let index = min(stops.count - 2, Int(position))
        let f = position - Double(index)
        let rgb = (0..<3).map { Int((stops[index][$0] + (stops[index + 1][$0] - stops[index][$0]) * f).rounded()) }
        return String(format: "#%02x%02x%02x", rgb[0], rgb[1], rgb[2])
    }
}
