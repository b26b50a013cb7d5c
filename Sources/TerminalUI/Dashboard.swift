import Foundation
import LeNetTraining

// MARK: - Dashboard

/// How `Dashboard.run(control:)` ended.
public enum DashboardExit: Sendable, Equatable {
    /// The user quit after the run had ended (finished, stopped or failed).
    case closedAfterRun
    /// The user quit while training was still going; `control.stop()` was called. Wait for the trainer
    /// to wind down (it stops within one mini-batch) before exiting.
    case stoppedTraining
    /// SIGINT or SIGTERM arrived; `control.stop()` was called if training was still going.
    case interrupted
    /// The terminal could not be used (not a TTY, unknown TERM); nothing was drawn and training was not
    /// touched. Fall back to plain progress output.
    case terminalUnavailable(reason: String)
}

/// The live training dashboard: takes trainer events from any thread, draws them on the terminal from
/// the thread that calls `run(control:)`, and turns keys into pause / resume / stop requests.
///
/// Pipeline: trainer thread -> `post` (lock-protected inbox) -> `run` loop on the calling thread drains
/// it into `DashboardState` (a pure reducer) -> `DashboardView` renders widgets into a `CellBuffer` ->
/// `CursesDriver` (the only file that calls curses) copies the buffer to the screen. Keys go the other way:
/// driver -> `DashboardState.handle(key:)` -> `KeyAction` -> `TrainingControl`. Call `run` once.
///
/// ```swift
/// let dashboard = Dashboard(details: ["Adam lr 0.001", "batch 64", "seed 42"])
/// DispatchQueue.global().async { trainer.run(control: control, events: dashboard.post) }
/// let exit = dashboard.run(control: control)   // returns when the user quits
/// ```
public final class Dashboard: @unchecked Sendable {
    private let lock = NSLock()
    private var inbox: [TrainingEvent] = []
    private var accepting = true
    /// Main-thread state (only `run` touches it).
    private var state: DashboardState
    private let monochrome: Bool

    /// - Parameters:
    ///   - title: the header title.
    ///   - shortTitle: the title on narrow terminals.
    ///   - details: configuration summary shown under the header, e.g. `["Adam lr 0.001", "batch 64"]`.
    ///   - monochrome: never use colours (`NO_COLOR` is respected either way).
    public init(title: String = DashboardState.defaultTitle, shortTitle: String = "lenet-tui",
                details: [String] = [], monochrome: Bool = false) {
        state = DashboardState(title: title, shortTitle: shortTitle, details: details)
        self.monochrome = monochrome
    }

    /// The dashboard's state as last drawn. Read it on the thread that called `run`, after `run` returned
    /// (e.g. to print the results, which vanish with the terminal's alternate screen).
    public var finalState: DashboardState { state }

    /// Plain-text lines that sum the run up, for printing after `run` returned: the epoch table and the
    /// phase ("finished", "stopped", "failed: ...").
    public func closingSummary(width: Int = 80) -> [String] {
        finalState.closingSummary(width: width)
    }

    /// Whether `run(control:)` can draw here: standard input and output are terminals and TERM is usable.
    public static var isTerminalAvailable: Bool { CursesDriver.isTerminal }

    /// Queues a trainer event. Thread-safe and cheap; call it from the trainer's queue. Events posted after
    /// `run` returned are dropped.
    @Sendable public func post(_ event: TrainingEvent) {
        lock.lock()
        if accepting { inbox.append(event) }
        lock.unlock()
    }

    /// Takes the queued events.
    func drain() -> [TrainingEvent] {
        lock.lock(); defer { lock.unlock() }
        let events = inbox
        inbox.removeAll(keepingCapacity: true)
        return events
    }

    private func close() {
        lock.lock(); accepting = false; inbox.removeAll(); lock.unlock()
    }

    /// Runs the dashboard on the calling thread (the main thread) until the user quits; the terminal is
    /// restored before it returns. When training ends the dashboard stays open with the results until `q`.
    ///
    /// Draws when events arrived or a key changed something, at most about 10 times a second; waits for
    /// keys with a 100 ms timeout (no busy loop).
    public func run(control: TrainingControl) -> DashboardExit {
        let driver: CursesDriver
        do {
            driver = try CursesDriver(monochrome: monochrome)
        } catch {
            return .terminalUnavailable(reason: error.description)
        }
        defer {
            driver.stop()
            close()
        }
        let view = DashboardView(glyphs: driver.glyphs)
        var dirty = true
        while true {
            for event in drain() {
                state.apply(event)
                dirty = true
            }
            if driver.wasInterrupted {
                if state.phase.isActive { control.stop() }
                return .interrupted
            }
            if dirty {
                let size = driver.size
                state.logViewportRows = DashboardLayout(width: size.width, height: size.height).epochLogRows
                driver.draw(view.render(state, width: size.width, height: size.height))
                dirty = false
            }
            guard let key = driver.readKey() else { continue }
            if key == .resize { driver.invalidate() }
            switch state.handle(key: key) {
            case .none:
                break
            case .redraw:
                dirty = true
            case .togglePause:
                control.togglePause()
                dirty = true
            case .quit:
                guard state.phase.isActive else { return .closedAfterRun }
                control.stop()
                return .stoppedTraining
            }
        }
    }
}
