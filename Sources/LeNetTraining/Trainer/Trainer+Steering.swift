import Dispatch
import LeNetEngine

// MARK: - Steering inside the training loop
//
// The trainer's side of `TrainingControl`: before every mini-batch it waits its turn (pause, single step,
// pace), carries out a stop or a rewind, and reads the learning-rate multiplier, reporting each change as
// an event. The time spent waiting is outside the mini-batch's clock, so it counts in neither the training
// time nor images/s.

/// The trainer's bookkeeping of the steering between two mini-batches (one per run, on the trainer's thread).
struct SteeringLoop {
    /// When the previous mini-batch started (`DispatchTime` uptime, ns): the pace spaces starts from it.
    private var lastStart: UInt64?
    /// `.paused` was sent and `.resumed` not yet.
    private var pauseReported = false
    /// The multiplier the previous mini-batch used.
    private(set) var multiplier: LearningRateMultiplier

    /// - Parameter multiplier: the multiplier in force when the loop starts (the control's).
    init(multiplier: LearningRateMultiplier) {
        self.multiplier = multiplier
    }

    /// Waits until the next mini-batch may run and says whether to train, stop or rewind. Reports
    /// `.paused` once when a pause begins and `.resumed` when training goes on (a single step taken while
    /// paused reports neither: the run is paused again after it).
    mutating func awaitTurn(_ control: TrainingControl, sink: (TrainingEvent) -> Void) -> ControlTurn {
        var reported = pauseReported
        let turn = control.awaitTurn(lastStart: lastStart) {
            if !reported { reported = true; sink(.paused) }
        }
        pauseReported = reported
        if turn == .train(step: false) && pauseReported {
            pauseReported = false
            sink(.resumed)
        }
        return turn
    }

    /// Marks the start of a mini-batch (after the wait), for the pace.
    mutating func noteStart(_ uptime: UInt64) {
        lastStart = uptime
    }

    /// The effective learning rate of mini-batch `batch` of `epoch`: `scheduled` × the control's
    /// multiplier, read now. When the multiplier differs from the previous mini-batch's, sends
    /// `.learningRateChanged` first.
    mutating func learningRate(epoch: Int, batch: Int, scheduled: Double, control: TrainingControl,
                               sink: (TrainingEvent) -> Void) -> Double {
        let current = control.learningRateMultiplier
        if current != multiplier {
            sink(.learningRateChanged(LearningRateChange(
                epoch: epoch, batch: batch, oldRate: scheduled * multiplier.value, newRate: scheduled * current.value,
                oldMultiplier: multiplier, newMultiplier: current)))
            multiplier = current
        }
        return scheduled * current.value
    }
}

extension Trainer {
    /// The state a run starts from at epoch 1: `SplitMix64(config.seed)`, PyTorch's default initialisation
    /// drawn from it, and a fresh optimizer. Used by a new run and by a rewind, so both start identically.
    func freshStart() -> (rng: SplitMix64, parameters: LeNet5Parameters, optimizer: any Optimizer) {
        var rng = SplitMix64(seed: config.seed)
        let parameters = LeNet5Parameters.pytorchDefault(using: &rng)
        return (rng, parameters, makeOptimizer())
    }
}
