import LeNetEngine

// MARK: - Where in a run a set of weights was taken

/// How far training had got when a set of weights was taken: the epochs finished and the mini-batches done
/// in the epoch in progress. The trainer publishes it with every weight snapshot, the pad's title and the
/// network view say it, and the dashboard's `s` key records it in the file it writes.
public struct TrainingPosition: Sendable, Equatable, Hashable {
    /// Epochs finished (0 before the first ends).
    public let completedEpochs: Int
    /// Mini-batches done in the epoch in progress, `0...batchesPerEpoch` (0 at an epoch boundary).
    public let batch: Int
    /// Mini-batches per epoch (the last one may be partial).
    public let batchesPerEpoch: Int

    /// Makes a position.
    public init(completedEpochs: Int, batch: Int, batchesPerEpoch: Int) {
        self.completedEpochs = completedEpochs
        self.batch = batch
        self.batchesPerEpoch = batchesPerEpoch
    }

    /// The epoch in progress, 1-based (`completedEpochs + 1`; also at a boundary, where none of it is done).
    public var epoch: Int { completedEpochs == .max ? .max : completedEpochs + 1 }

    /// Whether the weights are those of a finished epoch (or the initial ones): no mini-batch of the next
    /// epoch has been applied.
    public var isEpochBoundary: Bool { batch == 0 }

    /// Whether these are the initial weights: nothing trained yet.
    public var isInitial: Bool { completedEpochs == 0 && batch == 0 }

    /// The position in words, longest first; the short ones fit narrow titles:
    /// `["epoch 3, mini-batch 561 of 938", "epoch 3, batch 561/938"]`, `["end of epoch 2", "epoch 2 done"]`,
    /// `["initial (untrained)", "untrained"]`.
    public var descriptions: [String] {
        if isInitial { return ["initial (untrained)", "untrained"] }
        if isEpochBoundary { return ["end of epoch \(completedEpochs)", "epoch \(completedEpochs) done"] }
        return ["epoch \(epoch), mini-batch \(batch) of \(batchesPerEpoch)", "epoch \(epoch), batch \(batch)/\(batchesPerEpoch)"]
    }

    /// The longest description: `epoch 3, mini-batch 561 of 938`.
    public var description: String { descriptions[0] }
}

/// A consistent copy of the weights being trained, with the position they were taken at.
public struct WeightSnapshot: Sendable {
    /// The weights, PyTorch layouts.
    public let parameters: LeNet5Parameters
    /// Where in the run they were taken.
    public let position: TrainingPosition

    /// Makes a snapshot.
    public init(parameters: LeNet5Parameters, position: TrainingPosition) {
        self.parameters = parameters
        self.position = position
    }

    /// Epochs finished when the weights were taken (`position.completedEpochs`).
    public var epoch: Int { position.completedEpochs }
}
