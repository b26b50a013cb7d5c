import Foundation

// MARK: - Colour roles and styles

/// What a piece of text means, not which colour it has: the driver maps roles to curses colour pairs,
/// or to bold / reverse video on a monochrome terminal (or with `NO_COLOR` set).
public enum ColorRole: Sendable, Hashable {
    /// The terminal's default colour.
    case plain
    /// The application title.
    case title
    /// Highlighted data (sparkline of the loss, key names, progress bar).
    case accent
    /// Something going well (running, best epoch, accuracy sparkline).
    case good
    /// Needs attention (paused, misclassifications).
    case warn
    /// Failure.
    case error
    /// Step `n` of the heatmap's perceptual ramp (dark to bright, `HeatRamp.steps(for:)` steps; 0 = no
    /// colour), for cell backgrounds.
    case heat(Int)
    /// Text readable on `heat(n)` (light on the dark steps, dark on the bright ones).
    case heatText(Int)
    /// Grey level `n` in `0...23` (black to white) of the network's-eye view of the draw pad and of
    /// activation maps.
    case grey(Int)
    /// Step `n` in `-MapRamp.divergingHalf...MapRamp.divergingHalf` of the weights' diverging scale: blue
    /// (negative) through white (zero) to red (positive).
    case diverging(Int)
    /// Step `n` in `1...MapRamp.warmSteps` of the saliency overlay: dark red to yellow.
    case warm(Int)
    /// The draw pad: inked pixels, empty pixels and the cursor.
    case ink
    case canvas
    case cursor
}

/// How many colours the terminal has; widgets pick ramps (or shade characters) to match.
public enum ColorDepth: Sendable, Equatable {
    /// No colours (or `NO_COLOR`): attributes and shade characters only.
    case monochrome
    /// The eight ANSI colours.
    case basic
    /// 256 colours (xterm-256color and most modern terminals).
    case extended
}

/// The heatmap's colour ramp: a perceptual dark-to-bright ramp (viridis, approximated in the xterm
/// 256-colour cube) with many steps on 256-colour terminals, a few ANSI colours on 8-colour ones.
public enum HeatRamp {
    /// xterm-256 colour numbers of the steps after 0 (viridis: purple, blue, teal, green, yellow).
    static let extendedColors: [Int16] = [54, 55, 61, 25, 31, 37, 36, 71, 77, 149, 184, 226]
    /// Of `extendedColors`, the first five are dark: light text on them.
    static let extendedDarkSteps = 5
    /// ANSI colours of the steps after 0 on 8-colour terminals: blue, cyan, green, yellow.
    static let basicColors: [Int16] = [4, 6, 2, 3]

    /// Steps including step 0 (no colour): 13 with 256 colours, 5 with 8, 5 shade characters without.
    public static func steps(for depth: ColorDepth) -> Int {
        switch depth {
        case .extended: return extendedColors.count + 1
        case .basic: return basicColors.count + 1
        case .monochrome: return 5
        }
    }

    /// The step (0 for zero, else 1..<steps) of a share in `0...1` on a logarithmic scale, so a 0.1% or 1%
    /// confusion is already visible while the diagonal (about 99%) is the brightest:
    /// `t = ln(1 + 1000 x share) / ln(1001)`, step `1 + round(t x (steps - 2))`.
    public static func step(share: Double, steps: Int) -> Int {
        guard share > 0, share.isFinite, steps > 1 else { return 0 }
        let t = log1p(1000 * min(1, share)) / log1p(1000)
        return 1 + Int((t * Double(steps - 2)).rounded())
    }
}

/// How a cell is drawn: foreground and background roles plus text attributes.
public struct Style: Sendable, Hashable {
    public var foreground: ColorRole
    public var background: ColorRole
    public var bold: Bool
    public var dim: Bool
    public var reverse: Bool

    public init(foreground: ColorRole = .plain, background: ColorRole = .plain,
                bold: Bool = false, dim: Bool = false, reverse: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
    }

    public static let plain = Style()
    public static let title = Style(foreground: .title, bold: true)
    public static let accent = Style(foreground: .accent)
    public static let good = Style(foreground: .good)
    public static let warn = Style(foreground: .warn, bold: true)
    public static let error = Style(foreground: .error, bold: true)
    public static let dim = Style(dim: true)
    public static let bold = Style(bold: true)

    /// This style with bold switched on.
    public var bolded: Style { var s = self; s.bold = true; return s }
}
