// MARK: - Map colour scales

/// The colour scales of the network view's maps and their terminal colours: greys for activations (black =
/// zero, white = the layer's maximum), a diverging blue-white-red scale centred at zero for weights, and a
/// warm dark-red-to-yellow scale for saliency. `CursesDriver` maps the roles to xterm-256 colours (or to a
/// few of the eight ANSI colours); without colours widgets draw shade characters instead.
public enum MapRamp {
    /// Grey levels used for activations, spread over `ColorRole.grey`'s 24 (fewer colour pairs).
    public static let greyLevels = 12
    /// Diverging steps on each side of zero: `ColorRole.diverging(-5...5)`.
    public static let divergingHalf = 5
    /// Saliency steps: `ColorRole.warm(1...8)`.
    public static let warmSteps = 8

    /// xterm-256 colours of the diverging steps -5...5: dark blue, light blue, near white, pink, dark red.
    static let divergingExtended: [Int16] = [18, 26, 69, 111, 153, 255, 224, 217, 210, 196, 124]
    /// ANSI colours of the diverging steps on 8-colour terminals: blue, cyan, white, yellow, red.
    static func divergingBasic(_ step: Int) -> Int16 {
        switch step {
        case ...(-3): return 4
        case -2 ... -1: return 6
        case 0: return 7
        case 1...2: return 3
        default: return 1
        }
    }
    /// xterm-256 colours of the warm steps 1...8: dark red, red, orange, yellow.
    static let warmExtended: [Int16] = [88, 124, 160, 196, 202, 208, 214, 226]
    /// ANSI colours of the warm steps on 8-colour terminals: red for the lower half, yellow above.
    static func warmBasic(_ step: Int) -> Int16 { step <= warmSteps / 2 ? 1 : 3 }

    /// The grey step `0..<greyLevels` of `q` in `0...1` (clamped; NaN is 0).
    public static func greyStep(_ q: Float) -> Int {
        guard q.isFinite else { return 0 }
        return Int((min(1, max(0, q)) * Float(greyLevels - 1)).rounded())
    }

    /// The grey colour of `q` in `0...1`.
    public static func grey(_ q: Float) -> ColorRole { .grey(greyStep(q) * 23 / (greyLevels - 1)) }

    /// The diverging step `-divergingHalf...divergingHalf` of `q` in `-1...1` (clamped; NaN is 0).
    public static func divergingStep(_ q: Float) -> Int {
        guard q.isFinite else { return 0 }
        return Int((min(1, max(-1, q)) * Float(divergingHalf)).rounded())
    }

    /// The warm step `1...warmSteps` of a saliency `s` in `0...1` (the lowest step for 0).
    public static func warmStep(_ s: Float) -> Int {
        guard s.isFinite else { return 1 }
        return 1 + Int((min(1, max(0, s)) * Float(warmSteps - 1)).rounded())
    }

    /// The index into a ramp of `count` characters (first = empty, last = full) of `q` in `0...1`.
    public static func shade(_ q: Float, count: Int) -> Int {
        guard q.isFinite, count > 1 else { return 0 }
        return Int((min(1, max(0, q)) * Float(count - 1)).rounded())
    }
}
