// MARK: - Mouse events

/// Which button a mouse report is about.
public enum MouseButton: Sendable, Equatable {
    case left, middle, right
    /// The wheel turned away from the user (scroll up) or towards them (scroll down); sideways wheels are
    /// `wheelLeft` / `wheelRight`.
    case wheelUp, wheelDown, wheelLeft, wheelRight
    /// No button: motion with every button up (only reported in mode 1003, which the dashboard does not
    /// ask for), or an extra button (8 to 11) the dashboard has no use for.
    case none
}

/// What happened to the button.
public enum MouseAction: Sendable, Equatable {
    /// Pressed (also every notch of a wheel).
    case press
    /// Moved to another cell with the button held (mode 1002, button-event tracking).
    case drag
    /// Let go.
    case release
    /// Moved with no button held (mode 1003 only).
    case move
}

/// One mouse report, decoded from xterm's SGR encoding (`ESC [ < b ; x ; y M` or `m`).
public struct MouseEvent: Sendable, Equatable {
    public var action: MouseAction
    public var button: MouseButton
    /// The cell under the pointer, 0-based (the terminal reports 1-based columns and rows).
    public var x: Int
    public var y: Int
    /// Modifiers held: Shift (terminals usually keep Shift+drag for their own selection), Alt (Meta), Ctrl.
    public var shift = false
    public var alt = false
    public var control = false

    public init(_ action: MouseAction, _ button: MouseButton, x: Int, y: Int, shift: Bool = false, alt: Bool = false,
                control: Bool = false) {
        self.action = action
        self.button = button
        self.x = x
        self.y = y
        self.shift = shift
        self.alt = alt
        self.control = control
    }

    /// The event of SGR parameters `b;x;y` and final byte `M` (press, motion) or `m` (release), or nil when
    /// they cannot be a report: a column or row of 0.
    ///
    /// `b` (xterm's "Extended coordinates" and "Button-event tracking"): bits 0-1 the button (0 left,
    /// 1 middle, 2 right, 3 none), +4 Shift, +8 Meta, +16 Ctrl, +32 motion, +64 wheel (then bits 0-1: up,
    /// down, left, right), +128 buttons 8 to 11.
    public init?(sgrButton b: Int, column: Int, row: Int, released: Bool) {
        guard column >= 1, row >= 1, b >= 0 else { return nil }
        let low = b & 3, motion = b & 32 != 0
        let button: MouseButton
        if b & 128 != 0 {
            button = .none
        } else if b & 64 != 0 {
            button = [MouseButton.wheelUp, .wheelDown, .wheelLeft, .wheelRight][low]
        } else {
            button = [MouseButton.left, .middle, .right, .none][low]
        }
        let action: MouseAction
        if released { action = .release } else if motion { action = button == .none ? .move : .drag } else { action = .press }
        self.init(action, button, x: column - 1, y: row - 1, shift: b & 4 != 0, alt: b & 8 != 0, control: b & 16 != 0)
    }
}
