// MARK: - Keys

/// A key press, decoded by the driver.
public enum Key: Sendable, Hashable {
    case character(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, escape, backspace, tab
    /// The terminal changed size.
    case resize
    /// Function key F1...F12.
    case function(Int)
    /// Anything else (the raw curses code).
    case other(Int32)
}

/// What the dashboard must do after a key, beyond the state change `handle(key:)` already made.
public enum KeyAction: Sendable, Equatable {
    /// Nothing (unbound key, or a binding that does not apply now).
    case none
    /// Only the state changed: draw again.
    case redraw
    /// Ask the trainer to pause or resume (`TrainingControl.togglePause()`).
    case togglePause
    /// Leave the dashboard; stop the trainer first if it still runs.
    case quit
}

/// What a binding does. Adding a key is adding a command, a binding in `DashboardState.keyBindings`
/// and a case in `DashboardState.perform(_:)`.
public enum DashboardCommand: Sendable, Equatable {
    case togglePause
    case quit
    /// Scroll the epoch log by this many lines towards older epochs (negative: newer).
    case scrollLog(Int)
}

/// Keys, the command they trigger, and how the key-help line shows them.
public struct KeyBinding: Sendable {
    public let keys: [Key]
    /// How the keys appear in the help line ("p/space"); empty for bindings the help line leaves out.
    public let label: String
    public let command: DashboardCommand
    /// The help text for the current state ("pause" / "resume"); `nil` hides the binding.
    public let help: @Sendable (DashboardState) -> String?

    public init(keys: [Key], label: String, command: DashboardCommand,
                help: @escaping @Sendable (DashboardState) -> String?) {
        self.keys = keys
        self.label = label
        self.command = command
        self.help = help
    }
}

extension DashboardState {
    /// All key bindings, in key-help order.
    public static let keyBindings: [KeyBinding] = [
        KeyBinding(keys: [.character("p"), .character("P"), .character(" ")], label: "p/space",
                   command: .togglePause) { state in
            guard state.phase.isActive else { return nil }
            return (state.pendingPause ?? state.isPaused) ? "resume" : "pause"
        },
        KeyBinding(keys: [.up], label: "↑/↓", command: .scrollLog(1)) { state in
            state.epochs.count > 1 ? "scroll log" : nil
        },
        KeyBinding(keys: [.down], label: "", command: .scrollLog(-1)) { _ in nil },
        KeyBinding(keys: [.pageUp], label: "", command: .scrollLog(10)) { _ in nil },
        KeyBinding(keys: [.pageDown], label: "", command: .scrollLog(-10)) { _ in nil },
        KeyBinding(keys: [.end], label: "", command: .scrollLog(-.max / 2)) { _ in nil },
        KeyBinding(keys: [.character("q"), .character("Q")], label: "q", command: .quit) { _ in "quit" },
    ]

    /// The command bound to `key`, if any (the first binding that lists the key wins).
    public static func command(for key: Key) -> DashboardCommand? {
        keyBindings.first { $0.keys.contains(key) }?.command
    }

    /// The (label, help) pairs of the key-help line for this state.
    public var keyHelp: [(label: String, help: String)] {
        Self.keyBindings.compactMap { binding in
            guard !binding.label.isEmpty, let help = binding.help(self) else { return nil }
            return (binding.label, help)
        }
    }

    /// Reduces a key press: updates the state and says what else must happen.
    public mutating func handle(key: Key) -> KeyAction {
        if key == .resize { return .redraw }
        guard let command = Self.command(for: key) else { return .none }
        return perform(command)
    }

    /// Carries out a command on the state.
    public mutating func perform(_ command: DashboardCommand) -> KeyAction {
        switch command {
        case .togglePause:
            guard phase.isActive else { return .none }
            requestTogglePause()
            return .togglePause
        case .quit:
            return .quit
        case .scrollLog(let lines):
            let before = logScroll
            scrollLog(by: lines)
            return logScroll == before ? .none : .redraw
        }
    }
}
