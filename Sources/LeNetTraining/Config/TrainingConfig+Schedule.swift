#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Per-mini-batch learning rates (one-cycle) and the optimizer's name

extension TrainingConfig {
    /// The scheduled learning rate of mini-batch `batch` (1-based) of `epoch` (1-based), before the live
    /// multiplier. The epoch schedules (`constant`, `step`, `cosine`) give `learningRate(forEpoch:)` for
    /// every mini-batch of the epoch; `one_cycle` changes after every mini-batch, as PyTorch's
    /// `OneCycleLR(max_lr = learning_rate, epochs, steps_per_epoch = batchesPerEpoch, pct_start,
    /// div_factor, final_div_factor, anneal_strategy="cos", three_phase=False)` stepped once per mini-batch
    /// (its `cycle_momentum` is not applied: Adam's β1 stays 0.9, SGD's momentum stays `momentum`):
    ///
    /// step `t = (epoch − 1)·batchesPerEpoch + batch − 1` of `T = epochs·batchesPerEpoch`;
    /// `initial = max / div_factor`, `min = initial / final_div_factor`; phase 1 ends at step
    /// `e1 = pct_start·T − 1`, phase 2 at `T − 1`; in phase 1 the rate anneals from `initial` to `max` with
    /// `pct = t / e1`, in phase 2 from `max` to `min` with `pct = (t − e1) / (T − 1 − e1)`, where
    /// `anneal(a, b, pct) = b + (a − b)/2 · (cos(π·pct) + 1)`. Steps past `T` (resumed beyond `epochs`)
    /// keep phase 2's formula, as PyTorch's `get_lr` would (it raises instead).
    public func learningRate(epoch: Int, batch: Int, batchesPerEpoch: Int) -> Double {
        guard lrSchedule == .oneCycle else { return learningRate(forEpoch: epoch) }
        let perEpoch = max(batchesPerEpoch, 1)
        let total = Double(max(epochs, 1) * perEpoch)
        let step = Double((max(epoch, 1) - 1) * perEpoch + max(batch, 1) - 1)
        let initial = learningRate / oneCycleDivFactor
        let minimum = initial / oneCycleFinalDivFactor
        let firstEnd = oneCyclePctStart * total - 1
        func anneal(_ start: Double, _ end: Double, _ pct: Double) -> Double {
            end + (start - end) / 2 * (cos(Double.pi * pct) + 1)
        }
        if step <= firstEnd {
            return anneal(initial, learningRate, step / firstEnd)
        }
        return anneal(learningRate, minimum, (step - firstEnd) / (total - 1 - firstEnd))
    }

    /// The optimizer as headers name it: `Adam`, `AdamW wd 0.05`, `SGD momentum 0.9`.
    public var optimizerDescription: String {
        switch optimizer {
        case .adam: return "Adam"
        case .adamw: return "AdamW wd \(weightDecay)"
        case .sgd: return "SGD momentum \(momentum)"
        }
    }
}
