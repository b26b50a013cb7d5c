import Dispatch
import Foundation
import LeNetEngine

/// Thread-safe requests shared by the trainer and whoever steers it (the TUI's key handler, a signal
/// handler): pause / resume / stop here, and the steering of `TrainingControl+Steering.swift` (learning-rate
/// multiplier, pace, single step, rewind). The trainer asks it before every mini-batch, so every request
/// takes effect within one mini-batch; a paused or pace-held trainer waits on its condition and is woken
/// at once by any request.
public final class TrainingControl: Sendable {
    /// The requests and settings; a trainer waiting for its turn is woken by every `update`.
    private let state = Locked(ControlState())

    public init() {}

    /// Runs `body` on the state with the lock held, then wakes a waiting trainer.
    @discardableResult
    func update<Result>(_ body: (inout ControlState) -> Result) -> Result {
        state.update(body)
    }

    /// Reads the state with the lock held.
    func read<Result>(_ body: (ControlState) -> Result) -> Result {
        state.withLock { body($0) }
    }

    /// Asks the trainer to pause after the current mini-batch.
    public func pause() {
        update { $0.paused = true }
    }

    /// Lets a paused trainer go on (single steps not yet taken are dropped).
    public func resume() {
        update { $0.paused = false; $0.pendingSteps = 0 }
    }

    /// Pauses when running, resumes when paused. Returns the new paused state.
    @discardableResult
    public func togglePause() -> Bool {
        update { state in
            state.paused.toggle()
            if !state.paused { state.pendingSteps = 0 }
            return state.paused
        }
    }

    /// Asks the trainer to stop after the current mini-batch (also wakes a paused or pace-held trainer).
    public func stop() {
        update { $0.stopRequested = true }
    }

    /// Whether a pause was requested and not yet lifted.
    public var isPaused: Bool { read(\.paused) }

    /// Whether a stop was requested.
    public var isStopRequested: Bool { read(\.stopRequested) }

    /// Blocks the calling (trainer) thread until the next mini-batch may run, and says what to do:
    /// `.train`, `.stop` or `.rewind` (never a wait). While paused it calls `onPause` (without the lock)
    /// once before it first blocks, so the trainer can report `.paused`; the pace's wait is a timed wait on
    /// the same condition, so pause, stop, step, rewind and pace changes wake it at once.
    /// - Parameter lastStart: `DispatchTime` uptime (ns) the previous mini-batch started at; nil for none.
    func awaitTurn(lastStart: UInt64?, onPause: () -> Void) -> ControlTurn {
        var announced = false
        while true {
            // nil: a pause to announce, outside the lock; then wait again.
            let turn: ControlTurn? = state.wait { state in
                switch state.nextTurn(now: DispatchTime.now().uptimeNanoseconds, lastStart: lastStart) {
                case .waitForResume:
                    return announced ? .wait(until: nil) : .done(nil)
                case .waitUntil(let due):
                    let now = DispatchTime.now().uptimeNanoseconds
                    return .wait(until: Date(timeIntervalSinceNow: due > now ? Double(due - now) / 1e9 : 0))
                case let turn:
                    return .done(turn)
                }
            }
            if let turn { return turn }
            announced = true
            onPause()
        }
    }
}
