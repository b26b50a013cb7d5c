import LeNetFormats
import LeNetTraining

// MARK: - What quitting keeps and loses

/// A checkpoint the dashboard's s key wrote: the line the status line shows and where in training its
/// weights were taken.
public struct SavedWeights: Sendable, Equatable {
    /// What the status line says, e.g. `saved checkpoints/lenet5-saved.safetensors (epoch 3, mini-batch 561 of 938)`.
    public var line: String
    /// Where the saved weights were taken (`nil`: unknown, then the save counts as taken now).
    public var position: TrainingPosition?

    /// - Parameters:
    ///   - line: the status line's note.
    ///   - position: the snapshot's position (`WeightSnapshot.position`).
    public init(line: String, position: TrainingPosition? = nil) {
        self.line = line
        self.position = position
    }
}

extension DashboardState {
    /// Records a checkpoint written by s: the status line says where, and the quit question counts the
    /// mini-batches lost from the save's position (those trained while it was written are not saved);
    /// a save no newer than the last epoch checkpoint changes nothing there.
    public mutating func noteSaved(_ saved: SavedWeights) {
        checkpointNote = saved.line
        guard let position = saved.position, let savedIndex = Self.index(position) else {
            savedPosition = nil
            batchesSinceCheckpoint = 0
            return
        }
        if let kept = keptEpoch, let keptIndex = Self.index(epochsDone: kept, position), savedIndex <= keptIndex { return }
        savedPosition = position
        batchesSinceCheckpoint = max(0, (Self.index(trainingPosition) ?? savedIndex) - savedIndex)
    }

    /// Records a checkpoint written by s, where in training unknown (as if taken now).
    public mutating func noteSaved(_ message: String) {
        noteSaved(SavedWeights(line: message))
    }

    /// The epochs the last resumable checkpoint holds: the trainer's latest epoch checkpoint, else the one a
    /// resumed run started from; `nil` when there is none (a new run before its first epoch, or a rewound one).
    var keptEpoch: Int? {
        checkpointEpoch ?? plan.flatMap { $0.firstEpoch > 1 ? $0.firstEpoch - 1 : nil }
    }

    /// Mini-batches trained since what quitting keeps (the s save, else the epoch checkpoint, else the start).
    var batchesLostOnQuit: Int {
        let now = trainingPosition
        guard let nowIndex = Self.index(now) else { return batchesSinceCheckpoint }
        if let saved = savedPosition, let savedIndex = Self.index(saved) { return max(0, nowIndex - savedIndex) }
        return max(0, nowIndex - (Self.index(epochsDone: keptEpoch ?? 0, now) ?? 0))
    }

    /// The quit question (q with unsaved progress): what stays on disk and what is lost, longest first;
    /// the status line shows the first that fits, so the answers (y, s, n) always show:
    /// `quit? kept: weights saved at epoch 3, batch 561/938; lost: 37 mini-batches since — y quit  s save & quit  n stay`.
    public var quitPrompts: [String] {
        let answers = "y quit  s save & quit  n stay"
        let lost = batchesLostOnQuit
        let batches = ReportFormat.counted(lost, "mini-batch", plural: "mini-batches")
        let verb = lost == 1 ? "is" : "are"
        var prompts: [String]
        if let saved = savedPosition {
            let at = saved.descriptions
            prompts = [
                "quit? kept: the weights saved at \(at[0]); lost: the \(batches) trained since",
                "quit? kept: weights saved at \(at[at.count - 1]); lost: \(batches) since",
                "quit? kept: weights of \(at[at.count - 1]); lost: \(Format.grouped(lost)) since",
                "quit? \(batches) since the save \(verb) lost",
            ]
        } else if let epoch = keptEpoch {
            prompts = [
                "quit? kept: epoch \(epoch)'s checkpoint; lost: the \(batches) trained since",
                "quit? kept: epoch \(epoch)'s checkpoint; lost: \(batches) since",
                "quit? \(batches) since epoch \(epoch) \(verb) lost",
            ]
        } else {
            prompts = [
                "quit? nothing is saved yet: the \(batches) trained so far \(verb) lost",
                "quit? \(batches) so far \(verb) lost",
            ]
        }
        prompts.append("quit? unsaved progress is lost")
        return prompts.map { "\($0) — \(answers)" } + ["quit? \(answers)"]
    }

    /// Mini-batches from the start of training to `position` (`nil` without a known epoch length).
    static func index(_ position: TrainingPosition) -> Int? {
        index(epochsDone: position.completedEpochs, position).map { $0 + position.batch }
    }

    /// Mini-batches in `epochs` whole epochs of `position`'s length.
    static func index(epochsDone epochs: Int, _ position: TrainingPosition) -> Int? {
        guard position.batchesPerEpoch > 0 else { return nil }
        let (product, overflow) = epochs.multipliedReportingOverflow(by: position.batchesPerEpoch)
        return overflow ? nil : product
    }
}
