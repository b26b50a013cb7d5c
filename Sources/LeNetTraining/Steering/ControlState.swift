// MARK: - The requests a TrainingControl holds, and what the trainer does next
//
// Pure value logic, apart from threads and clocks: `TrainingControl` keeps one `ControlState` behind its
// condition, and its trainer-side wait asks `nextTurn` what to do, waiting as told.

/// What the trainer does before its next mini-batch, as `ControlState.nextTurn` decides.
enum ControlTurn: Equatable {
    /// End the run (a stop was requested; it also ends a pause or a pace wait).
    case stop
    /// Restart from epoch 1 with the config's seed (the request is consumed).
    case rewind
    /// Train the next mini-batch; `step` when it is one single step taken while paused.
    case train(step: Bool)
    /// Paused with no step pending: wait until woken.
    case waitForResume
    /// The pace holds the next mini-batch back until this `DispatchTime` uptime (nanoseconds).
    case waitUntil(UInt64)
}

/// The pause, stop, step and rewind requests and the steering settings (learning-rate multiplier, pace)
/// of one run.
struct ControlState: Equatable {
    /// A pause was requested and not lifted.
    var paused = false
    /// A stop was requested (never lifted).
    var stopRequested = false
    /// A rewind was requested and not yet carried out.
    var rewindRequested = false
    /// Single steps asked for while paused and not yet taken.
    var pendingSteps = 0
    /// The factor the schedule's rate is scaled by, read before every mini-batch.
    var multiplier = LearningRateMultiplier.one
    /// Mini-batches per second at most.
    var pace = TrainingPace.fullSpeed

    /// Decides the trainer's next move; consumes a rewind request or one pending step when it returns it.
    /// Order: stop, rewind, pause (a pending step runs, else wait), pace, train.
    /// - Parameters:
    ///   - now: the current `DispatchTime` uptime, nanoseconds.
    ///   - lastStart: when the previous mini-batch started (same clock), nil before the first one of the
    ///     run (nothing to space from).
    mutating func nextTurn(now: UInt64, lastStart: UInt64?) -> ControlTurn {
        if stopRequested { return .stop }
        if rewindRequested {
            rewindRequested = false
            return .rewind
        }
        if paused {
            guard pendingSteps > 0 else { return .waitForResume }
            pendingSteps -= 1
            return .train(step: true)
        }
        if let interval = pace.interval, let lastStart {
            let due = lastStart &+ UInt64((interval * 1e9).rounded())
            if now < due { return .waitUntil(due) }
        }
        return .train(step: false)
    }
}
