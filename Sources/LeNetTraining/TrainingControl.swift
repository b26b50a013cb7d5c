import Foundation

/// Thread-safe pause / resume / stop switch shared by the trainer and whoever steers it (the TUI's key
/// handler, a signal handler). The trainer checks it between mini-batches, so every request takes effect
/// within one mini-batch.
public final class TrainingControl: @unchecked Sendable {
    private let condition = NSCondition()
    private var pausedFlag = false
    private var stopFlag = false

    public init() {}

    /// Asks the trainer to pause after the current mini-batch.
    public func pause() {
        condition.lock(); pausedFlag = true; condition.unlock()
    }

    /// Lets a paused trainer go on.
    public func resume() {
        condition.lock(); pausedFlag = false; condition.broadcast(); condition.unlock()
    }

    /// Pauses when running, resumes when paused. Returns the new paused state.
    @discardableResult
    public func togglePause() -> Bool {
        condition.lock(); defer { condition.unlock() }
        pausedFlag.toggle()
        if !pausedFlag { condition.broadcast() }
        return pausedFlag
    }

    /// Asks the trainer to stop after the current mini-batch (also wakes a paused trainer).
    public func stop() {
        condition.lock(); stopFlag = true; condition.broadcast(); condition.unlock()
    }

    /// Whether a pause was requested and not yet lifted.
    public var isPaused: Bool {
        condition.lock(); defer { condition.unlock() }
        return pausedFlag
    }

    /// Whether a stop was requested.
    public var isStopRequested: Bool {
        condition.lock(); defer { condition.unlock() }
        return stopFlag
    }

    /// Blocks the calling (trainer) thread while paused. Returns `true` when a pause actually happened,
    /// so the trainer can report `.paused` / `.resumed` and leave paused time out of its clocks.
    /// Returns early when a stop is requested.
    @discardableResult
    func waitWhilePaused(onPause: () -> Void) -> Bool {
        condition.lock(); defer { condition.unlock() }
        guard pausedFlag && !stopFlag else { return false }
        condition.unlock(); onPause(); condition.lock()
        while pausedFlag && !stopFlag { condition.wait() }
        return true
    }
}
