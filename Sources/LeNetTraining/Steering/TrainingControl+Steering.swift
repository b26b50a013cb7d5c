// MARK: - Steering a run while it runs
//
// The requests behind the dashboard's `+ - < > . r` keys. Each is thread-safe and wakes a waiting trainer;
// the trainer reads them before its next mini-batch.

extension TrainingControl {
    /// The multiplier the next mini-batch's scheduled learning rate is scaled by.
    public var learningRateMultiplier: LearningRateMultiplier { read(\.multiplier) }

    /// Doubles the learning-rate multiplier from the next mini-batch on (`+`); at 1024 it stays.
    /// - Returns: the new multiplier.
    @discardableResult
    public func doubleLearningRate() -> LearningRateMultiplier {
        update { state in state.multiplier = state.multiplier.doubled; return state.multiplier }
    }

    /// Halves the learning-rate multiplier from the next mini-batch on (`-`); at 1/1024 it stays.
    /// - Returns: the new multiplier.
    @discardableResult
    public func halveLearningRate() -> LearningRateMultiplier {
        update { state in state.multiplier = state.multiplier.halved; return state.multiplier }
    }

    /// Sets the multiplier (a resumed run restores its checkpoint's this way).
    public func setLearningRateMultiplier(_ multiplier: LearningRateMultiplier) {
        update { $0.multiplier = multiplier }
    }

    /// The most mini-batches per second the trainer runs.
    public var pace: TrainingPace { read(\.pace) }

    /// Sets the pace; a trainer waiting for the old pace's interval re-times its wait at once.
    public func setPace(_ pace: TrainingPace) {
        update { $0.pace = pace }
    }

    /// One pace slower (`<`): full speed, 200, 50, 10, 2, 1 mini-batches per second.
    /// - Returns: the new pace.
    @discardableResult
    public func slowDown() -> TrainingPace {
        update { state in state.pace = state.pace.slower; return state.pace }
    }

    /// One pace faster (`>`).
    /// - Returns: the new pace.
    @discardableResult
    public func speedUp() -> TrainingPace {
        update { state in state.pace = state.pace.faster; return state.pace }
    }

    /// While paused, lets exactly one more mini-batch run (`.`); the trainer is paused again after it (no
    /// `.resumed` / `.paused` events). Each call is one mini-batch. Does nothing while running or stopping.
    /// - Returns: whether a step was queued.
    @discardableResult
    public func step() -> Bool {
        update { state in
            guard state.paused, !state.stopRequested else { return false }
            state.pendingSteps += 1
            return true
        }
    }

    /// Asks the trainer to restart from epoch 1 before its next mini-batch (`r`): the config's seed again,
    /// so the same initial weights and shuffles, and a fresh optimizer; the multiplier, pace and pause stay
    /// as they are. Wakes a paused trainer to carry it out (it stays paused afterwards).
    public func rewind() {
        update { $0.rewindRequested = true; $0.pendingSteps = 0 }
    }
}
