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
    /// The drawing (or the pad's model) changed: read it again (`refreshPad`) and draw.
    case padChanged
    /// Save a checkpoint now, then `noteSaved` / `noteSaveFailed`.
    case save
    /// Save a checkpoint, then quit (quit confirmation answered with s).
    case saveAndQuit
    /// Leave the dashboard; stop the trainer first if it still runs.
    case quit
    /// Ctrl-C (SIGINT, and SIGTERM / SIGHUP): leave at once, stopping the trainer if it still runs; the
    /// command then exits with status 130.
    case interrupt
    /// The confusion browser opened on this cell: find its test images, then `showConfusionExamples`.
    case loadConfusions(ConfusionCell)
    /// Ask the trainer's control for this (`+ - < > .`, and y to the rewind question), then `noteControl`.
    case steer(SteeringRequest)
}

/// What a binding does. Adding a key is adding a command, a binding in `DashboardState.keyBindings` (or
/// `padKeyBindings`) and a case in `DashboardState.perform(_:)`.
public enum DashboardCommand: Sendable, Equatable {
    case togglePause
    case quit
    /// Scroll the epoch log by this many lines towards older epochs (negative: newer).
    case scrollLog(Int)
    /// d: give the keys (and on narrow terminals the screen) to the draw pad.
    case openPad
    /// Escape: back from the pad or the heatmap to the training view (quit when only the pad runs).
    case back
    /// tab: the next panel (training, heatmap, pad).
    case cycleFocus
    /// s: write a checkpoint now.
    case save
    /// ?: the help overlay.
    case help
    /// A draw-pad command (pad focused only).
    case pad(PadCommand)
    /// v: the pad shows the network's 28x28 input instead of the drawing, or back.
    case toggleNetworkView
    /// m: the pad's next model (pretrained checkpoint / training weights).
    case cyclePadModel
    /// b (or Enter on the focused heatmap): pick a heatmap cell with the arrows.
    case selectCell
    /// Enter: `selectCell` when the heatmap has the keys.
    case heatmapEnter
    /// Arrows while selecting: move the highlighted cell (dx = predicted column, dy = true-class row).
    case moveSelection(dx: Int, dy: Int)
    /// Enter while selecting: browse the selected cell's test images.
    case openBrowser
    /// ←/→ or [ ] in the browser: the previous (-1) / next (+1) image.
    case stepBrowser(Int)
    /// n: open the network view, then its next page, then close it.
    case networkView
    /// g: the saliency overlay on the 28x28 input, or off.
    case toggleSaliency
    /// w: the sparklines show the recent window or the whole run.
    case toggleChartScope
    /// `+ - < > . r`: steer the run (`DashboardState+Steering.swift`).
    case steer(SteeringRequest)
}

/// Keys, the command they trigger, and how the key-help line shows them.
public struct KeyBinding: Sendable {
    public let keys: [Key]
    /// How the keys appear in the help line ("p/space"); empty for bindings the help line leaves out.
    public let label: String
    public let command: DashboardCommand
    /// Main keys (true) stay on the help line when it is too narrow for all; the others go first.
    public let isMain: Bool
    /// The help text for the current state ("pause" / "resume"); `nil` hides the binding.
    public let help: @Sendable (DashboardState) -> String?

    public init(keys: [Key], label: String, command: DashboardCommand, isMain: Bool = false,
                help: @escaping @Sendable (DashboardState) -> String?) {
        self.keys = keys
        self.label = label
        self.command = command
        self.isMain = isMain
        self.help = help
    }
}

extension DashboardState {
    /// The dashboard's key bindings, in key-help order (with the pad focused, `padKeyBindings` come first).
    public static let keyBindings: [KeyBinding] = [
        KeyBinding(keys: [.character("p"), .character("P"), .character(" ")], label: "p", command: .togglePause,
                   isMain: true) { state in
            guard state.phase.isActive, !state.padOnly else { return nil }
            return (state.pendingPause ?? state.isPaused) ? "resume" : "pause"
        },
        KeyBinding(keys: [.character("w"), .character("W")], label: "w", command: .toggleChartScope) { state in
            guard !state.padOnly else { return nil }
            return state.chartScope == .recent ? "whole run" : "recent"
        },
        KeyBinding(keys: [.character("d"), .character("D")], label: "d", command: .openPad, isMain: true) { state in
            state.padOpen ? nil : "draw"
        },
        KeyBinding(keys: [.tab], label: "tab", command: .cycleFocus) { state in state.padOnly ? nil : "panels" },
        KeyBinding(keys: [.character("+"), .character("=")], label: "+/-", command: .steer(.doubleLearningRate)) { state in
            state.canSteer ? "lr" : nil
        },
        KeyBinding(keys: [.character("-"), .character("_")], label: "", command: .steer(.halveLearningRate)) { _ in nil },
        KeyBinding(keys: [.character("<")], label: "</>", command: .steer(.slowDown)) { state in
            state.canSteer ? "pace" : nil
        },
        KeyBinding(keys: [.character(">")], label: "", command: .steer(.speedUp)) { _ in nil },
        KeyBinding(keys: [.character(".")], label: ".", command: .steer(.step)) { state in
            state.canSteer && (state.pendingPause ?? state.isPaused) ? "step" : nil
        },
        KeyBinding(keys: [.character("r"), .character("R")], label: "r", command: .steer(.rewind)) { state in
            state.canSteer ? "rewind" : nil
        },
        KeyBinding(keys: [.up], label: "↑/↓", command: .scrollLog(1)) { state in
            state.epochs.count > 1 && state.focus == .training ? "scroll log" : nil
        },
        KeyBinding(keys: [.down], label: "", command: .scrollLog(-1)) { _ in nil },
        KeyBinding(keys: [.pageUp], label: "", command: .scrollLog(10)) { _ in nil },
        KeyBinding(keys: [.pageDown], label: "", command: .scrollLog(-10)) { _ in nil },
        KeyBinding(keys: [.end], label: "", command: .scrollLog(-.max / 2)) { _ in nil },
        KeyBinding(keys: [.escape], label: "Esc", command: .back) { state in
            if state.focus == .heatmap && !state.isSelectingCell { return "back" }
            // n says "close network" itself on the view's last page.
            let paged = state.networkPage + 1 < state.networkPageCount
            return state.networkViewOpen && state.focus == .training && paged ? "close network" : nil
        },
        KeyBinding(keys: [.character("b"), .character("B")], label: "b", command: .selectCell) { state in
            state.canBrowse && state.heatmapMatrix != nil && !state.isSelectingCell ? "browse errors" : nil
        },
        KeyBinding(keys: [.enter], label: "", command: .heatmapEnter) { _ in nil },
        KeyBinding(keys: [.character("s"), .character("S")], label: "s", command: .save, isMain: true) { state in
            state.canSave ? "save" : nil
        },
        KeyBinding(keys: [.character("n"), .character("N")], label: "n", command: .networkView, isMain: true) { state in
            guard state.networkViewOpen else { return "network" }
            return state.networkPage + 1 < state.networkPageCount ? "next page" : "close network"
        },
        KeyBinding(keys: [.character("g"), .character("G")], label: "g", command: .toggleSaliency) { state in
            // Listed here for the network view alone; the pad and the browser list their own g.
            guard state.networkViewOpen, !state.padOpen, state.browsing == nil else { return nil }
            return state.showsSaliency ? "hide saliency" : "saliency"
        },
        KeyBinding(keys: [.character("?"), .function(1)], label: "?", command: .help, isMain: true) { _ in "help" },
        KeyBinding(keys: [.character("q"), .character("Q")], label: "q", command: .quit, isMain: true) { _ in "quit" },
    ]

    /// Keys of the focused draw pad, consulted before `keyBindings` (so space draws instead of pausing).
    public static let padKeyBindings: [KeyBinding] = [
        KeyBinding(keys: [.left, .right, .up, .down, .character("h"), .character("j"), .character("k"),
                          .character("l")],
                   label: "←↑↓→", command: .pad(.move(dx: 0, dy: 0)), isMain: true) { _ in "move" },
        KeyBinding(keys: [.character(" ")], label: "space", command: .pad(.togglePen), isMain: true) { state in
            state.pad.penDown ? "pen up" : "pen down"
        },
        KeyBinding(keys: [.character("x"), .character("X")], label: "x", command: .pad(.toggleEraser)) { state in
            state.pad.eraser ? "draw" : "eraser"
        },
        KeyBinding(keys: [.character("["), .character("]")], label: "[ ]", command: .pad(.brush(0))) { state in
            "brush \(state.pad.brush)"
        },
        KeyBinding(keys: [.character("c"), .character("C")], label: "c", command: .pad(.clear), isMain: true) { _ in
            "clear"
        },
        KeyBinding(keys: [.character("v"), .character("V")], label: "v", command: .toggleNetworkView) { state in
            state.showsNetworkInput ? "drawing" : "input"
        },
        KeyBinding(keys: [.character("g"), .character("G")], label: "g", command: .toggleSaliency, isMain: true) { state in
            state.showsSaliency ? "hide saliency" : "saliency"
        },
        KeyBinding(keys: [.character("m"), .character("M")], label: "m", command: .cyclePadModel) { state in
            state.padSources.count > 1 ? "model" : nil
        },
        KeyBinding(keys: [.escape], label: "Esc", command: .back, isMain: true) { state in
            state.padOnly ? nil : "back"
        },
    ]

    /// Keys while a heatmap cell is being selected (b), consulted first.
    public static let selectionKeyBindings: [KeyBinding] = [
        KeyBinding(keys: [.left], label: "←↑↓→", command: .moveSelection(dx: -1, dy: 0), isMain: true) { _ in "cell" },
        KeyBinding(keys: [.right], label: "", command: .moveSelection(dx: 1, dy: 0)) { _ in nil },
        KeyBinding(keys: [.up], label: "", command: .moveSelection(dx: 0, dy: -1)) { _ in nil },
        KeyBinding(keys: [.down], label: "", command: .moveSelection(dx: 0, dy: 1)) { _ in nil },
        KeyBinding(keys: [.enter], label: "Enter", command: .openBrowser, isMain: true) { _ in "browse" },
        KeyBinding(keys: [.escape], label: "Esc", command: .back, isMain: true) { _ in "done" },
    ]

    /// Keys of the open confusion browser, consulted first.
    public static let browserKeyBindings: [KeyBinding] = [
        KeyBinding(keys: [.left, .character("[")], label: "←/→", command: .stepBrowser(-1), isMain: true) { _ in "image" },
        KeyBinding(keys: [.right, .character("]")], label: "", command: .stepBrowser(1)) { _ in nil },
        KeyBinding(keys: [.character("g"), .character("G")], label: "g", command: .toggleSaliency, isMain: true) { state in
            state.showsSaliency ? "hide saliency" : "saliency"
        },
        KeyBinding(keys: [.escape], label: "Esc", command: .back, isMain: true) { _ in "cells" },
    ]

    /// The command bound to `key` outside the pad, if any (the first binding that lists the key wins).
    public static func command(for key: Key) -> DashboardCommand? {
        keyBindings.first { $0.keys.contains(key) }?.command
    }

    /// The command `key` triggers in this state: pad keys first while the pad is focused.
    public func command(for key: Key) -> DashboardCommand? {
        if browsing != nil, let binding = Self.browserKeyBindings.first(where: { $0.keys.contains(key) }) {
            return binding.command
        }
        if browsing == nil, isSelectingCell,
           let binding = Self.selectionKeyBindings.first(where: { $0.keys.contains(key) }) {
            return binding.command
        }
        if padOpen {
            if let move = DrawPad.command(for: key) { return .pad(move) }
            if let binding = Self.padKeyBindings.first(where: { $0.keys.contains(key) }) { return binding.command }
        }
        return Self.command(for: key)
    }

    /// The bindings the help line shows now, in order.
    var visibleBindings: [KeyBinding] {
        if browsing != nil { return Self.browserKeyBindings + Self.keyBindings }
        if isSelectingCell { return Self.selectionKeyBindings + Self.keyBindings }
        return (padOpen ? Self.padKeyBindings : []) + Self.keyBindings
    }

    /// The (label, help, main) entries of the key-help line for this state.
    public var keyHelp: [(label: String, help: String, isMain: Bool)] {
        visibleBindings.compactMap { binding in
            guard !binding.label.isEmpty, let help = binding.help(self) else { return nil }
            return (binding.label, help, binding.isMain)
        }
    }

    /// Reduces a key press: updates the state and says what else must happen.
    public mutating func handle(key: Key) -> KeyAction {
        if key == .resize { return .redraw }
        steeringNote = nil
        if confirmingRewind { return answerRewind(key) }
        if confirmingQuit {
            switch key {
            case .character("y"), .character("Y"): confirmingQuit = false; return .quit
            case .character("s"), .character("S"): confirmingQuit = false; return .saveAndQuit
            case .character("n"), .character("N"), .escape, .character("q"): confirmingQuit = false; return .redraw
            default: return .none
            }
        }
        if helpVisible { return closeHelp(key) }
        guard let command = command(for: key) else { return .none }
        return perform(command)
    }

    /// A key over the `?` overlay: `?` (F1) turns from the keys to the network's summary and closes that
    /// page; Esc closes either. Any other key closes the overlay and then does what it does without it
    /// (the user read the key and pressed it), except a key that would destroy something without asking:
    /// the pad's c (its drawing) and a q that would quit at once (nothing unsaved to ask about), which
    /// only close it.
    private mutating func closeHelp(_ key: Key) -> KeyAction {
        let help = key == .character("?") || key == .function(1)
        if help && helpPage == 0 {
            helpPage = 1
            return .redraw
        }
        helpVisible = false
        helpPage = 0
        guard !help, key != .escape, let command = command(for: key) else { return .redraw }
        switch command {
        case .pad(.clear): return .redraw
        case .quit where !quitAsksFirst: return .redraw
        default:
            let action = perform(command)
            return action == .none ? .redraw : action
        }
    }

    /// Whether q asks before quitting: training still runs (or waits to) and mini-batches were trained
    /// since the last checkpoint; `lenet-tui draw` never asks.
    var quitAsksFirst: Bool { !padOnly && phase.isActive && batchesSinceCheckpoint > 0 }

    /// Reduces Ctrl-C (SIGINT; SIGTERM and SIGHUP alike): quit at once, without the question `q` asks
    /// about unsaved progress. Training stops after the current mini-batch and the last finished epoch's
    /// checkpoint stays, as for headless `train`. Closes the quit question and the help overlay.
    public mutating func handleInterrupt() -> KeyAction {
        confirmingQuit = false
        confirmingRewind = false
        helpVisible = false
        return .interrupt
    }

    /// Carries out a command on the state.
    public mutating func perform(_ command: DashboardCommand) -> KeyAction {
        switch command {
        case .togglePause:
            guard phase.isActive, !padOnly else { return .none }
            requestTogglePause()
            return .togglePause
        case .quit:
            if quitAsksFirst {
                confirmingQuit = true
                return .redraw
            }
            return .quit
        case .scrollLog(let lines):
            guard focus == .training else { return .none }
            let before = logScroll
            scrollLog(by: lines)
            return logScroll == before ? .none : .redraw
        case .openPad:
            endBrowsing()
            focus = .pad
            return .padChanged
        case .back:
            if padOnly && !networkViewOpen { return .quit }
            if let action = backFromBrowsing() { return action }
            if focus != .training && !padOnly {
                focus = .training
                return .redraw
            }
            guard networkViewOpen else { return .none }
            return changingPadSource { $0.closeNetworkView() }
        case .cycleFocus:
            guard !padOnly else { return .none }
            endBrowsing()
            let all = Focus.allCases
            focus = all[(all.firstIndex(of: focus)! + 1) % all.count]
            return focus == .pad ? .padChanged : .redraw
        case .save:
            return canSave ? .save : .none
        case .help:
            helpVisible = true
            helpPage = 0
            return .redraw
        case .pad(let padCommand):
            pad.perform(padCommand)
            return .padChanged
        case .toggleNetworkView:
            showsNetworkInput.toggle()
            return .redraw
        case .cyclePadModel:
            return cyclePadSource() ? .padChanged : .none
        case .selectCell:
            guard !padOnly, !isSelectingCell else { return .none }
            return startCellSelection()
        case .heatmapEnter:
            guard focus == .heatmap, !isSelectingCell else { return .none }
            return startCellSelection()
        case .moveSelection(let dx, let dy):
            return moveCellSelection(dx: dx, dy: dy)
        case .openBrowser:
            return openBrowser()
        case .stepBrowser(let step):
            return stepBrowser(by: step)
        case .networkView:
            return changingPadSource { _ = $0.stepNetworkView() }
        case .toggleSaliency:
            return toggleSaliency()
        case .toggleChartScope:
            guard !padOnly else { return .none }
            return toggleChartScope()
        case .steer(let request):
            return steer(request)
        }
    }

    /// Runs `change`; `.padChanged` when it switched the pad's model under a drawing (read it again), else
    /// `.redraw`.
    private mutating func changingPadSource(_ change: (inout DashboardState) -> Void) -> KeyAction {
        let before = padSource
        change(&self)
        return padSource != before && padReading != nil ? .padChanged : .redraw
    }

    /// Records a failed save (one line) on the status line.
    public mutating func noteSaveFailed(_ message: String) {
        checkpointNote = "save failed: \(message)"
    }
}
