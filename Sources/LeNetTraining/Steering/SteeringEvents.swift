import Foundation

// MARK: - What the trainer reports about steering

/// The learning-rate multiplier changed between two mini-batches (`TrainingEvent.learningRateChanged`),
/// reported just before the first mini-batch that uses the new rate.
public struct LearningRateChange: Sendable, Equatable, CustomStringConvertible {
    /// Epoch of the first mini-batch with the new rate, 1-based.
    public let epoch: Int
    /// That mini-batch, 1-based within the epoch.
    public let batch: Int
    /// The effective rate before: the schedule's rate of `epoch` × `oldMultiplier`.
    public let oldRate: Double
    /// The effective rate from `batch` on: the schedule's rate of `epoch` × `newMultiplier`.
    public let newRate: Double
    /// The multiplier before.
    public let oldMultiplier: LearningRateMultiplier
    /// The multiplier from `batch` on.
    public let newMultiplier: LearningRateMultiplier

    public init(epoch: Int, batch: Int, oldRate: Double, newRate: Double,
                oldMultiplier: LearningRateMultiplier, newMultiplier: LearningRateMultiplier) {
        self.epoch = epoch
        self.batch = batch
        self.oldRate = oldRate
        self.newRate = newRate
        self.oldMultiplier = oldMultiplier
        self.newMultiplier = newMultiplier
    }

    /// The epoch log's line: `lr x2 -> 0.002 at epoch 3, batch 120` (`/2` when halved; the rate with 6
    /// significant digits, as metrics.csv writes it).
    public var description: String { "\(rateChange) at epoch \(epoch), batch \(batch)" }

    /// The change alone, without where it happened: `lr x2 -> 0.002` (the log's short form).
    public var rateChange: String {
        "lr \(newMultiplier.change(from: oldMultiplier)) -> \(String(format: "%.6g", newRate))"
    }
}

/// The run restarted from epoch 1 (`TrainingEvent.rewound`), reported before the first mini-batch of the
/// new start; a `.batchDone` of epoch 1, mini-batch 1 follows (unless paused).
public struct Rewind: Sendable, Equatable, CustomStringConvertible {
    /// The epoch in progress when the rewind happened, 1-based.
    public let fromEpoch: Int
    /// Mini-batches done in that epoch (0 at an epoch boundary).
    public let fromBatch: Int
    /// The seed the weights and shuffles start from again (the config's).
    public let seed: UInt64
    /// The multiplier kept for the new start.
    public let multiplier: LearningRateMultiplier
    /// The pace kept for the new start.
    public let pace: TrainingPace
    /// The restarted run's plan: first epoch 1, otherwise as before.
    public let plan: TrainingPlan

    public init(fromEpoch: Int, fromBatch: Int, seed: UInt64, multiplier: LearningRateMultiplier,
                pace: TrainingPace, plan: TrainingPlan) {
        self.fromEpoch = fromEpoch
        self.fromBatch = fromBatch
        self.seed = seed
        self.multiplier = multiplier
        self.pace = pace
        self.plan = plan
    }

    /// The epoch log's line: `rewound at epoch 3, batch 120: from epoch 1 again, seed 1 (lr x2 kept)`; the
    /// multiplier is named only when it is not 1.
    public var description: String { "\(position): from epoch 1 again, seed \(seed)\(keptNote)" }

    /// Where the rewind happened: `rewound at epoch 3, batch 120` (the log's short forms start with it).
    public var position: String { "rewound at epoch \(fromEpoch), batch \(fromBatch)" }

    /// ` (lr x2 kept)`, or nothing when the multiplier is 1.
    public var keptNote: String { multiplier == .one ? "" : " (lr \(multiplier.change(from: .one)) kept)" }
}

extension TrainingPlan {
    /// The same plan starting at epoch 1 (after a rewind).
    public var restarted: TrainingPlan {
        TrainingPlan(firstEpoch: 1, epochs: epochs, batchesPerEpoch: batchesPerEpoch, trainImages: trainImages,
                     testImages: testImages, batchSize: batchSize)
    }
}
