// MARK: - Colour roles and styles

/// What a piece of text means, not which colour it has: the driver maps roles to curses colour pairs,
/// or to bold / reverse video on a monochrome terminal (or with `NO_COLOR` set).
public enum ColorRole: Sendable, Hashable, CaseIterable {
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
